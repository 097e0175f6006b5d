// The shape every rule returns, and what every rule is given.
import type { NudgeKind, NudgeSettings } from "../model.ts";
import type { ReferrerFacts } from "./referrer-facts.ts";

export interface NudgeCandidate {
  referrerId: string;
  kind: NudgeKind;
  /** One line a physician would accept, with numbers and local weekday names; never a patient. */
  reason: string;
  dueAt: Date;
  /**
   * When the fact that raised the nudge happened. Stable while nothing new happens, so a dismissed
   * nudge stays away until a newer fact (a new referral, a new seen patient, …) raises it again.
   */
  triggeredAt: Date;
  /** Higher first. A rule's own priority is its kind weight × severity × overdue; `computeNudges` rescales it per referrer. */
  priority: number;
  /** The physician should do this personally (close-the-loop and welcome calls, open problems), not the liaison. */
  personal: boolean;
  /** The complaint an open-problem nudge is about: each complaint has its own nudge. */
  feedbackId?: string;
}

/** Figures computed once per practice per run, so a rule about one referrer can compare with the rest. */
export interface PracticeFigures {
  /** The 12-month referral count that puts a referrer in the practice's top fraction; null when nobody qualifies. */
  topThreshold: number | null;
  /** Referrals in the last 365 days by referrer id (active referrers only). */
  volume12: ReadonlyMap<string, number>;
  /**
   * The specialty groups (nudges/specialty-groups.ts) of every referrer the practice ever sent a patient
   * back to: the practice sends patients of those specialties. Absent where no rule needs it.
   */
  sentBackGroups?: ReadonlySet<string>;
}

export interface NudgeContext {
  now: Date;
  /** The practice's IANA zone: business days and weekday names are local. */
  timeZone: string;
  settings: NudgeSettings;
}

export interface RuleContext extends NudgeContext {
  figures: PracticeFigures;
}

/** A rule raises at most one nudge per referrer, except one per complaint for open problems. */
export type NudgeRule = (facts: ReferrerFacts, ctx: RuleContext) => NudgeCandidate | readonly NudgeCandidate[] | null;
