// One thank-you for everything received since the last one: "3 referrals since your last thank-you".
import { addBusinessDays } from "../../time/business-days.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { countOf } from "../phrases.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

export const THANK_BUSINESS_DAYS = 2;

export function thankRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const last = facts.lastReferralAt;
  if (facts.status !== "active" || facts.unthankedCount <= 0 || !last) return null;
  // A first referral ever is thanked by the welcome call (welcome.ts); a note on top of it is noise.
  if (facts.referralCount === 1) return null;
  const n = facts.unthankedCount;
  const dueAt = addBusinessDays(facts.oldestUnthankedAt ?? last, THANK_BUSINESS_DAYS, ctx.timeZone);
  const reason = facts.lastThankAt
    ? `${countOf(n, "referral")} since your last thank-you`
    : `${countOf(n, "referral")} and no thank-you yet`;
  return {
    referrerId: facts.referrerId,
    kind: "thank",
    reason,
    dueAt,
    // The newest unthanked referral: a dismissed thank-you comes back only with another referral.
    triggeredAt: last,
    priority: rulePriority("thank", 1 + Math.min(n - 1, 10) / 10, dueAt, ctx.now),
    personal: false,
  };
}
