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
 * who have sent us patients, ranked by what the relationship needs: those who sent the most in the last 12
 * months for each patient we sent them back first (`sentBack`: our returned referrals to each in that time),
 * then the most recent to refer, then most ever. At most `limit`.
 */
export function suggestReturnReferrals(
  specialty: string,
  facts: readonly ReferrerFacts[],
  limit: number,
  now: Date,
  sentBack: ReadonlyMap<string, number> = new Map(),
): NudgeCandidate[] {
  const isWanted = specialtyMatcher(specialty);
  if (limit <= 0) return [];
  const today = epochDayOf(now);
  const matches: Array<{ facts: ReferrerFacts; year: number; back: number; owed: number }> = [];
  for (const f of facts) {
    if (f.status !== "active" || f.referralCount === 0) continue;
    if (!isWanted(f.specialty)) continue;
    const year = referralsInLast(f.referralDays, today, YEAR_DAYS);
    const back = sentBack.get(f.referrerId) ?? 0;
    matches.push({ facts: f, year, back, owed: year / (1 + back) });
  }
  matches.sort(
    (a, b) =>
      b.owed - a.owed ||
      (b.facts.lastReferralAt?.getTime() ?? 0) - (a.facts.lastReferralAt?.getTime() ?? 0) ||
      b.facts.referralCount - a.facts.referralCount ||
      a.facts.displayName.localeCompare(b.facts.displayName),
  );
  return matches.slice(0, limit).map(({ facts: f, year, back }) => ({
    referrerId: f.referrerId,
    kind: "return_favor" as const,
    reason: `${
      year > 0
        ? `Sent you ${countOf(year, "patient")} in the last 12 months`
        : `Sent you ${countOf(f.referralCount, "patient")} in all; none in the last 12 months`
    }; ${back > 0 ? `we sent back ${back}` : "we sent none back"}`,
    dueAt: now,
    triggeredAt: now,
    // Scaled like computeNudges scales volume, so the numbers compare with other nudges.
    priority: roundPriority(KIND_WEIGHT.return_favor * volumeFactor(year)),
    personal: false,
  }));
}
