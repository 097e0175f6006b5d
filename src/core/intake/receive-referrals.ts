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
  PendingReport,
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
  newReferralState,
  type Progress,
  progressed,
  received,
  reportOf,
  type StatusReport,
  withEarlyStatuses,
} from "./referral-state.ts";

export const MAX_ITEMS_PER_REQUEST = 1000;

export interface ReceiveReferralsPorts {
  intake: IntakeStore;
  referrers: Pick<ReferrerRepository, "listForPractice" | "create" | "version">;
  /** Told after a referrer is added, so the chat's referrer lookup reloads. */
  referrersChanged?: (practiceId: string) => void;
}

export type ItemOutcome = "created" | "updated" | "unchanged" | "pending";

export type ItemResult =
  | { index: number; sourceId: string; sourceSystem: string; result: ItemOutcome }
  | { index: number; sourceId: string | null; result: "rejected"; issues: FieldIssue[] };

export interface ReceiveResult {
  /** One per item, in the request's order (index is the item's position). */
  results: ItemResult[];
  counts: Record<ItemOutcome | "rejected", number>;
}

export interface ReceiveOptions {
  /** Where the items come from unless an item names its own source system (an API token's). */
  sourceSystem: string;
  now: Date;
}

/** One request waiting its turn for its practice. */
interface Waiting {
  ports: ReceiveReferralsPorts;
  actor: Actor;
  items: readonly unknown[];
  opts: ReceiveOptions;
  resolve(result: ReceiveResult): void;
  reject(error: unknown): void;
}

/** Items written together at most: requests that queued up behind a write go in as one. */
const MAX_GROUP_ITEMS = 5000;

const waiting = new Map<string, Waiting[]>();

/** The practice's referrers with their identity keys, per store, as of a version of the referrer list. */
const identityCache = new WeakMap<object, Map<string, { version: string; list: Candidate[] }>>();

const keyOf = (k: SourceKey) => `${k.sourceSystem}\u0000${k.sourceId}`;

/**
 * Receives one request's referrals and status updates for the practice; says what became of each item.
 * A practice's requests are taken one at a time, in arrival order; those that arrive while one is being
 * written are then written together (one transaction, one refresh of the figures), each answered and
 * audited as its own. The result is the same as one after the other, only faster under load.
 */
export function receiveReferrals(
  ports: ReceiveReferralsPorts,
  actor: Actor,
  practice: Pick<Practice, "id" | "timeZone">,
  items: readonly unknown[],
  opts: ReceiveOptions,
): Promise<ReceiveResult> {
  return new Promise((resolve, reject) => {
    const queue = waiting.get(practice.id);
    const request = { ports, actor, items, opts, resolve, reject };
    if (queue) {
      queue.push(request);
      return;
    }
    waiting.set(practice.id, [request]);
    void drain(practice);
  });
}

async function drain(practice: Pick<Practice, "id" | "timeZone">): Promise<void> {
  for (;;) {
    const queue = waiting.get(practice.id) ?? [];
    if (queue.length === 0) {
      waiting.delete(practice.id);
      return;
    }
    // The first request always; then those behind it with the same ports, while they fit.
    const group: Waiting[] = [queue[0]!];
    let size = queue[0]!.items.length;
    while (group.length < queue.length) {
      const next = queue[group.length]!;
      if (next.ports !== group[0]!.ports || size + next.items.length > MAX_GROUP_ITEMS) break;
      group.push(next);
      size += next.items.length;
    }
    try {
      const results = await receiveNow(group[0]!.ports, practice, group);
      for (const [i, request] of group.entries()) request.resolve(results[i]!);
    } catch (error) {
      for (const request of group) request.reject(error);
    }
    // Those that came meanwhile stay queued behind; the practice's entry stays, so new ones queue too.
    queue.splice(0, group.length);
  }
}

interface KeyState {
  key: SourceKey;
  /** As stored before this request, or null. */
  original: SourcedReferral | null;
  /** As it stands after the items so far. */
  current: SourcedReferral | null;
  /** Statuses kept for it while it has not come. */
  pending: PendingStatus[];
  /** A consult report kept for it while it has not come. */
  pendingReport: PendingReport | null;
}

