// Practice-wide figures the rules compare a referrer against, computed once per run.
import { epochDayOf } from "../time/local-date.ts";
import type { PracticeFigures } from "./nudge-candidate.ts";
import { referralsInLast } from "./referral-days.ts";
import type { ReferrerFacts } from "./referrer-facts.ts";
import { specialtyGroupOf } from "./specialty-groups.ts";

/** Below this, a referrer is not "top" however small the practice: 1 or 2 a year is not a relationship to visit. */
export const MIN_TOP_VOLUME = 3;
export const YEAR_DAYS = 365;

/**
 * The 12-month volume of every active referrer, and the volume that puts one in the top `topFraction`
 * of referrers who sent anything this year (ties at the threshold are all in); and the specialties the
 * practice has ever sent patients back to. One sort of at most a few thousand numbers per practice.
 */
export function computePracticeFigures(
  allFacts: readonly ReferrerFacts[],
  now: Date,
  topFraction = 0.2,
): PracticeFigures {
  const today = epochDayOf(now);
  const volume12 = new Map<string, number>();
  const sending: number[] = [];
  const sentBackGroups = new Set<string>();
  for (const facts of allFacts) {
    // Archived referrers count here: the practice did send patients of their specialty.
    if (facts.lastReturnedAt) {
      const group = specialtyGroupOf(facts.specialty);
      if (group) sentBackGroups.add(group);
    }
    if (facts.status !== "active") continue;
    const volume = referralsInLast(facts.referralDays, today, YEAR_DAYS);
    volume12.set(facts.referrerId, volume);
    if (volume > 0) sending.push(volume);
  }
  if (sending.length === 0 || topFraction <= 0) return { topThreshold: null, volume12, sentBackGroups };
  sending.sort((a, b) => b - a);
  const k = Math.min(sending.length, Math.max(1, Math.ceil(topFraction * sending.length)));
  return { topThreshold: Math.max(sending[k - 1]!, MIN_TOP_VOLUME), volume12, sentBackGroups };
}

/** The referrer's 12-month volume, from the figures when present (they are computed once per run). */
export function volume12Of(facts: ReferrerFacts, figures: PracticeFigures | undefined, now: Date): number {
  return figures?.volume12.get(facts.referrerId) ?? referralsInLast(facts.referralDays, epochDayOf(now), YEAR_DAYS);
}
