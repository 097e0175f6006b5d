// A referring clinician who sent a patient expects to hear back once we have seen them. The physician
// calls (or sends an update) within closeLoopBusinessDays business days of the visit, in the practice's zone.
import { addBusinessDays } from "../../time/business-days.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { dayPhrase, sincePhrase } from "../phrases.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

/** Missing the promised window is a step, not a slope: an overdue loop doubles before lateness adds more. */
const OVERDUE_STEP = 2;

export function closeLoopRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const oldest = facts.oldestSeenAwaitingAt;
  if (facts.status !== "active" || facts.seenAwaitingCount <= 0 || !oldest) return null;
  const n = facts.seenAwaitingCount;
  const dueAt = addBusinessDays(oldest, ctx.settings.closeLoopBusinessDays, ctx.timeZone);
  const overdue = ctx.now > dueAt;
  const reason =
    n === 1
      ? `You saw their patient ${dayPhrase(oldest, ctx.now, ctx.timeZone)}; they have not heard back`
      : `You saw ${n} of their patients ${sincePhrase(oldest, ctx.now, ctx.timeZone)}; they have not heard back`;
  const severity = (1 + Math.min(n - 1, 4) / 4) * (overdue ? OVERDUE_STEP : 1);
  return {
    referrerId: facts.referrerId,
    kind: "close_loop",
    reason,
    dueAt,
    // The newest seen patient: one more patient seen brings a dismissed nudge back.
    triggeredAt: facts.lastSeenAt ?? oldest,
    priority: rulePriority("close_loop", severity, dueAt, ctx.now),
    personal: true,
  };
}
