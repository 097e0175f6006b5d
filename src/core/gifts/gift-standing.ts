// Where a referrer's gifts stand against the yearly limit: within it, near it (80 % or more: time to be
// careful), or over it. Whole cents throughout, so $428.00 of $535.00 is exactly 80 %.

/** From this share of the limit on, the profile and the /gift reply warn. */
export const WARN_PERCENT = 80;

export type GiftStatus = "within" | "near" | "over";

export interface GiftStanding {
  totalCents: number;
  limitCents: number;
  status: GiftStatus;
  /** Whole percent of the limit used, rounded down (an exact 80 % reads 80, never 79). */
  percent: number;
  /** What is left before the limit (0 when over). */
  leftCents: number;
  /** How far over the limit (0 when within). */
  overCents: number;
}

export function giftStanding(totalCents: number, limitCents: number): GiftStanding {
  const status: GiftStatus =
    totalCents > limitCents ? "over" : totalCents * 100 >= limitCents * WARN_PERCENT ? "near" : "within";
  return {
    totalCents,
    limitCents,
    status,
    percent: limitCents > 0 ? Math.floor((totalCents * 100) / limitCents) : 100,
    leftCents: Math.max(0, limitCents - totalCents),
    overCents: Math.max(0, totalCents - limitCents),
  };
}

/** What a new gift does: the standing before and after, and whether this gift is the one that crosses the limit. */
export function giftOutcome(
  beforeCents: number,
  amountCents: number,
  limitCents: number,
): { before: GiftStanding; after: GiftStanding; crossesLimit: boolean } {
  const before = giftStanding(beforeCents, limitCents);
  const after = giftStanding(beforeCents + amountCents, limitCents);
  return { before, after, crossesLimit: before.status !== "over" && after.status === "over" };
}
