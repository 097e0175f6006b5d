// What a brief is made of: the facts about one relationship, gathered once, before any wording.
// Counts, dates and names of referrers and members only; never a patient.
import type { ChartOf } from "../charts/chart-model.ts";
import type { Feedback, Touch } from "../model.ts";
import type { ReferrerSummary } from "../ports.ts";

/** How many and since when: referrals waiting for something (a booking, a call after the visit). */
export interface Waiting {
  count: number;
  oldestAt: Date | null;
}

/** Referrals per calendar month in the practice's zone, oldest first: the last 12 and the 12 before them. */
export interface MonthlyReferrals {
  /** "Jan", "Feb", …, the last being the current month. */
  labels: string[];
  thisYear: number[];
  yearBefore: number[];
}

export interface BriefFacts {
  referrerName: string;
  ownerName: string | null;
  summary: ReferrerSummary;
  months: MonthlyReferrals;
  /** The last five touches, newest first. */
  touches: Touch[];
  complaints: Feedback[];
  /** Seen here, the referrer not yet told (the loop is open). */
  loopsOpen: Waiting;
  /** Received, not yet booked. */
  unscheduled: Waiting;
  /** The referrer's trend as a picture, where the practice draws charts. */
  trend: ChartOf<"referrer_trend"> | null;
  now: Date;
  zone: string;
}
