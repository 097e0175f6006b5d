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
export function withDetails(state: StoredReferral, referrerId: string, d: ReferralDetails): StoredReferral {
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
export function withDates(state: StoredReferral, item: IncomingReferral): StoredReferral {
  return {
    ...state,
    scheduledAt: item.scheduledAt ?? state.scheduledAt,
    seenAt: item.seenAt ?? state.seenAt,
    reportSentAt: item.reportSentAt ?? state.reportSentAt,
  };
}

/**
 * The status applied with its date. A loop closed here stays closed when the source system (which knows
 * nothing of our calls) still says "seen"; a referral taken out of "cancelled" loses its cancelled date.
 * `changed` says whether the status moved, which is what is recorded as a status change.
 */
export function withStatus(state: StoredReferral, report: StatusReport): { state: StoredReferral; changed: boolean } {
  const at = report.occurredAt;
  const pick = (stored: Date | null) => (report.dated ? at : (stored ?? at));
  const status: ReferralStatus =
    state.status === "loop_closed" && report.status === "seen" ? "loop_closed" : report.status;
  const next: StoredReferral = { ...state, status };
  if (status === "scheduled") next.scheduledAt = pick(state.scheduledAt);
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
