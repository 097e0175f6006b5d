// Ask referrers who are sending patients how it is going, every feedbackIntervalDays. Someone who has
// referred for under a month has had too little experience of us to ask.
import { daysBetween } from "../../time/local-date.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { durationPhrase } from "../phrases.ts";
import { YEAR_DAYS } from "../practice-figures.ts";
import { rulePriority } from "../priority.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

const DAY_MS = 86_400_000;
export const NEW_REFERRER_DAYS = 30;

export function askFeedbackRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const { now } = ctx;
  const last = facts.lastReferralAt;
  if (facts.status !== "active" || !last || daysBetween(last, now) >= YEAR_DAYS) return null;
  const first = facts.firstReferralAt ?? last;
  const referringDays = daysBetween(first, now);
  if (referringDays < NEW_REFERRER_DAYS) return null;

  const asked = facts.lastFeedbackRequestAt;
  if (!asked) {
    return {
      referrerId: facts.referrerId,
      kind: "ask_feedback",
      reason: `Never asked for feedback in ${durationPhrase(referringDays)} of referrals`,
      // Never asking is not lateness that grows: due now, never overdue, so it stays a low-priority chore.
      dueAt: now,
      // The day they stopped being new: stable, so a dismissal holds until someone asks.
      triggeredAt: new Date(first.getTime() + NEW_REFERRER_DAYS * DAY_MS),
      priority: rulePriority("ask_feedback", 1, now, now),
      personal: false,
    };
  }
  const since = daysBetween(asked, now);
  if (since < ctx.settings.feedbackIntervalDays) return null;
  const dueAt = new Date(asked.getTime() + ctx.settings.feedbackIntervalDays * DAY_MS);
  return {
    referrerId: facts.referrerId,
    kind: "ask_feedback",
    reason: `Not asked for feedback in ${durationPhrase(since)}`,
    dueAt,
    triggeredAt: dueAt,
    priority: rulePriority("ask_feedback", 1, dueAt, now),
    personal: false,
  };
}
