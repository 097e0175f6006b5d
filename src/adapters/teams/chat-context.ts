// Builds the core's ChatContext from a Teams activity. Who and where come from the activity the
// Bot Framework delivered (its JWT is checked in authenticated mode), never from card data.
import { createHash, randomUUID } from "node:crypto";
import type { ChatContext } from "../../core/chat-api.ts";
import type { TeamsActivity } from "./teams-activity.ts";

/** The tenant used when the Agents Playground (local mode) sends no tenant id. */
export const LOCAL_TENANT_ID = "local";

export type TeamsMode = "authenticated" | "local";

export class MissingTenantError extends Error {
  readonly code = "TEAMS_TENANT_MISSING";
  constructor() {
    super("The Teams activity carries no tenant id (conversation.tenantId or channelData.tenant.id)");
  }
}

/** The Teams tenant decides the practice. Only local mode may fall back to a fixed tenant. */
export function tenantIdOf(activity: Partial<TeamsActivity>, mode: TeamsMode): string {
  const tenant = activity.conversation?.tenantId || activity.channelData?.tenant?.id;
  if (tenant) return tenant;
  if (mode === "local") return LOCAL_TENANT_ID;
  throw new MissingTenantError();
}

/**
 * The reference we store and hand to the core, made for proactive sends: no activity id (a digest is
 * not a reply to the message that asked for it) and no thread suffix on a channel's conversation id
 * (a digest is a new post in the channel, not a reply in whatever thread "digest here" was typed).
 * It is also stable across messages, so storing it again when nothing changed can be skipped.
 */
export function conversationReferenceJson(activity: TeamsActivity): string {
  // The same fields, in the same order, as the botbuilder version stored (TurnContext.getConversationReference),
  // so a chat stored before the move to the Teams SDK compares equal and is not rewritten.
  const conversation = { ...activity.conversation };
  if (conversation.conversationType === "channel") conversation.id = conversation.id.replace(/;messageid=\d+$/, "");
  const reference = {
    user: activity.from,
    bot: activity.recipient,
    conversation,
    channelId: activity.channelId,
    locale: activity.locale,
    serviceUrl: activity.serviceUrl,
  };
  return JSON.stringify(reference);
}

export function isPersonalChat(activity: Partial<TeamsActivity>): boolean {
  return activity.conversation?.conversationType === "personal";
}

export function teamsChatContext(activity: TeamsActivity, mode: TeamsMode, requestKey: string): ChatContext {
  const teamName = activity.channelData?.team?.name ?? undefined;
  return {
    platform: "teams",
    workspaceId: tenantIdOf(activity, mode),
    ...(teamName ? { workspaceName: teamName } : {}),
    userId: activity.from?.aadObjectId ?? activity.from?.id ?? "",
    userName: activity.from?.name?.trim() || "Teams user",
    conversation: conversationReferenceJson(activity),
    requestKey,
    ...(isPersonalChat(activity) ? {} : { sharedConversation: true }),
    // Local mode is the operator's own machine (loopback only): everyone there is an admin.
    ...(mode === "local" ? { platformAdmin: true } : {}),
  };
}

/** A message is retried by the connector with the same id; ids are only unique within a conversation. */
export function messageRequestKey(activity: Partial<TeamsActivity>): string {
  if (!activity.id) return `teams:msg:${randomUUID()}`;
  return `teams:msg:${digest([activity.conversation?.id ?? "", activity.id])}`;
}

/**
 * A click's key must be the same for a retried invoke and for a second click of the same button on
 * the same card, so it is built from the card's message id (replyToId), the verb and the data,
 * never from the invoke's own activity id, which is new on every click.
 */
export function actionRequestKey(activity: Partial<TeamsActivity>, verb: string, data: unknown): string {
  const card = activity.replyToId ?? activity.id ?? randomUUID();
  return `teams:act:${digest([activity.conversation?.id ?? "", card, verb, stableJson(data)])}`;
}

function digest(parts: string[]): string {
  return createHash("sha256").update(parts.join("\n")).digest("base64url").slice(0, 32);
}

/** JSON with sorted keys, so the same data always hashes the same. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${stableJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value) ?? "null";
}
