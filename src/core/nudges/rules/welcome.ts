// A referrer's first referral ever earns a personal welcome call: the first experience decides whether
// there is a second. The call also thanks them, so thank.ts stays silent about a first referral.
import { addBusinessDays } from "../../time/business-days.ts";
import { daysBetween } from "../../time/local-date.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

/** A "first referral" older than this is history (an import, a one-off), not a new relationship to welcome. */
export const WELCOME_WINDOW_DAYS = 30;
export const WELCOME_BUSINESS_DAYS = 2;

/** The figures the rule reads: the card batch has these without the digest's full facts. */
export type WelcomeFacts = Pick<
  ReferrerFacts,
  "referrerId" | "displayName" | "status" | "referralCount" | "firstReferralAt" | "lastCallAt"
>;

export function welcomeRule(facts: WelcomeFacts, ctx: RuleContext): NudgeCandidate | null {
  const first = facts.firstReferralAt;
  if (facts.status !== "active" || facts.referralCount !== 1 || !first) return null;
  if (daysBetween(first, ctx.now) >= WELCOME_WINDOW_DAYS) return null;
  // A call, meeting or visit after the referral is the welcome.
  if (facts.lastCallAt && facts.lastCallAt >= first) return null;
  const dueAt = addBusinessDays(first, WELCOME_BUSINESS_DAYS, ctx.timeZone);
  return {
    referrerId: facts.referrerId,
    kind: "welcome",
    reason: `First referral ever from ${facts.displayName} — a welcome call`,
    dueAt,
    triggeredAt: first,
    priority: rulePriority("welcome", 1, dueAt, ctx.now),
    personal: true,
  };
}
