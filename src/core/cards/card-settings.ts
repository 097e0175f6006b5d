// The weekly thank-you cards' practice settings and their defaults: which weekday, who writes them, and
// when a thank-you cannot wait for the cards.
import type { MemberRole, Practice } from "../model.ts";

/** Friday: the week's referrals are in, and the cards go out before the weekend. */
export const DEFAULT_CARD_WEEKDAY = 5;
/** The seeds say a card from the physician counts most. */
export const DEFAULT_CARD_WRITER: MemberRole = "physician";
/** Between card days a top referrer's thank-you waits for the cards until this many referrals pile up. */
export const DEFAULT_THANK_TOP_UNTHANKED = 5;

export function cardWeekdayOf(settings: { cardWeekday?: number }): number {
  const day = settings.cardWeekday;
  return day !== undefined && day >= 1 && day <= 7 ? day : DEFAULT_CARD_WEEKDAY;
}

export function cardWriterOf(practice: Pick<Practice, "cardWriterRole">): MemberRole {
  return practice.cardWriterRole ?? DEFAULT_CARD_WRITER;
}

export function thankTopUnthankedOf(settings: { thankTopUnthanked?: number }): number {
  return settings.thankTopUnthanked ?? DEFAULT_THANK_TOP_UNTHANKED;
}