interface Candidate extends ReferrerIdentity {
  id: string;
}

async function receiveNow(
  ports: ReceiveReferralsPorts,
  practice: Pick<Practice, "id" | "timeZone">,
  requests: readonly Pick<Waiting, "actor" | "items" | "opts">[],
): Promise<ReceiveResult[]> {
  const practiceId = practice.id;
  const now = new Date(Math.max(...requests.map((r) => r.opts.now.getTime())));
  const entries = requests.flatMap((request, r) =>
    request.items.map((raw, index) => ({
      r,
      index,
      raw,
      parsed: parseIncomingReferral(raw, { zone: practice.timeZone, now: request.opts.now }),
    })),
  );
  const keyOfItem = (item: IncomingReferral, r: number): SourceKey => ({
    sourceSystem: item.sourceSystem ?? requests[r]!.opts.sourceSystem,
    sourceId: item.sourceId,
  });
  const keys = [
    ...new Map(
      entries.flatMap((e) => (e.parsed.ok ? [keyOfItem(e.parsed.item, e.r)] : [])).map((k) => [keyOf(k), k]),
    ).values(),
  ];

  const [stored, kept, keptReports] = await Promise.all([
    ports.intake.findReferrals(practiceId, keys),
    ports.intake.findPendingStatuses(practiceId, keys),
    ports.intake.findPendingReports(practiceId, keys),
  ]);
  const states = new Map<string, KeyState>(
    keys.map((key) => [keyOf(key), { key, original: null, current: null, pending: [], pendingReport: null }]),
  );
  for (const referral of stored) {
    const state = states.get(keyOf(referral));
    if (state) Object.assign(state, { original: referral, current: referral });
  }
  for (const status of kept) states.get(keyOf(status))?.pending.push(status);
  for (const report of keptReports) {
    const state = states.get(keyOf(report));
    if (state) state.pendingReport = report;
  }

  let candidates: Candidate[] | null = null;
  const loadCandidates = async (): Promise<Candidate[]> => {
    // Folding every referrer's name is the costly part: kept while the practice's referrer list is as it was.
    const version = await ports.referrers.version(practiceId);
    const byPractice = identityCache.get(ports.intake) ?? new Map<string, { version: string; list: Candidate[] }>();
    identityCache.set(ports.intake, byPractice);
    const cached = byPractice.get(practiceId);
    if (cached?.version === version) return [...cached.list];
    const list = (await ports.intake.referrerIdentities(practiceId)).map((r) => ({
      id: r.id,
      ...identityOf({ npi: r.npi, name: r.displayName, clinic: r.clinic }),
    }));
    byPractice.set(practiceId, { version, list });
    return [...list];
  };
  const resolveReferrer = async (
    d: ReferralDetails,
    actor: Actor,
  ): Promise<{ id: string } | { issues: FieldIssue[] }> => {
    candidates ??= await loadCandidates();
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
  const earlyReports: NonNullable<IntakeWrite["earlyReports"]> = [];
  const appliedReports: NonNullable<IntakeWrite["appliedReports"]> = [];
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
  /** The item applied to a referral, its status change recorded if the status moved. */
  const record = (key: SourceKey, step: Progress<SourcedReferral>): SourcedReferral => {
    if (step.moved) recordChange(key, step.moved, step.state.id);
    return step.state;
  };

  const results: ItemResult[][] = requests.map(() => []);
  for (const { r, index, raw, parsed: p } of entries) {
    const out = results[r]!;
    if (!p.ok) {
      const item = raw as { sourceId?: unknown } | null;
      const sourceId = item && typeof item === "object" && typeof item.sourceId === "string" ? item.sourceId : null;
      out.push({ index, sourceId, result: "rejected", issues: p.issues });
      continue;
    }
    const { item } = p;
    const key = keyOfItem(item, r);
    const state = states.get(keyOf(key))!;
    const answer = (result: ItemOutcome) => out.push({ index, ...key, result });
    const itemNow = requests[r]!.opts.now;

    const { details } = item;
    if (details) {
      const referrer = await resolveReferrer(details, requests[r]!.actor);
      if ("issues" in referrer) {
        out.push({ index, sourceId: item.sourceId, result: "rejected", issues: referrer.issues });
        continue;
      }
      const before = state.current;
      const fresh = (): SourcedReferral => ({
        ...newReferralState(newId(), referrer.id, item.sourceId, details),
        sourceSystem: key.sourceSystem,
      });
      let next = record(key, received(before, fresh, referrer.id, { ...item, details }, itemNow));
      if (!before) {
        // What came before the referral is applied now, in the order it happened.
        const early = withEarlyStatuses(next, state.pending);
        next = early.state;
        for (const id of early.applied) applied.push({ id, referralId: next.id });
        state.pending = [];
        const report = state.pendingReport;
        if (report) {
          // The report the referrer was sent before the referral reached us stands, unless this one dates its own.
          next = { ...next, reportSentAt: next.reportSentAt ?? report.reportSentAt };
          appliedReports.push({ id: report.id, referralId: next.id });
          state.pendingReport = null;
        }
      }
      state.current = next;
      answer(!before ? "created" : differs(before, next) ? "updated" : "unchanged");
      continue;
    }

    if (state.current) {
      const before = state.current;
      const next = record(key, progressed(before, item, itemNow));
      state.current = next;
      answer(differs(before, next) ? "updated" : "unchanged");
      continue;
    }
    // A status or a consult report for a referral that has not come: kept until it does (once per status,
    // one report).
    let kept = false;
    const report = reportOf(item, itemNow);
    if (report && !state.pending.some((k) => k.status === report.status)) {
      const id = `${keyOf(key)}\u0000${report.status}`;
      recordChange(key, report, null);
      state.pending.push({
        id: statusChanges.get(id)!.id,
        ...key,
        status: report.status,
        occurredAt: report.occurredAt,
      });
      kept = true;
    }
    if (item.reportSentAt && !state.pendingReport) {
      const early = { id: newId(), practiceId, ...key, reportSentAt: item.reportSentAt, createdAt: now };
      earlyReports.push(early);
      state.pendingReport = early;
      kept = true;
    }
    answer(kept ? "pending" : "unchanged");
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
  // A report kept and given to its referral within this same request needs no keeping.
  const givenNow = new Set(appliedReports.map((a) => a.id));
  const reportsToKeep = earlyReports.filter((r) => !givenNow.has(r.id));
  const reportIds = new Set(earlyReports.map((r) => r.id));
  const reportsGiven = appliedReports.filter((a) => !reportIds.has(a.id));

  const answers: ReceiveResult[] = results.map((list) => {
    const counts: ReceiveResult["counts"] = { created: 0, updated: 0, unchanged: 0, pending: 0, rejected: 0 };
    for (const x of list) counts[x.result]++;
    return { results: list, counts };
  });
  const changed =
    inserts.length +
      updates.length +
      newChanges.length +
      appliedStored.length +
      reportsToKeep.length +
      reportsGiven.length >
    0;
  if (changed) {
    // Each request is audited as its own: who sent it, what it changed.
    const audits = requests.flatMap((request, r) => {
      const { counts } = answers[r]!;
      if (counts.created + counts.updated + counts.pending === 0) return [];
      const changedIds = answers[r]!.results.flatMap((x) =>
        x.result === "created" || x.result === "updated" || x.result === "pending"
          ? [`${x.sourceSystem}:${x.sourceId}`]
          : [],
      );
      return [
        {
          actor: request.actor,
          event: {
            action: "referrals.receive",
            entity: "referral",
            newValue: { source: request.opts.sourceSystem, counts, changed: changedIds.slice(0, 100) },
          },
        },
      ];
    });
    await ports.intake.write(
      practiceId,
      {
        inserts,
        updates,
        statusChanges: newChanges,
        applied: appliedStored,
        earlyReports: reportsToKeep,
        appliedReports: reportsGiven,
        referrerIds: [...referrerIds],
        audits,
      },
      now,
    );
  }
  return answers;
}
