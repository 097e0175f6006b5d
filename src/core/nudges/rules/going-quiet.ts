// Notice a referrer drifting away while there is still a relationship to save, in their own numbers:
// either silent for well over their usual gap ("Usually every 9 days; nothing for 41 days"), or sending
// half or less of what they sent in the 90 days before ("Referrals down from 12 to 5 in the last 90 days").
import { addBusinessDays } from "../../time/business-days.ts";
import { dateOfEpochDay, epochDayOf } from "../../time/local-date.ts";
import type { NudgeCandidate, RuleContext } from "../nudge-candidate.ts";
import { everyPhrase } from "../phrases.ts";
import { rulePriority } from "../priority.ts";
import { referralRhythm, referralsBetween, referralsInLast } from "../referral-days.ts";
import type { ReferrerFacts } from "../referrer-facts.ts";

/** Fewer referral days than this in the window is not a habit whose absence means anything. */
export const QUIET_MIN_REFERRAL_DAYS = 4;
/** The window the rhythm is read from (the stats row keeps 400 days). */
export const QUIET_WINDOW_DAYS = 400;
/** A drop is only a signal when there was a real flow before: at least this many in the previous 90 days. */
export const DROP_MIN_PREVIOUS = 6;
export const DROP_WINDOW_DAYS = 90;
/** A drop has no single moment it began; re-raise it at most once per this many days while it lasts. */
export const DROP_RERAISE_DAYS = 30;
/** Checking in is not same-day work: due a week of business days after the nudge is raised. */
const CHECK_IN_BUSINESS_DAYS = 5;
const MAX_SEVERITY = 3;

export function goingQuietRule(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  if (facts.status !== "active" || facts.referralCount === 0) return null;
  return silence(facts, ctx) ?? drop(facts, ctx);
}

function silence(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const today = epochDayOf(ctx.now);
  const { quietGapFactor, quietMinDays } = ctx.settings;
  // Never silent for longer than quietMinDays: no need to read the rhythm (most referrers stop here).
  if (!facts.lastReferralAt || today - epochDayOf(facts.lastReferralAt) <= quietMinDays) return null;
  const rhythm = referralRhythm(facts.referralDays, today - QUIET_WINDOW_DAYS + 1, today);
  if (rhythm.activeDays < QUIET_MIN_REFERRAL_DAYS) return null;
  // A burst of referrals inside a few weeks (one patient's family, one busy month) is not a rhythm.
  if (rhythm.lastDay - rhythm.firstDay < quietMinDays) return null;
  const lastDay = Math.max(rhythm.lastDay, facts.lastReferralAt ? epochDayOf(facts.lastReferralAt) : rhythm.lastDay);
  const silentDays = today - lastDay;
  const limit = Math.max(quietGapFactor * rhythm.medianGap, quietMinDays);
  if (silentDays <= limit) return null;
  // The first day the silence exceeded the limit: stable until they refer again.
  const triggeredAt = dateOfEpochDay(lastDay + Math.floor(limit) + 1);
  const dueAt = addBusinessDays(triggeredAt, CHECK_IN_BUSINESS_DAYS, ctx.timeZone);
  return {
    referrerId: facts.referrerId,
    kind: "going_quiet",
    reason: `Usually ${everyPhrase(rhythm.medianGap)}; nothing for ${silentDays} days`,
    dueAt,
    triggeredAt,
    priority: rulePriority("going_quiet", Math.min(silentDays / limit, MAX_SEVERITY), dueAt, ctx.now),
    personal: false,
  };
}

function drop(facts: ReferrerFacts, ctx: RuleContext): NudgeCandidate | null {
  const today = epochDayOf(ctx.now);
  const recent = referralsInLast(facts.referralDays, today, DROP_WINDOW_DAYS);
  const recentStart = today - DROP_WINDOW_DAYS + 1;
  const previous = referralsBetween(facts.referralDays, recentStart - DROP_WINDOW_DAYS, recentStart);
  if (previous < DROP_MIN_PREVIOUS || recent * 2 > previous) return null;
  const triggeredAt = dateOfEpochDay(today - (today % DROP_RERAISE_DAYS));
  const dueAt = addBusinessDays(triggeredAt, CHECK_IN_BUSINESS_DAYS, ctx.timeZone);
  return {
    referrerId: facts.referrerId,
    kind: "going_quiet",
    reason: `Referrals down from ${previous} to ${recent} in the last ${DROP_WINDOW_DAYS} days`,
    dueAt,
    triggeredAt,
    priority: rulePriority("going_quiet", Math.min(previous / Math.max(recent, 1), MAX_SEVERITY), dueAt, ctx.now),
    personal: false,
  };
}
