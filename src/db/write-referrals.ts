// The one writer of referrals. Every door (the JSON API's requests through receiveReferrals, the CSV
// import's batches) hands what the intake decisions (core/intake/referral-state.ts) made of its items
// here, inside its own transaction: new referrals in one bulk insert, changed ones in one bulk update,
// status changes recorded once per referral and status, statuses kept early linked to their referral.
import type { ReferralWrites, SourceKey } from "../core/ports.ts";
import {
  insertRows,
  type RawTx,
  REFERRAL_TABLE,
  type Row,
  SOURCED_REFERRAL_TABLE,
  STATUS_CHANGE_TABLE,
  STORED_COLUMNS,
  updateRowsById,
} from "./bulk-rows.ts";
import type { PrismaDb, Provider } from "./database.ts";

type Tx = Omit<PrismaDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Everything an update can change about a referral (all but its keys). */
const UPDATED_COLUMNS = [...STORED_COLUMNS.filter((c) => c !== "id" && c !== "sourceId"), "updatedAt"];

/** Source ids per `IN (…)` list: SQLite's libsql allows 999 parameters in one query. */
const ID_CHUNK = 500;

const keyOf = (k: SourceKey) => `${k.sourceSystem}\u0000${k.sourceId}`;

/** Source ids by source system, in chunks that keep under the databases' limits on query parameters. */
export function bySystem(keys: readonly SourceKey[]): [string, string[]][] {
  const groups = new Map<string, Set<string>>();
  for (const k of keys) {
    const ids = groups.get(k.sourceSystem) ?? new Set<string>();
    ids.add(k.sourceId);
    groups.set(k.sourceSystem, ids);
  }
  const chunks: [string, string[]][] = [];
  for (const [system, ids] of groups) {
    const list = [...ids];
    for (let i = 0; i < list.length; i += ID_CHUNK) chunks.push([system, list.slice(i, i + ID_CHUNK)]);
  }
  return chunks;
}

/** Writes the referrals and their status changes; the caller's transaction holds it together. */
export async function writeReferrals(
  tx: Tx & RawTx,
  provider: Provider,
  practiceId: string,
  work: ReferralWrites,
  now: Date,
): Promise<void> {
  // In date order, the index by practice and date is written in one sweep rather than all over.
  const inserts = [...work.inserts].sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
  await insertRows(
    tx,
    provider,
    SOURCED_REFERRAL_TABLE,
    inserts.map((r) => ({ ...r, practiceId, createdAt: now, updatedAt: now })) as unknown as Row[],
  );
  await updateRowsById(
    tx,
    provider,
    REFERRAL_TABLE,
    UPDATED_COLUMNS,
    work.updates.map((r) => ({ ...r, updatedAt: now })) as unknown as Row[],
  );
  if (work.statusChanges.length > 0) {
    // One row per referral and status: what is recorded already stays as it was first reported. A referral
    // inserted just now has nothing recorded but the statuses kept for it, which the caller read and links.
    const inserted = new Set(work.inserts.map((r) => r.id));
    const linked = new Set(work.applied.map((a) => a.referralId));
    const toCheck = work.statusChanges.filter(
      (c) => c.referralId === null || !inserted.has(c.referralId) || linked.has(c.referralId),
    );
    const known: { sourceSystem: string; sourceId: string; status: string }[] = [];
    for (const [sourceSystem, ids] of bySystem(toCheck)) {
      known.push(
        ...(await tx.referralStatusChange.findMany({
          where: { practiceId, sourceSystem, sourceId: { in: ids } },
          select: { sourceSystem: true, sourceId: true, status: true },
        })),
      );
    }
    const seen = new Set(known.map((k) => `${keyOf(k)}\u0000${k.status}`));
    const fresh = work.statusChanges.filter((c) => !seen.has(`${keyOf(c)}\u0000${c.status}`));
    await insertRows(tx, provider, STATUS_CHANGE_TABLE, fresh as unknown as Row[]);
  }
  for (const a of work.applied) {
    await tx.referralStatusChange.update({ where: { id: a.id }, data: { referralId: a.referralId, appliedAt: now } });
  }
  await keepEarlyReports(tx, provider, work, now);
}

/**
 * Reports that came before their referral, kept once per referral: another instance may keep the same one
 * at the same moment, so the unique key decides and the second insert does nothing.
 */
async function keepEarlyReports(tx: Tx & RawTx, provider: Provider, work: ReferralWrites, now: Date): Promise<void> {
  const p = (n: number) => (provider === "sqlite" ? "?" : `$${n}`);
  // As bulk-rows.ts stores a DateTime: integer milliseconds on SQLite, a UTC timestamp(3) on PostgreSQL.
  const time = (d: Date) => (provider === "sqlite" ? d.getTime() : d.toISOString());
  const at = (n: number) => (provider === "sqlite" ? "?" : `$${n}::timestamp(3)`);
  for (const r of work.earlyReports ?? []) {
    await tx.$executeRawUnsafe(
      `INSERT INTO "EarlyReport" ("id", "practiceId", "sourceSystem", "sourceId", "reportSentAt", "createdAt")
       VALUES (${p(1)}, ${p(2)}, ${p(3)}, ${p(4)}, ${at(5)}, ${at(6)})
       ON CONFLICT ("practiceId", "sourceSystem", "sourceId") DO NOTHING`,
      r.id,
      r.practiceId,
      r.sourceSystem,
      r.sourceId,
      time(r.reportSentAt),
      time(r.createdAt),
    );
  }
  for (const a of work.appliedReports ?? []) {
    await tx.earlyReport.update({ where: { id: a.id }, data: { referralId: a.referralId, appliedAt: now } });
  }
}
