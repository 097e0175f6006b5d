// The practice's top referrers by 12-month volume deserve a face-to-face meeting or liaison visit
// every meetIntervalDays. The threshold comes from computePracticeFigures, once per practice.
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { durationPhrase } from "../phrases.ts";
import { volume12Of } from "../practice-figures.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

const DAY_MS = 86_400_000;
/** A first visit to a top referrer takes some planning: due two weeks out rather than at once. */
const FIRST_MEETING_LEAD_DAYS = 14;

export function meetRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const threshold = ctx.figures.topThreshold;
  if (facts.status !== "active" || threshold === null) return null;
  const volume = volume12Of(facts, ctx.figures, ctx.now);
  if (volume < threshold) return null;
  const interval = ctx.settings.meetIntervalDays;
  const met = facts.lastMeetingAt;
  const top = `Top referrer (${volume} in 12 months)`;
  if (!met) {
    return {
      referrerId: facts.referrerId,
      kind: "meet",
      reason: `${top}; never met in person`,
      dueAt: new Date(ctx.now.getTime() + FIRST_MEETING_LEAD_DAYS * DAY_MS),
      triggeredAt: facts.firstReferralAt ?? ctx.now,
      priority: rulePriority("meet", 1.5, ctx.now, ctx.now),
      personal: false,
    };
  }
  const sinceDays = Math.floor((ctx.now.getTime() - met.getTime()) / DAY_MS);
  if (sinceDays < interval) return null;
  const dueAt = new Date(met.getTime() + interval * DAY_MS);
  return {
    referrerId: facts.referrerId,
    kind: "meet",
    reason: `${top}; not met in person for ${durationPhrase(sinceDays)}`,
    dueAt,
    triggeredAt: dueAt,
    priority: rulePriority("meet", 1 + Math.min(sinceDays - interval, 365) / 365, dueAt, ctx.now),
    personal: false,
  };
}
