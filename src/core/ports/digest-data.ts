// What building a digest needs from the database: a fixed handful of queries per practice,
// whatever the number of referrers (see the benchmark).

import type { Digest } from "../digest/digest-model.ts";
import type { Nudge } from "../model.ts";
import type { NudgeCandidate } from "../nudges/nudge-candidate.ts";
import type { ReferrerFacts } from "../nudges/referrer-facts.ts";

export interface NewReferralRow {
  referrerId: string;
  reason: string | null;
  /** Where it came from ("csv" for the CSV import, else the API token's or item's system); absent in old fakes. */
  sourceSystem?: string;
}

/** An open nudge as the digest needs it: which one it is, for whom, of what kind. */
export type LiveNudge = Pick<Nudge, "id" | "referrerId" | "kind" | "feedbackId">;

export interface DigestStaff {
  /** The names of the practice's physicians (the first ten by name), for "Dr. Kim personally" in a shared channel. */
  physicianNames: string[];
  /** Whether anyone is a liaison: without one, a coordinator asks referrers for feedback (nudges/nudge-reader.ts). */
  hasLiaison: boolean;
}

export interface DigestDataPort {
  /** One row per referrer of the practice (archived ones too; the rules skip them). */
  loadFacts(practiceId: string): Promise<ReferrerFacts[]>;
  /** Referrals received or recorded in (since, until], at most `limit` rows, for counting and reasons. */
  newReferrals(
    practiceId: string,
    since: Date,
    until: Date,
    limit: number,
  ): Promise<{ rows: NewReferralRow[]; total: number }>;
  touchesSince(practiceId: string, since: Date): Promise<number>;
  /** Who works at the practice, as far as the digest needs to know (one query). */
  staff(practiceId: string): Promise<DigestStaff>;
  /**
   * Stores the computed nudges: keeps one live nudge per referrer and kind, reopens snoozed ones
   * whose date came, keeps dismissed ones away until a newer trigger, and retires those whose reason
   * is gone. Returns the live (open) nudges, each with its database id.
   */
  syncNudges(practiceId: string, candidates: NudgeCandidate[], now: Date): Promise<LiveNudge[]>;
  /** When the practice's last delivered digest was built, if any. */
  lastDigestAt(practiceId: string, before: string): Promise<Date | null>;
  /**
   * Keeps the digest as sent, so a click redraws that same message: the practice digest on the run,
   * or, when `digest.forMemberId` is set, that member's own digest (replacing one saved before).
   */
  saveSnapshot(practiceId: string, runId: string, digest: Digest): Promise<void>;
  /** The practice digest of the run, or with `memberId` that member's own (null if none was kept). */
  loadSnapshot(practiceId: string, runId: string, memberId?: string | null): Promise<Digest | null>;
}
