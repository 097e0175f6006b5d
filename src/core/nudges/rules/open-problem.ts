// Negative feedback left open is the surest way to lose a referrer; past openProblemDays the physician
// should step in personally.
import { daysBetween } from "../../time/local-date.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { durationPhrase } from "../phrases.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

const DAY_MS = 86_400_000;

export function openProblemRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const since = facts.oldestOpenNegativeAt;
  if (facts.status !== "active" || !since) return null;
  const limitMs = ctx.settings.openProblemDays * DAY_MS;
  if (ctx.now.getTime() - since.getTime() <= limitMs) return null;
  const age = daysBetween(since, ctx.now);
  const dueAt = new Date(since.getTime() + limitMs);
  return {
    referrerId: facts.referrerId,
    kind: "open_problem",
    reason: `Negative feedback unresolved for ${durationPhrase(age)}`,
    dueAt,
    triggeredAt: since,
    priority: rulePriority("open_problem", 1 + Math.min(age - ctx.settings.openProblemDays, 28) / 14, dueAt, ctx.now),
    personal: true,
  };
}
