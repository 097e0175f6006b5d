// Ports for the referral intake (core/intake): what receiveReferrals needs from the database, and the
// API tokens the JSON door checks. src/db implements both (db/intake-store.ts, db/api-tokens.ts).
import type { Actor, ReferralStatus, Referrer } from "../model.ts";
import type { AuditEvent, StoredReferral } from "./bulk-data.ts";

/** A referral's key: its id in the source system, unique per practice and source system. */
export interface SourceKey {
  sourceSystem: string;
  sourceId: string;
}

export interface SourcedReferral extends StoredReferral {
  sourceSystem: string;
}

/** A status kept because it came before its referral. */
export interface PendingStatus extends SourceKey {
  id: string;
  status: ReferralStatus;
  occurredAt: Date;
}

/** A status change to record; referralId null keeps it until its referral comes. */
export interface StatusChangeRow extends SourceKey {
  id: string;
  practiceId: string;
  referralId: string | null;
  status: ReferralStatus;
  occurredAt: Date;
  appliedAt: Date | null;
  createdAt: Date;
}

/** A consult report kept because it came before its referral (db: EarlyReport). */
export interface PendingReport extends SourceKey {
  id: string;
  reportSentAt: Date;
}

/** The referrals and status changes a door's items came to: what the one writer of referrals writes. */
export interface ReferralWrites {
  inserts: SourcedReferral[];
  updates: SourcedReferral[];
  /** Recorded once per referral and status: one already there is left as it is. */
  statusChanges: StatusChangeRow[];
  /** Kept statuses now applied to the referral that came. */
  applied: { id: string; referralId: string }[];
  /** Consult reports that came before their referral, to keep (the intake's doors; the CSV import has none). */
  earlyReports?: (PendingReport & { practiceId: string; createdAt: Date })[];
  /** Kept reports now given to the referral that came. */
  appliedReports?: { id: string; referralId: string }[];
}

/** Everything one request writes, in one transaction. */
export interface IntakeWrite extends ReferralWrites {
  /** Whose figures (ReferrerStats) to refresh. */
  referrerIds: string[];
  /** One audit event per request written (several requests that queued up are written together). */
  audits: { actor: Actor; event: AuditEvent }[];
}

export interface IntakeStore {
  /** Every referrer of the practice, archived ones too, oldest first (the identity rule's candidates). */
  referrerIdentities(practiceId: string): Promise<Pick<Referrer, "id" | "npi" | "displayName" | "clinic">[]>;
  findReferrals(practiceId: string, keys: readonly SourceKey[]): Promise<SourcedReferral[]>;
  /** Statuses kept for these keys whose referral has not come yet. */
  findPendingStatuses(practiceId: string, keys: readonly SourceKey[]): Promise<PendingStatus[]>;
  /** Consult reports kept for these keys whose referral has not come yet. */
  findPendingReports(practiceId: string, keys: readonly SourceKey[]): Promise<PendingReport[]>;
  /** Writes it all, refreshes the referrers' figures and records the audit events, in one transaction. */
  write(practiceId: string, work: IntakeWrite, now: Date): Promise<void>;
}

/** A token as listed: never the token itself. */
export interface ApiTokenInfo {
  id: string;
  practiceId: string;
  label: string;
  sourceSystem: string;
  /** Its last four characters. */
  hint: string;
  createdAt: Date;
  revokedAt: Date | null;
}

/** What a valid token opens: its practice, its source system and its rate. */
export interface ApiTokenGrant extends ApiTokenInfo {
  /** The practice's setting: requests per minute per token. */
  requestsPerMinute: number;
  /** The practice's zone, which reads a plain date ("2026-12-01"). */
  timeZone: string;
}

export interface ApiTokenStore {
  create(
    actor: Actor,
    input: { practiceId: string; label: string; sourceSystem: string; tokenHash: string; hint: string },
  ): Promise<ApiTokenInfo>;
  /** The unrevoked token with this hash, or null. */
  findActive(tokenHash: string): Promise<ApiTokenGrant | null>;
  list(practiceId: string): Promise<ApiTokenInfo[]>;
  /** Revokes one of the practice's tokens (audited); null if it has none with that id or hint. */
  revoke(actor: Actor, practiceId: string, idOrHint: string): Promise<ApiTokenInfo | null>;
  setRequestsPerMinute(actor: Actor, practiceId: string, perMinute: number): Promise<void>;
}
