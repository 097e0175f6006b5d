// A ChatCore whose answers each test scripts, recording every call with the context the adapter
// built. Used where a test is about the adapter's side of the contract (ack, rendering, keys).
import type { ActionResult, ChatContext, ChatCore } from "../../../../src/core/chat-api.ts";
import type { Actor } from "../../../../src/core/model.ts";
import { type Reply, textReply } from "../../../../src/core/reply.ts";

export type CoreCall =
  | { kind: "command"; ctx: ChatContext; command: string; text: string }
  | { kind: "action"; ctx: ChatContext; actionId: string; value: string }
  | { kind: "form"; ctx: ChatContext; formKind: string; metadata: string; values: Record<string, unknown> };

export class ScriptedCore implements ChatCore {
  readonly calls: CoreCall[] = [];
  onCommand: (ctx: ChatContext, command: string, text: string) => Promise<{ reply: Reply }> = async (
    _ctx,
    command,
    text,
  ) => ({ reply: textReply(`ran ${command} ${text}`.trim()) });
  onAction: (ctx: ChatContext, actionId: string, value: string) => Promise<ActionResult> = async () => ({});
  onForm: (ctx: ChatContext, kind: string, metadata: string, values: Record<string, unknown>) => Promise<Reply> =
    async () => textReply("Saved", { tone: "success" });

  async runCommand(ctx: ChatContext, command: string, text: string) {
    this.calls.push({ kind: "command", ctx, command, text });
    return this.onCommand(ctx, command, text);
  }

  async runAction(ctx: ChatContext, actionId: string, value: string) {
    this.calls.push({ kind: "action", ctx, actionId, value });
    return this.onAction(ctx, actionId, value);
  }

  async submitForm(ctx: ChatContext, kind: string, metadata: string, values: Record<string, unknown>) {
    this.calls.push({ kind: "form", ctx, formKind: kind, metadata, values });
    return this.onForm(ctx, kind, metadata, values);
  }

  async resolveActor(ctx: ChatContext): Promise<Actor> {
    return {
      practiceId: `practice-of-${ctx.workspaceId}`,
      memberId: null,
      name: ctx.userName,
      channel: "slack",
      role: null,
    };
  }

  commands() {
    return this.calls.filter((c): c is Extract<CoreCall, { kind: "command" }> => c.kind === "command");
  }

  actions() {
    return this.calls.filter((c): c is Extract<CoreCall, { kind: "action" }> => c.kind === "action");
  }

  forms() {
    return this.calls.filter((c): c is Extract<CoreCall, { kind: "form" }> => c.kind === "form");
  }
}
