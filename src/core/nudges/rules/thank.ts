// Thank-yous are written once a week, on the practice's card day (core/cards): one card for everything
// received since the last one. Between card days a thank nudge comes to the digest only for a top
// referrer whose unthanked referrals have piled up (thankTopUnthanked): that one should not wait.
// A first referral ever is thanked by the welcome call (welcome.ts).
import { thankTopUnthankedOf } from "../../cards/card-settings.ts";
import { isCardDay } from "../../cards/card-week.ts";
import { addBusinessDays } from "../../time/business-days.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { countOf } from "../phrases.ts";
import { volume12Of } from "../practice-figures.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

export const THANK_BUSINESS_DAYS = 2;

export function thankRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const last = facts.lastReferralAt;
  if (facts.status !== "active" || facts.unthankedCount <= 0 || !last) return null;
  if (facts.referralCount === 1) return null;
  // On card day the card-day message lists every thank-you; a nudge beside it would ask twice.
  if (isCardDay(ctx.now, ctx.timeZone, ctx.settings)) return null;
  const n = facts.unthankedCount;
  if (n < thankTopUnthankedOf(ctx.settings) || !isTopReferrer(facts, ctx)) return null;
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

/** In the practice's top fraction by 12-month volume (the meet rule's "top referrer"). */
function isTopReferrer(facts: ReferrerFacts, ctx: RuleContext): boolean {
  const threshold = ctx.figures.topThreshold;
  return threshold !== null && volume12Of(facts, ctx.figures, ctx.now) >= threshold;
}
