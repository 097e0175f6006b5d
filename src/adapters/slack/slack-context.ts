// Who is asking, read from the signed Slack payload only. The workspace decides the practice, so it
// comes from Bolt's context (team/enterprise of the verified request), never from a value the user
// can edit such as a button value or a form field.
import { createHash } from "node:crypto";
import type { Context } from "@slack/bolt";
import type { ChatContext } from "../../core/chat-api.ts";

/** Bolt context key set by a middleware: this request comes from the operator's single-token workspace. */
export const OPERATOR_WORKSPACE = "referralNudgeOperatorWorkspace";

export class SlackContextError extends Error {
  readonly code = "SLACK_NO_WORKSPACE";
}

/** Enterprise id for org-wide installs, else team id: the same key the installation store uses. */
export function workspaceIdOf(context: Pick<Context, "isEnterpriseInstall" | "enterpriseId" | "teamId">): string {
  const id = context.isEnterpriseInstall
    ? (context.enterpriseId ?? context.teamId)
    : (context.teamId ?? context.enterpriseId);
  if (!id) throw new SlackContextError("The Slack request carries neither a team nor an enterprise id");
  return id;
}

/** A short, stable key from parts that may be long (a button value is up to 2000 characters). */
export function hashKey(prefix: string, ...parts: string[]): string {
  const digest = createHash("sha256").update(parts.join("\u0000")).digest("hex").slice(0, 40);
  return `${prefix}:${digest}`;
}

export function chatContext(input: {
  context: Context;
  userId: string;
  userName: string;
  workspaceName?: string | undefined;
  conversation?: string | undefined;
  requestKey: string;
  /** Slack says this user owns or administers the workspace (users.info, see slack-users.ts). */
  platformAdmin?: boolean;
}): ChatContext {
  return {
    platform: "slack",
    workspaceId: workspaceIdOf(input.context),
    ...(input.workspaceName ? { workspaceName: input.workspaceName } : {}),
    userId: input.userId,
    userName: input.userName,
    ...(input.conversation ? { conversation: input.conversation } : {}),
    requestKey: input.requestKey,
    ...(input.context[OPERATOR_WORKSPACE] === true ? { operatorWorkspace: true } : {}),
    ...(input.platformAdmin === true ? { platformAdmin: true } : {}),
  };
}

/** A slash command: its trigger_id is unique per invocation (Slack does not retry commands). */
export function commandRequestKey(triggerId: string): string {
  return `slack:cmd:${triggerId}`;
}

/**
 * A button click. The trigger_id differs on every click, so it cannot be the key: a double click
 * must log one touch. What two clicks on the same rendered button share is where the button is
 * (the message, or the exact version of the view) and what it says (action id and value).
 * A view's hash changes each time we publish it, so a button shown again later is a new key.
 */
export function actionRequestKey(input: {
  workspaceId: string;
  container: Record<string, unknown>;
  channelId?: string | undefined;
  messageTs?: string | undefined;
  viewId?: string | undefined;
  viewHash?: string | undefined;
  actionId: string;
  value: string;
}): string {
  const place =
    input.container["type"] === "view"
      ? ["view", input.viewId ?? String(input.container["view_id"] ?? ""), input.viewHash ?? ""]
      : [
          "message",
          input.channelId ?? String(input.container["channel_id"] ?? ""),
          input.messageTs ?? String(input.container["message_ts"] ?? ""),
        ];
  return hashKey("slack:act", input.workspaceId, ...place, input.actionId, input.value);
}

/** A form submission: the same values submitted twice from the same modal are one submission. */
export function viewRequestKey(workspaceId: string, viewId: string, values: Record<string, unknown>): string {
  return hashKey("slack:view", workspaceId, viewId, JSON.stringify(values));
}

/** An Events API delivery: the event_id is the same on Slack's retries. */
export function eventRequestKey(eventId: string | undefined, fallback: string): string {
  return eventId ? `slack:evt:${eventId}` : hashKey("slack:evt", fallback);
}
