// The one intake use case: every door (the JSON API now; FHIR, HL7 and the CSV import later) hands its
// items here. Each item is validated and cleaned of patient identifiers (incoming-referral.ts), its
// referrer found or created by the identity rule and the addReferrer use case, and the referral upserted
// by its source id, unique per practice and source system. Status changes are recorded with their dates;
// a status that comes before its referral is kept and applied when the referral comes. One request is
// one transaction, with the referrers' figures refreshed and one audit event. Requests for the same
// practice are taken one at a time, so a request sent twenty times at once stores one referral.
import type { Actor, Practice } from "../model.ts";
import { newId } from "../new-id.ts";
import type {
  IntakeStore,
  IntakeWrite,
  PendingStatus,
  ReferrerRepository,
  SourcedReferral,
  SourceKey,
  StatusChangeRow,
} from "../ports.ts";
import { addReferrer } from "../referrers/add-referrer.ts";
import { findSameReferrer, identityOf, type ReferrerIdentity } from "../referrers/referrer-identity.ts";
import {
  type FieldIssue,
  type IncomingReferral,
  parseIncomingReferral,
  type ReferralDetails,
} from "./incoming-referral.ts";
import {
  differs,
  inOrder,
  newReferralState,
  reportOf,
  type StatusReport,
  withDates,
  withDetails,
  withStatus,
} from "./referral-state.ts";
import { SerialByKey } from "./serial-by-key.ts";

export const MAX_ITEMS_PER_REQUEST = 1000;

export interface ReceiveReferralsPorts {
  intake: IntakeStore;
  referrers: Pick<ReferrerRepository, "listForPractice" | "create">;
  /** Told after a referrer is added, so the chat's referrer lookup reloads. */
  referrersChanged?: (practiceId: string) => void;
}

export type ItemOutcome = "created" | "updated" | "unchanged" | "pending";

export type ItemResult =
  | { index: number; sourceId: string; sourceSystem: string; result: ItemOutcome }
  | { index: number; sourceId: string | null; result: "rejected"; issues: FieldIssue[] };

export interface ReceiveResult {
  results: ItemResult[];
  counts: Record<ItemOutcome | "rejected", number>;
}

export interface ReceiveOptions {
  /** Where the items come from unless an item names its own source system (an API token's). */
  sourceSystem: string;
  now: Date;
}

const practiceQueue = new SerialByKey();

const keyOf = (k: SourceKey) => `${k.sourceSystem}\u0000${k.sourceId}`;

/** Receives one request's referrals and status updates for the practice; says what became of each item. */
export function receiveReferrals(
  ports: ReceiveReferralsPorts,
  actor: Actor,
  practice: Pick<Practice, "id" | "timeZone">,
  items: readonly unknown[],
  opts: ReceiveOptions,
): Promise<ReceiveResult> {
  return practiceQueue.run(practice.id, () => receiveNow(ports, actor, practice, items, opts));
}

interface KeyState {
  key: SourceKey;
  /** As stored before this request, or null. */
  original: SourcedReferral | null;
  /** As it stands after the items so far. */
  current: SourcedReferral | null;
  /** Statuses kept for it while it has not come. */
  pending: PendingStatus[];
}

interface Candidate extends ReferrerIdentity {
  id: string;
}

