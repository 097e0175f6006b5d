// What the charts read from the database: a handful of indexed queries per chart, whatever the size
// of the practice. src/db/chart-data.ts implements it.
import type { TouchKind } from "../model.ts";

export interface MemberWeekRow {
  /** The member's display name, as touches and nudges record who did them. */
  name: string;
  touches: Partial<Record<TouchKind, number>>;
  nudgesDone: number;
  /** Dismissed as not needed, or snoozed. */
  nudgesPassed: number;
}

/** A referrer's referrals counted per month by the database (cancelled ones left out). */
export interface ReferralMonths {
  /** counts[i]: the referrals received in [starts[i], starts[i + 1]), one number fewer than starts. */
  counts: number[];
  /** Their latest referral received since starts[0] (even after the last range), null when none. */
  latest: Date | null;
}

export interface ChartDataPort {
  /** When each of the referrer's referrals arrived since `since` (cancelled ones left out). */
  referralTimes(practiceId: string, referrerId: string, since: Date): Promise<Date[]>;
  /**
   * The same referrals counted per range of `starts` (the months' first instants, then the end): what a
   * trend draws, without a busy referrer's 24,000 dates coming back one by one.
   */
  referralMonths(practiceId: string, referrerId: string, starts: readonly Date[]): Promise<ReferralMonths>;
  /** The referrer's touches since `since`, and when complaints from them were heard. */
  touchTimes(practiceId: string, referrerId: string, since: Date): Promise<Array<{ at: Date; kind: TouchKind }>>;
  complaintTimes(practiceId: string, referrerId: string, since: Date): Promise<Date[]>;
  /** The practice's referrals counted per range [bounds[i], bounds[i + 1]): one number fewer than bounds. */
  referralCounts(practiceId: string, bounds: Date[]): Promise<number[]>;
  /** The referrers with most referrals in [recentFrom, until), with their count in [previousFrom, recentFrom). */
  topReferrers(
    practiceId: string,
    window: { previousFrom: Date; recentFrom: Date; until: Date },
    limit: number,
  ): Promise<Array<{ name: string; last12: number; previous12: number }>>;
  /** Referrers with an open going-quiet nudge, with their last referral, longest silent first. */
  quietReferrers(practiceId: string, limit: number): Promise<Array<{ name: string; lastReferralAt: Date | null }>>;
  /** Each member's touches by kind, and the nudges they did or passed over, in [from, until). */
  memberWeek(practiceId: string, from: Date, until: Date): Promise<MemberWeekRow[]>;
}
