// Ports for the bulk writers: the CSV import and the demo seeders write thousands of rows at once, which the
// one-row repositories are not for. src/db implements them with bulk inserts (db/bulk-data.ts); src/import
// and src/demo reach the database only through these, and the CLI wires the two together.
import type { Actor, ReferralStatus, Referrer, Sentiment, TouchKind } from "../model.ts";
import type { PendingStatus, ReferralWrites } from "./intake.ts";

/** One audit event, as AuditRepository.record takes it. */
export interface AuditEvent {
  action: string;
  entity: string;
  entityId?: string | null;
  oldValue?: unknown;
  newValue?: unknown;
}

/** A referrer row written in bulk; its stats row is created with it (empty until the figures are refreshed). */
export interface ReferrerRow {
  id: string;
  practiceId: string;
  displayName: string;
  firstName: string | null;
  lastName: string;
  credentials: string | null;
  clinic: string | null;
  specialty: string | null;
  npi: string | null;
  phone: string | null;
  /** The mailing address for thank-you cards; absent is none on file. */
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
  status: "active" | "archived";
  createdAt: Date;
  updatedAt: Date;
}

/** A referral as stored: what a report can say about it, and its keys. */
export interface StoredReferral {
  id: string;
  sourceId: string;
  referrerId: string;
  receivedAt: Date;
  reason: string | null;
  specialty: string | null;
  status: string;
  scheduledAt: Date | null;
  seenAt: Date | null;
  loopClosedAt: Date | null;
  cancelledAt: Date | null;
  patientRef: string | null;
  /** When the consult report reached the referrer in writing. */
  reportSentAt: Date | null;
}

export interface ReferralRow extends StoredReferral {
  practiceId: string;
  status: ReferralStatus;
  createdAt: Date;
  updatedAt: Date;
}

export interface TouchRow {
  id: string;
  practiceId: string;
  referrerId: string;
  kind: TouchKind;
  actorName: string;
  occurredAt: Date;
  note: string | null;
  channel: "slack" | "teams" | "cli" | "import" | "system";
  referralId: string | null;
  idempotencyKey: string;
  createdAt: Date;
}

export interface FeedbackRow {
  practiceId: string;
  referrerId: string;
  sentiment: Sentiment;
  text: string;
  heardBy: string;
  needsFollowUp: boolean;
  status: "open" | "resolved";
  resolvedAt: Date | null;
  resolution: string | null;
  idempotencyKey: string;
  createdAt: Date;
}

/** What one import batch writes, inside one transaction. */
export interface ImportBatchWriter {
  insertReferrers(rows: readonly ReferrerRow[]): Promise<void>;
  /** Fills in what a known referrer lacked (an NPI, a clinic) from the report. */
  fillInReferrer(
    id: string,
    data: { npi?: string; clinic?: string } & Partial<
      Record<"addressLine1" | "addressLine2" | "city" | "state" | "postalCode", string>
    >,
  ): Promise<void>;
  /** The practice's stored referrals among these source ids of the CSV import's source system, in one query. */
  findReferrals(practiceId: string, sourceIds: readonly string[]): Promise<StoredReferral[]>;
  /** Statuses kept for these source ids (CSV import's source system) whose referral has not come yet. */
  findPendingStatuses(practiceId: string, sourceIds: readonly string[]): Promise<PendingStatus[]>;
  /** Hands the batch's referrals to the one writer of referrals (the one the intake's requests use). */
  writeReferrals(practiceId: string, work: ReferralWrites, now: Date): Promise<void>;
}

/** What the CSV import needs from the database. */
export interface ImportStore {
  /** Every referrer of the practice, archived ones too, oldest first: what report rows are matched against. */
  referrerIdentities(
    practiceId: string,
  ): Promise<Array<Pick<Referrer, "id" | "npi" | "displayName" | "clinic"> & { addressLine1?: string | null }>>;
  /** Runs one batch's writes in one transaction: a throw rolls back all of them. */
  inBatch<T>(work: (batch: ImportBatchWriter) => Promise<T>): Promise<T>;
  /** Refreshes these referrers' figures and records the audit event, in one transaction. */
  finish(actor: Actor, practiceId: string, referrerIds: readonly string[], now: Date, event: AuditEvent): Promise<void>;
}

/** Everything the demo writes, as rows. */
export interface DemoRows {
  referrers: readonly ReferrerRow[];
  referrals: readonly ReferralRow[];
  touches: readonly TouchRow[];
  feedback: readonly FeedbackRow[];
}

/** What the demo and synthetic seeders need from the database. */
export interface DemoStore {
  countReferrers(practiceId: string): Promise<number>;
  countReferralsWithSourcePrefix(practiceId: string, prefix: string): Promise<number>;
  /**
   * In one transaction: wipes the practice's referrers, referrals, touches, feedback and nudges if asked
   * (members, workspaces, settings, digest runs and the audit trail stay), writes the rows, refreshes the
   * figures of the rows' referrers and records the audit event.
   */
  seed(
    actor: Actor,
    practiceId: string,
    rows: DemoRows,
    opts: { wipeFirst: boolean; now: Date; event: AuditEvent },
  ): Promise<void>;
  /** Referrers with their (empty) stats rows, in one transaction. */
  insertReferrers(rows: readonly ReferrerRow[]): Promise<void>;
  insertReferrals(rows: readonly ReferralRow[]): Promise<void>;
  insertTouches(rows: readonly TouchRow[]): Promise<void>;
  refreshReferrerFigures(practiceId: string, referrerIds: readonly string[], now: Date): Promise<void>;
}
