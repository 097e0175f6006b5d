// When one of our patients needs another specialty, send them to a referrer who sends us patients:
// returning the favour is the strongest thank-you there is. Asked on demand, not a daily rule.
import { epochDayOf } from "../time/local-date.ts";
import type { NudgeCandidate } from "./nudge-candidate.ts";
import { countOf } from "./phrases.ts";
import { YEAR_DAYS } from "./practice-figures.ts";
import { KIND_WEIGHT, roundPriority, volumeFactor } from "./priority.ts";
import { referralsInLast } from "./referral-days.ts";
import type { ReferrerFacts } from "./referrer-facts.ts";
import { specialtyMatcher } from "./specialty-groups.ts";

/**
 * Active referrers of the wanted specialty ("PCP", "family medicine" and "internal medicine" are one group)
 * who have sent us patients, most in the last 12 months first, then most ever. At most `limit`.
 */
export function suggestReturnReferrals(
  specialty: string,
  facts: readonly ReferrerFacts[],
  limit: number,
  now: Date,
): NudgeCandidate[] {
  const isWanted = specialtyMatcher(specialty);
  if (limit <= 0) return [];
  const today = epochDayOf(now);
  const matches: Array<{ facts: ReferrerFacts; year: number }> = [];
  for (const f of facts) {
    if (f.status !== "active" || f.referralCount === 0) continue;
    if (!isWanted(f.specialty)) continue;
    matches.push({ facts: f, year: referralsInLast(f.referralDays, today, YEAR_DAYS) });
  }
  matches.sort(
    (a, b) =>
      b.year - a.year ||
      b.facts.referralCount - a.facts.referralCount ||
      a.facts.displayName.localeCompare(b.facts.displayName),
  );
  return matches.slice(0, limit).map(({ facts: f, year }) => ({
    referrerId: f.referrerId,
    kind: "return_favor" as const,
    reason:
      year > 0
        ? `Sent you ${countOf(year, "patient")} in the last 12 months`
        : `Sent you ${countOf(f.referralCount, "patient")} in all; none in the last 12 months`,
    dueAt: now,
    triggeredAt: now,
    // Scaled like computeNudges scales volume, so the numbers compare with other nudges.
    priority: roundPriority(KIND_WEIGHT.return_favor * volumeFactor(year)),
    personal: false,
  }));
}
