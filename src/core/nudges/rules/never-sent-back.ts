// Returning the favour, once a month: a top referrer who has never had a patient back from us, when we
// do send patients of their specialty (to someone else). The seeds call it the strongest thank-you there
// is; a practice that sends cardiology patients out and never to its best cardiologist is missing it.
import { startOfLocalMonth } from "../../time/local-date.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { volume12Of } from "../practice-figures.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";
import { specialtyGroupOf } from "../specialty-groups.ts";

export function neverSentBackRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const threshold = ctx.figures.topThreshold;
  if (facts.status !== "active" || facts.lastReturnedAt !== null || threshold === null) return null;
  const group = specialtyGroupOf(facts.specialty);
  if (group === null || !ctx.figures.sentBackGroups?.has(group)) return null;
  const volume = volume12Of(facts, ctx.figures, ctx.now);
  if (volume < threshold) return null;
  // Named by its group ("primary care", not the "PCP" someone typed). The month it is raised in: stable for the month, so "Not needed" holds until the next one.
  const month = startOfLocalMonth(ctx.now, ctx.timeZone);
  return {
    referrerId: facts.referrerId,
    kind: "return_favor",
    reason: `Top referrer (${volume} in 12 months) who has never had a patient back; we do send ${group} patients to others`,
    dueAt: month,
    triggeredAt: month,
    // A standing suggestion, not lateness that grows through the month.
    priority: rulePriority("return_favor", 1, ctx.now, ctx.now),
    personal: false,
  };
}
