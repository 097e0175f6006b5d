// The intake's store (core/ports/intake.ts): reads by source key in one query per source system, and one
// transaction per request that writes referrals in bulk (bulk-rows.ts), records status changes once per
// referral and status, refreshes the referrers' figures and records the audit event.
import type { IntakeStore, PendingStatus, SourcedReferral, SourceKey } from "../core/ports.ts";
import {
  findReferralsBySourceId,
  insertRows,
  REFERRAL_TABLE,
  type Row,
  SOURCED_REFERRAL_TABLE,
  STATUS_CHANGE_TABLE,
  STORED_COLUMNS,
  updateRowsById,
} from "./bulk-rows.ts";
import type { Database } from "./database.ts";
import { refreshReferrerStats } from "./referrer-stats.ts";
import { recordAudit } from "./repositories/audit-repository.ts";

/** Everything an update can change about a referral (all but its keys). */
const UPDATED_COLUMNS = [...STORED_COLUMNS.filter((c) => c !== "id" && c !== "sourceId"), "updatedAt"];

/** Source ids per `IN (…)` list: SQLite's libsql allows 999 parameters in one query. */
const ID_CHUNK = 500;

const TRANSACTION = { timeout: 60_000, maxWait: 30_000 } as const;

const keyOf = (k: SourceKey) => `${k.sourceSystem}\u0000${k.sourceId}`;

/** Source ids by source system, in chunks that keep under the databases' limits on query parameters. */
function bySystem(keys: readonly SourceKey[]): [string, string[]][] {
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

export function createIntakeStore(db: Database): IntakeStore {
  const { prisma, provider } = db;
  return {
    referrerIdentities(practiceId) {
      return prisma.referrer.findMany({
        where: { practiceId },
        select: { id: true, npi: true, displayName: true, clinic: true },
        orderBy: { createdAt: "asc" },
      });
    },
    async findReferrals(practiceId, keys) {
      const found: SourcedReferral[] = [];
      for (const [sourceSystem, ids] of bySystem(keys)) {
        const rows = await findReferralsBySourceId(prisma, provider, practiceId, ids, sourceSystem);
        for (const row of rows) found.push({ ...row, sourceSystem });
      }
      return found;
    },
    async findPendingStatuses(practiceId, keys) {
      const found: PendingStatus[] = [];
      // By practice, source system and source ids: the unique index's order, so no scan of the table.
      for (const [sourceSystem, ids] of bySystem(keys)) {
        const rows = await prisma.referralStatusChange.findMany({
          where: { practiceId, sourceSystem, sourceId: { in: ids }, referralId: null },
          select: { id: true, sourceSystem: true, sourceId: true, status: true, occurredAt: true },
          orderBy: { occurredAt: "asc" },
        });
        found.push(...rows);
      }
      return found;
    },
    async write(practiceId, work, now) {
      await prisma.$transaction(async (tx) => {
        await insertRows(
          tx,
          provider,
          SOURCED_REFERRAL_TABLE,
          work.inserts.map((r) => ({ ...r, practiceId, createdAt: now, updatedAt: now })) as unknown as Row[],
        );
        await updateRowsById(
          tx,
          provider,
          REFERRAL_TABLE,
          UPDATED_COLUMNS,
          work.updates.map((r) => ({ ...r, updatedAt: now })) as unknown as Row[],
        );
        if (work.statusChanges.length > 0) {
          // One row per referral and status: what is recorded already stays as it was first reported.
          const known: { sourceSystem: string; sourceId: string; status: string }[] = [];
          for (const [sourceSystem, ids] of bySystem(work.statusChanges)) {
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
          await tx.referralStatusChange.update({
            where: { id: a.id },
            data: { referralId: a.referralId, appliedAt: now },
          });
        }
        await refreshReferrerStats(tx, provider, practiceId, work.referrerIds, now);
        for (const { actor, event } of work.audits) await recordAudit(tx, actor, event);
      }, TRANSACTION);
    },
  };
}
