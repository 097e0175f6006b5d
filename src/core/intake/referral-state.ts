// What a referral becomes when an item about it arrives: pure decisions, no database. The store hands
// over what it has (the referral, the statuses kept for it); these functions say the next state, the
// status changes to record and what to answer (created, updated, unchanged).
import type { ReferralStatus } from "../model.ts";
import type { StoredReferral } from "../ports.ts";
import type { IncomingReferral, ReferralDetails } from "./incoming-referral.ts";

/** A status a source system reported, with its date. */
export interface StatusReport {
  status: ReferralStatus;
  occurredAt: Date;
  /** The source gave this date (it wins over a stored one); else it is when the report arrived. */
  dated?: boolean;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** The date that goes with a status: the item's status date, else the matching date field, else now. */
export function statusDateOf(item: IncomingReferral, status: ReferralStatus, now: Date): Date {
  if (item.statusDate) return item.statusDate;
  if (status === "scheduled" && item.scheduledAt) return item.scheduledAt;
  if ((status === "seen" || status === "loop_closed") && item.seenAt) return item.seenAt;
  return now;
}

/** The status the item reports, with its date; null when it says nothing about where the referral stands. */
export function reportOf(item: IncomingReferral, now: Date): StatusReport | null {
  if (!item.status) return null;
  const occurredAt = statusDateOf(item, item.status, now);
  const visited = item.status === "seen" || item.status === "loop_closed";
  // A guessed visit date stands in for "now" only: it never overwrites a date the store has.
  if (occurredAt === now && visited && item.visitDateGuess) {
    return { status: item.status, occurredAt: item.visitDateGuess, dated: false };
  }
  return { status: item.status, occurredAt, dated: occurredAt !== now };
}

/** A new referral from its details, before any status is applied. */
export function newReferralState(id: string, referrerId: string, sourceId: string, d: ReferralDetails): StoredReferral {
  return {
    id,
    sourceId,
    referrerId,
    receivedAt: d.receivedAt,
    reason: d.reason,
    specialty: d.specialty,
    status: "received",
    scheduledAt: null,
    seenAt: null,
    loopClosedAt: null,
    cancelledAt: null,
    patientRef: d.patientRef,
    reportSentAt: null,
  };
}

/**
 * The details applied to a stored referral. An absent value never erases what is stored (as in the CSV
 * import): a feed that leaves out the reason on an update keeps the reason.
 */
export function withDetails<T extends StoredReferral>(state: T, referrerId: string, d: ReferralDetails): T {
  return {
    ...state,
    referrerId,
    receivedAt: d.receivedAt,
    reason: d.reason ?? state.reason,
    specialty: d.specialty ?? state.specialty,
    patientRef: d.patientRef ?? state.patientRef,
  };
}

/** The item's appointment, visit and report dates, whatever its status says. */
export function withDates<T extends StoredReferral>(state: T, item: IncomingReferral): T {
  return {
    ...state,
    scheduledAt: item.scheduledAt ?? state.scheduledAt,
    seenAt: item.seenAt ?? state.seenAt,
    reportSentAt: item.reportSentAt ?? state.reportSentAt,
  };
}

/**
 * The status applied with its date. A loop closed here stays closed when the source system (which knows
 * nothing of our calls) still says "seen"; a referral taken out of "cancelled" loses its cancelled date, and
 * one put back to "received" its appointment.
 * `changed` says whether the status moved, which is what is recorded as a status change.
 */
export function withStatus<T extends StoredReferral>(state: T, report: StatusReport): { state: T; changed: boolean } {
  const at = report.occurredAt;
  const pick = (stored: Date | null) => (report.dated ? at : (stored ?? at));
  const status: ReferralStatus =
    state.status === "loop_closed" && report.status === "seen" ? "loop_closed" : report.status;
  const next: T = { ...state, status };
  if (status === "scheduled") next.scheduledAt = pick(state.scheduledAt);
  // Back to received: the appointment was cancelled (HL7 SIU^S15), so the referral has none.
  if (status === "received") next.scheduledAt = null;
  if (status === "seen") next.seenAt = pick(state.seenAt);
  if (status === "loop_closed") {
    next.seenAt = state.seenAt ?? at;
    next.loopClosedAt = pick(state.loopClosedAt);
  }
  if (status === "cancelled") next.cancelledAt = pick(state.cancelledAt);
  else next.cancelledAt = null;
  return { state: next, changed: status !== state.status };
}

/** Whether anything stored would change. */
export function differs(a: StoredReferral, b: StoredReferral): boolean {
  return (
    a.referrerId !== b.referrerId ||
    a.status !== b.status ||
    a.reason !== b.reason ||
    a.specialty !== b.specialty ||
    a.patientRef !== b.patientRef ||
    !sameTime(a.receivedAt, b.receivedAt) ||
    !sameTime(a.scheduledAt, b.scheduledAt) ||
    !sameTime(a.seenAt, b.seenAt) ||
    !sameTime(a.loopClosedAt, b.loopClosedAt) ||
    !sameTime(a.cancelledAt, b.cancelledAt) ||
    !sameTime(a.reportSentAt, b.reportSentAt)
  );
}

/** Statuses kept for a referral that had not come yet, in the order they happened. */
export function inOrder<T extends StatusReport>(reports: readonly T[]): T[] {
  return [...reports].sort((a, b) => a.occurredAt.getTime() - b.occurredAt.getTime());
}

/** What an item did to a referral: its next state, and the status it moved to (what is recorded), if it moved. */
export interface Progress<T extends StoredReferral> {
  state: T;
  moved: StatusReport | null;
}

/** The item's dates, then its status, applied to a referral. */
export function progressed<T extends StoredReferral>(state: T, item: IncomingReferral, now: Date): Progress<T> {
  const dated = withDates(state, item);
  const report = reportOf(item, now);
  if (!report) return { state: dated, moved: null };
  const next = withStatus(dated, report);
  return {
    state: next.state,
    moved: next.changed ? { ...report, status: next.state.status as ReferralStatus } : null,
  };
}

/**
 * A referral item (one with details) applied: the stored referral updated, or a new one made from it when
 * none is stored. Every door decides this way, the CSV import's batches as the API's requests.
 */
export function received<T extends StoredReferral>(
  current: T | null,
  fresh: () => T,
  referrerId: string,
  item: IncomingReferral & { details: ReferralDetails },
  now: Date,
): Progress<T> {
  const base = current ? withDetails(current, referrerId, item.details) : fresh();
  return progressed(base, item, now);
}

/** Statuses that came before their referral, applied to it now in the order they happened. */
export function withEarlyStatuses<T extends StoredReferral, S extends StatusReport & { id: string }>(
  state: T,
  early: readonly S[],
): { state: T; applied: string[] } {
  let next = state;
  const applied: string[] = [];
  for (const status of inOrder(early)) {
    next = withStatus(next, { ...status, dated: true }).state;
    applied.push(status.id);
  }
  return { state: next, applied };
}
