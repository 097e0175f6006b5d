// The platform-neutral daily digest. buildDailyDigest returns it; renderDigest turns it into a Reply
// that the adapters draw as Block Kit or an Adaptive Card. Counts, dates and reasons: never patients.
import type { ChartModel } from "../charts/chart-model.ts";
import type { NudgeKind } from "../model.ts";

export interface DigestReferralGroup {
  referrerId: string;
  referrerName: string;
  count: number;
  /** Up to three distinct reasons or specialties, e.g. ["knee pain", "shoulder"]. */
  reasons: string[];
}

export interface DigestNudge {
  nudgeId: string;
  referrerId: string;
  referrerName: string;
  kind: NudgeKind;
  /** One line a physician would accept, e.g. "3 referrals since your last thank-you". */
  reason: string;
  dueAt: string;
  priority: number;
  /** True when this is something the physician should do personally. */
  personal: boolean;
  /** The complaint an open-problem nudge is about: its buttons resolve that complaint. */
  feedbackId?: string;
  /** Handed on to this reader after others passed it over: "Close the loop with Dr. Patel has waited 6 days and been passed over 3 times". */
  escalation?: string;
  /** Set once someone acted: "✓ Called by Ana at 10:32". */
  doneLine?: string;
  /** A going-quiet nudge's referrer trend, drawn beside its words (charts/going-quiet-charts.ts). */
  chart?: ChartModel;
}

export interface Digest {
  practiceId: string;
  practiceName: string;
  /** Local date "YYYY-MM-DD" in the practice's time zone. */
  localDate: string;
  timeZone: string;
  /** The digest run this was built for (buttons carry it so a click redraws the same message). */
  runId: string | null;
  /** Whose personal digest this is, if it is one (its buttons name them, so a click redraws their list). */
  forMemberId: string | null;
  newReferrals: {
    total: number;
    since: string;
    groups: DigestReferralGroup[];
    /** Referrers beyond the groups shown, summarised in one line. */
    otherReferrers: number;
    otherCount: number;
    /**
     * Where they came from, most first ("from Epic", "by CSV import"), when they came by more than one
     * way; absent otherwise (and in digests stored before it existed).
     */
    bySource?: { phrase: string; count: number }[];
  };
  nudges: DigestNudge[];
  /** How many more live nudges are waiting for this reader beyond the ones shown (the shared digest: for anyone). */
  moreNudges: number;
  weekSummary: {
    touchesThisWeek: number;
    goingQuiet: number;
    /** The referrers going quiet, most at risk first (at most GOING_QUIET_NAMED of them). */
    goingQuietNames?: string[];
    /** Referrals waiting for an appointment past the practice's business days (absent in older digests). */
    notScheduled?: number;
  };
  /**
   * Who "personally" means in a shared conversation: the practice's physicians by name. Absent in
   * digests stored before it existed; empty when no member has the physician role.
   */
  physicianNames?: string[];
  /** The digest is a physician's own, so "personally" means them. */
  forPhysician?: boolean;
  /** Nothing new and nothing to do. */
  empty: boolean;
}