async function receiveNow(
  ports: ReceiveReferralsPorts,
  actor: Actor,
  practice: Pick<Practice, "id" | "timeZone">,
  items: readonly unknown[],
  opts: ReceiveOptions,
): Promise<ReceiveResult> {
  const { now } = opts;
  const practiceId = practice.id;
  const parsed = items.map((raw) => parseIncomingReferral(raw, { zone: practice.timeZone, now }));
  const keyOfItem = (item: IncomingReferral): SourceKey => ({
    sourceSystem: item.sourceSystem ?? opts.sourceSystem,
    sourceId: item.sourceId,
  });
  const valid = parsed.flatMap((p) => (p.ok ? [p.item] : []));
  const keys = [...new Map(valid.map((item) => [keyOf(keyOfItem(item)), keyOfItem(item)])).values()];

  const [stored, kept] = await Promise.all([
    ports.intake.findReferrals(practiceId, keys),
    ports.intake.findPendingStatuses(practiceId, keys),
  ]);
  const states = new Map<string, KeyState>(
    keys.map((key) => [keyOf(key), { key, original: null, current: null, pending: [] }]),
  );
  for (const referral of stored) {
    const state = states.get(keyOf(referral));
    if (state) Object.assign(state, { original: referral, current: referral });
  }
  for (const status of kept) states.get(keyOf(status))?.pending.push(status);

  let candidates: Candidate[] | null = null;
  const resolveReferrer = async (d: ReferralDetails): Promise<{ id: string } | { issues: FieldIssue[] }> => {
    candidates ??= (await ports.intake.referrerIdentities(practiceId)).map((r) => ({
      id: r.id,
      ...identityOf({ npi: r.npi, name: r.displayName, clinic: r.clinic }),
    }));
    const identity = identityOf({ npi: d.npi, name: d.providerName, clinic: d.clinic });
    const same = findSameReferrer(candidates, identity);
    if (same) return { id: same.referrer.id };
    const added = await addReferrer(
      { referrers: ports.referrers, ...(ports.referrersChanged ? { referrersChanged: ports.referrersChanged } : {}) },
      actor,
      { name: d.providerName, ...(d.npi ? { npi: d.npi } : {}), ...(d.clinic ? { clinic: d.clinic } : {}) },
    );
    if (added.kind === "invalid") {
      const path = { name: "providerName", npi: "providerNpi", clinic: "clinic" }[added.field ?? ""] ?? "providerName";
      return { issues: [{ path, message: added.message }] };
    }
    candidates.push({ id: added.referrer.id, ...identityOf({ ...added.referrer, name: added.referrer.displayName }) });
    return { id: added.referrer.id };
  };

  const statusChanges = new Map<string, StatusChangeRow>();
  const applied: IntakeWrite["applied"] = [];
  const recordChange = (key: SourceKey, report: StatusReport, referralId: string | null) => {
    const id = `${keyOf(key)}\u0000${report.status}`;
    if (statusChanges.has(id)) return;
    statusChanges.set(id, {
      id: newId(),
      practiceId,
      ...key,
      referralId,
      status: report.status,
      occurredAt: report.occurredAt,
      appliedAt: referralId ? now : null,
      createdAt: now,
    });
  };
  /** The item's dates and status on a referral; its status change recorded if the status moved. */
  const progress = (state: SourcedReferral, item: IncomingReferral, key: SourceKey): SourcedReferral => {
    let next = { ...withDates(state, item), sourceSystem: key.sourceSystem };
    const report = reportOf(item, now);
    if (report) {
      const moved = withStatus(next, report);
      next = { ...moved.state, sourceSystem: key.sourceSystem };
      if (moved.changed) recordChange(key, { ...report, status: next.status as StatusReport["status"] }, next.id);
    }
    return next;
  };

  const results: ItemResult[] = [];
  for (let index = 0; index < parsed.length; index++) {
    const p = parsed[index]!;
    if (!p.ok) {
      const raw = items[index] as { sourceId?: unknown } | null;
      const sourceId = raw && typeof raw === "object" && typeof raw.sourceId === "string" ? raw.sourceId : null;
      results.push({ index, sourceId, result: "rejected", issues: p.issues });
      continue;
    }
    const { item } = p;
    const key = keyOfItem(item);
    const state = states.get(keyOf(key))!;
    const answer = (result: ItemOutcome) => results.push({ index, ...key, result });

    if (item.details) {
      const referrer = await resolveReferrer(item.details);
      if ("issues" in referrer) {
        results.push({ index, sourceId: item.sourceId, result: "rejected", issues: referrer.issues });
        continue;
      }
      if (!state.current) {
        let next: SourcedReferral = {
          ...newReferralState(newId(), referrer.id, item.sourceId, item.details),
          sourceSystem: key.sourceSystem,
        };
        next = progress(next, item, key);
        // What came before the referral is applied now, in the order it happened.
        for (const early of inOrder(state.pending)) {
          const moved = withStatus(next, { ...early, dated: true });
          next = { ...moved.state, sourceSystem: key.sourceSystem };
          applied.push({ id: early.id, referralId: next.id });
        }
        state.pending = [];
        state.current = next;
        answer("created");
        continue;
      }
      const before = state.current;
      const next = progress(
        { ...withDetails(before, referrer.id, item.details), sourceSystem: key.sourceSystem },
        item,
        key,
      );
      state.current = next;
      answer(differs(before, next) ? "updated" : "unchanged");
      continue;
    }

    if (state.current) {
      const before = state.current;
      const next = progress(before, item, key);
      state.current = next;
      answer(differs(before, next) ? "updated" : "unchanged");
      continue;
    }
    // A status for a referral that has not come: kept until it does (once per status).
    const report = reportOf(item, now);
    if (!report || state.pending.some((k) => k.status === report.status)) {
      answer("unchanged");
      continue;
    }
    const id = `${keyOf(key)}\u0000${report.status}`;
    recordChange(key, report, null);
    state.pending.push({ id: statusChanges.get(id)!.id, ...key, status: report.status, occurredAt: report.occurredAt });
    answer("pending");
  }

  const inserts: SourcedReferral[] = [];
  const updates: SourcedReferral[] = [];
  const referrerIds = new Set<string>();
  for (const state of states.values()) {
    if (!state.current) continue;
    if (!state.original) inserts.push(state.current);
    else if (differs(state.original, state.current)) {
      updates.push(state.current);
      referrerIds.add(state.original.referrerId);
    } else continue;
    referrerIds.add(state.current.referrerId);
  }
  // A status kept earlier in this same request is written already linked to its referral.
  const newChanges = [...statusChanges.values()];
  const byId = new Map(newChanges.map((c) => [c.id, c]));
  const appliedStored = applied.filter((a) => {
    const fresh = byId.get(a.id);
    if (fresh) Object.assign(fresh, { referralId: a.referralId, appliedAt: now });
    return !fresh;
  });

  const counts: ReceiveResult["counts"] = { created: 0, updated: 0, unchanged: 0, pending: 0, rejected: 0 };
  for (const r of results) counts[r.result]++;
  const changed = inserts.length + updates.length + newChanges.length + appliedStored.length > 0;
  if (changed) {
    await ports.intake.write(
      actor,
      practiceId,
      {
        inserts,
        updates,
        statusChanges: newChanges,
        applied: appliedStored,
        referrerIds: [...referrerIds],
        audit: {
          action: "referrals.receive",
          entity: "referral",
          newValue: {
            source: opts.sourceSystem,
            created: inserts.map((r) => `${r.sourceSystem}:${r.sourceId}`).slice(0, 100),
            updated: updates.map((r) => `${r.sourceSystem}:${r.sourceId}`).slice(0, 100),
            counts,
          },
        },
      },
      now,
    );
  }
  return { results, counts };
}
