// What the nudge rules know about one referrer: the ReferrerStats row the database keeps current on
// every write, joined with the referrer's name and status. The rules never read history beyond this.

export interface ReferrerFacts {
  referrerId: string;
  displayName: string;
  status: "active" | "archived";
  specialty: string | null;
  ownerMemberId: string | null;

  /** Referrals ever received (cancelled ones excluded). */
  referralCount: number;
  firstReferralAt: Date | null;
  lastReferralAt: Date | null;
  /** Referral counts per day for the last 400 days: [epochDay (days since 1970-01-01 UTC), count][] ascending. */
  referralDays: Array<[number, number]>;

  /** Referrals received after the last thank-you touch. */
  unthankedCount: number;
  oldestUnthankedAt: Date | null;

  /** Referrals that reached "seen" with no call, meeting or visit since: the loop is still open. */
  seenAwaitingCount: number;
  oldestSeenAwaitingAt: Date | null;
  lastSeenAt: Date | null;
  /**
   * Seen referrals whose consult report reached the referrer in writing, with no call since: not counted
   * above. Only a personal call is left to ask for, and the practice's callAfterReport says when.
   */
  reportedAwaitingCount: number;
  oldestReportedAwaitingAt: Date | null;

  /** When each referral still waiting for an appointment (received, of the last 60 days) came, oldest first. */
  unscheduledTimes: Date[];

  lastThankAt: Date | null;
  /** Last call, meeting or liaison visit (any of them closes the loop). */
  lastCallAt: Date | null;
  /** Last meeting or liaison visit. */
  lastMeetingAt: Date | null;
  lastFeedbackRequestAt: Date | null;
  /** The last patient the practice sent back to them (returned_referral touch); null when never. */
  lastReturnedAt: Date | null;
  lastTouchAt: Date | null;

  /** Oldest unresolved negative feedback. */
  oldestOpenNegativeAt: Date | null;
  /** Every complaint (negative or flagged feedback) still open, oldest first: each raises its own nudge. */
  openComplaints: OpenComplaint[];
}

/** A complaint still waiting to be resolved, as the open-problem rule needs it. */
export interface OpenComplaint {
  feedbackId: string;
  /** When the feedback was logged. */
  at: Date;
  sentiment: "positive" | "neutral" | "negative";
  /** The feedback as stored (already cleaned of patient details). */
  text: string;
}
