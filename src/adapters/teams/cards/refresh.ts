// Universal Actions' refresh: a digest card carries a `refresh` section, so when someone opens the
// chat Teams asks the bot (an `adaptiveCard/action` invoke, trigger "automatic") for the card as it
// stands for them now: nudges others marked done since it was posted show as done, for each viewer.
import type { Digest } from "../../../core/digest/digest-model.ts";
import { type AdaptiveCard, type CardRefresh, cardBytes } from "../render/adaptive-card.ts";

export const REFRESH_VERB = "digest.refresh";
/** Teams refreshes a card automatically for at most 60 listed users; others get "Refresh card" in its menu. */
export const MAX_REFRESH_USERS = 60;

/** The button data a refresh carries: the same run and person a digest's buttons carry (`r`, `m`). */
export function refreshValue(origin: { runId: string | null; memberId: string | null }): string {
  return JSON.stringify({
    ...(origin.runId ? { r: origin.runId } : {}),
    ...(origin.memberId ? { m: origin.memberId } : {}),
  });
}

export function refreshSection(value: string, userIds: readonly string[]): CardRefresh {
  return {
    action: { type: "Action.Execute", title: "Refresh", verb: REFRESH_VERB, data: { value } },
    userIds: [...new Set(userIds.filter(Boolean))].slice(0, MAX_REFRESH_USERS),
  };
}

/**
 * Teams' message limit is about 28 KB and the card is drawn to 24 KB (reply-to-card.ts); the refresh
 * may take what is left, so user ids beyond that are left out (they can still refresh by hand).
 */
export const REFRESH_CARD_LIMIT_BYTES = 27 * 1024;

export function withRefresh(card: AdaptiveCard, refresh: CardRefresh): AdaptiveCard {
  const userIds = [...refresh.userIds];
  let refreshed: AdaptiveCard = { ...card, refresh: { ...refresh, userIds } };
  while (userIds.length > 0 && cardBytes(refreshed) > REFRESH_CARD_LIMIT_BYTES) {
    userIds.pop();
    refreshed = { ...card, refresh: { ...refresh, userIds: [...userIds] } };
  }
  return refreshed;
}

export function digestRefresh(digest: Digest, userIds: readonly string[]): CardRefresh {
  return refreshSection(refreshValue({ runId: digest.runId, memberId: digest.forMemberId }), userIds);
}

/** The run and person of a digest button's value, when it came from a digest: its card can refresh. */
export function digestOriginOf(value: string): string | null {
  try {
    const parsed = JSON.parse(value) as { r?: unknown; m?: unknown };
    if (typeof parsed.r !== "string") return null;
    return refreshValue({ runId: parsed.r, memberId: typeof parsed.m === "string" ? parsed.m : null });
  } catch {
    return null;
  }
}
