// Stores the conversation reference personal digests need: each member's personal chat with the bot.
// (The practice's digest chat, "digest here", is stored by the core.)
import type { ChatContext } from "../../../core/chat-api.ts";
import { stableJson } from "../chat-context.ts";
import type { TeamsHandlerDeps } from "./handler-deps.ts";

/**
 * Saves the member's personal chat so their personal digest can reach them. Returns false when it
 * was already known (the install handler greets only on first contact).
 */
export async function rememberPersonalChat(deps: TeamsHandlerDeps, ctx: ChatContext): Promise<boolean> {
  if (!ctx.conversation) return false;
  const actor = await deps.core.resolveActor(ctx);
  if (!actor.memberId) return false;
  const stored = await deps.repos.members.getDmConversation(actor.memberId);
  // The reference is normalised (no activity id), so an unchanged chat costs a read, not a write;
  // compared as data, since a reference stored by an earlier version may list its fields in another order.
  if (!sameReference(stored, ctx.conversation)) {
    await deps.repos.members.setDmConversation(actor.memberId, ctx.conversation);
  }
  return stored === null;
}

function sameReference(stored: string | null, current: string): boolean {
  if (stored === null) return false;
  if (stored === current) return true;
  try {
    return stableJson(JSON.parse(stored)) === stableJson(JSON.parse(current));
  } catch {
    return false;
  }
}
