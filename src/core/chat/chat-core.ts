// The core behind every chat platform: commands, buttons and forms in, neutral replies out.
import type { ChatCore } from "../chat-api.ts";
import { errorReply } from "../reply.ts";
import { runAction } from "./actions.ts";
import { resolveActor } from "./actor.ts";
import { runCommand } from "./commands.ts";
import type { CoreDeps } from "./deps.ts";
import { submitForm } from "./forms.ts";

export function createChatCore(deps: CoreDeps, onError?: (error: unknown) => void): ChatCore {
  // Every entry point answers with a reply, never an exception: the user sees a friendly error.
  const guard = async <T>(work: () => Promise<T>, fallback: T): Promise<T> => {
    try {
      return await work();
    } catch (error) {
      onError?.(error);
      return fallback;
    }
  };
  const sorry = errorReply("Something went wrong on my side; nothing was changed.", "Please try again in a moment.");
  return {
    resolveActor: (ctx) => resolveActor(deps.repos, ctx),
    runCommand: (ctx, command, text) =>
      guard(async () => runCommand(deps, ctx, await resolveActor(deps.repos, ctx), command, text), { reply: sorry }),
    runAction: (ctx, actionId, value) =>
      guard(async () => runAction(deps, ctx, await resolveActor(deps.repos, ctx), actionId, value), { notice: sorry }),
    submitForm: (ctx, kind, metadata, values) =>
      guard(async () => submitForm(deps, ctx, await resolveActor(deps.repos, ctx), kind, metadata, values), sorry),
  };
}
