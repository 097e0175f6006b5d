// A referring clinician who sent a patient expects to hear back once we have seen them. The physician
// calls (or sends an update) within closeLoopBusinessDays business days of the visit, in the practice's zone.
// Once the consult report reached them in writing (Referral.reportSentAt), they have heard back: what is
// left is what the practice wants from the physician personally (Practice.callAfterReport), by default a
// call to a top referrer or about a first referral, and otherwise nothing.
import type { CallAfterReport } from "../../model.ts";
import { addBusinessDays } from "../../time/business-days.ts";
import type { NudgeCandidate, PracticeFigures, RuleContext } from "../nudge-candidate.ts";
import { dayPhrase, sincePhrase } from "../phrases.ts";
import { volume12Of } from "../practice-figures.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

/** Missing the promised window is a step, not a slope: an overdue loop doubles before lateness adds more. */
const OVERDUE_STEP = 2;

/** Why the physician should still call after the report went out in writing, or null when they need not. */
export function callStillWanted(
  facts: ReferrerFacts,
  setting: CallAfterReport,
  figures: PracticeFigures,
  now: Date,
): string | null {
  if (setting === "none") return null;
  if (setting === "all") return "a call from you still counts";
  if (facts.referralCount === 1) return "it was their first referral";
  const threshold = figures.topThreshold;
  if (threshold !== null && volume12Of(facts, figures, now) >= threshold) return "they are a top referrer";
  return null;
}

export function closeLoopRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  if (facts.status !== "active") return null;
  const unreported = facts.seenAwaitingCount > 0 ? facts.seenAwaitingCount : 0;
  const why =
    facts.reportedAwaitingCount > 0 ? callStillWanted(facts, ctx.settings.callAfterReport, ctx.figures, ctx.now) : null;
  const reported = why ? facts.reportedAwaitingCount : 0;
  const n = unreported + reported;
  const oldest = earliest(
    unreported ? facts.oldestSeenAwaitingAt : null,
    reported ? facts.oldestReportedAwaitingAt : null,
  );
  if (n <= 0 || !oldest) return null;
  const dueAt = addBusinessDays(oldest, ctx.settings.closeLoopBusinessDays, ctx.timeZone);
  const overdue = ctx.now > dueAt;
  let reason: string;
  if (unreported === 0) {
    reason =
      n === 1
        ? `Your report on their patient went out in writing; call them yourself: ${why}`
        : `Your reports on ${n} of their patients went out in writing; call them yourself: ${why}`;
  } else {
    reason =
      n === 1
        ? `You saw their patient ${dayPhrase(oldest, ctx.now, ctx.timeZone)}; they have not heard back`
        : `You saw ${n} of their patients ${sincePhrase(oldest, ctx.now, ctx.timeZone)}; they have not heard back`;
  }
  // A report in writing is half the loop closed: the call that remains matters less than silence does.
  const written = unreported === 0 ? 0.5 : 1;
  const severity = (1 + Math.min(n - 1, 4) / 4) * (overdue ? OVERDUE_STEP : 1) * written;
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

function earliest(a: Date | null, b: Date | null): Date | null {
  if (!a) return b;
  if (!b) return a;
  return a < b ? a : b;
}
