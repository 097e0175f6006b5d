// A referral that never gets an appointment is the costliest failure for the relationship: the
// referrer's patient waits, and the referrer hears about it from them. Once a referral has stayed
// "received" for notScheduledBusinessDays business days (in the practice's zone), the coordinator is
// asked to book it, or to say why not (declined, the patient could not be reached, chose elsewhere).
import { addBusinessDays } from "../../time/business-days.ts";
import { localDaysBetween } from "../../time/local-date.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { countOf } from "../phrases.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

/** Whether a referral received then has waited too long for an appointment by now. */
export function waitedTooLong(receivedAt: Date, now: Date, businessDays: number, zone: string): boolean {
  return addBusinessDays(receivedAt, businessDays, zone) <= now;
}

/** The referrer's referrals that waited too long, oldest first. */
export function overdueForScheduling(facts: ReferrerFacts, ctx: Pick<RuleContext, "now" | "timeZone" | "settings">) {
  return facts.unscheduledTimes.filter((at) =>
    waitedTooLong(at, ctx.now, ctx.settings.notScheduledBusinessDays, ctx.timeZone),
  );
}

export function notScheduledRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  if (facts.status !== "active") return null;
  const overdue = overdueForScheduling(facts, ctx);
  const oldest = overdue[0];
  if (!oldest) return null;
  const n = overdue.length;
  const age = localDaysBetween(oldest, ctx.now, ctx.timeZone);
  const noun = countOf(n, "referral");
  const reason = `${noun} from ${facts.displayName} not yet scheduled (${n === 1 ? "" : "oldest "}${countOf(age, "day")})`;
  const dueAt = addBusinessDays(oldest, ctx.settings.notScheduledBusinessDays, ctx.timeZone);
  // Each waiting patient adds, up to five; a week past due counts double.
  const severity = (1 + Math.min(n - 1, 4) / 4) * (1 + Math.min(Math.max(age - 7, 0), 7) / 7);
  return {
    referrerId: facts.referrerId,
    kind: "not_scheduled",
    reason,
    dueAt,
    // The newest overdue referral: one more waiting brings a dismissed nudge back.
    triggeredAt: overdue.at(-1)!,
    priority: rulePriority("not_scheduled", severity, dueAt, ctx.now),
    // The coordinator's work, not the physician's.
    personal: false,
  };
}
