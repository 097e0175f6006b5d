// The bulk ports (core/ports/bulk-data.ts) over Prisma: raw multi-row inserts and updates (bulk-rows.ts),
// one transaction per import batch or demo seed, the referrer figures refreshed once at the end.

import { CSV_SOURCE_SYSTEM as CSV_SOURCE } from "../core/intake/source-systems.ts";
import type {
  AuditEvent,
  DemoStore,
  ImportBatchWriter,
  ImportStore,
  PendingStatus,
  ReferrerRow,
} from "../core/ports.ts";
import {
  EMPTY_STATS_TABLE,
  findReferralsBySourceId,
  insertRows,
  type RawTx,
  REFERRAL_TABLE,
  REFERRER_TABLE,
  type Row,
  TOUCH_TABLE,
} from "./bulk-rows.ts";
import type { Database, PrismaDb, Provider } from "./database.ts";
import { refreshReferrerStats } from "./referrer-stats.ts";
import { recordAudit } from "./repositories/audit-repository.ts";
import { bySystem, writeReferrals } from "./write-referrals.ts";

type Tx = Omit<PrismaDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

/** Generous: a batch of thousands of rows on a slow disk must not time out halfway. */
const BATCH_TRANSACTION = { timeout: 300_000, maxWait: 60_000 } as const;
const SEED_TRANSACTION = { timeout: 120_000, maxWait: 30_000 } as const;

/** Every referrer is born with a stats row; refreshReferrerStats fills it in. */
async function insertReferrersWithStats(tx: RawTx, provider: Provider, rows: readonly ReferrerRow[]) {
  if (rows.length === 0) return;
  await insertRows(tx, provider, REFERRER_TABLE, rows as unknown as Row[]);
  await insertRows(
    tx,
    provider,
    EMPTY_STATS_TABLE,
    rows.map((r) => ({ referrerId: r.id, practiceId: r.practiceId, updatedAt: r.createdAt })),
  );
}

export function createImportStore(db: Database): ImportStore {
  const { prisma, provider } = db;
  return {
    async referrerIdentities(practiceId) {
      return prisma.referrer.findMany({
        where: { practiceId },
        select: { id: true, npi: true, displayName: true, clinic: true, addressLine1: true },
        orderBy: { createdAt: "asc" },
      });
    },
    async inBatch(work) {
      return prisma.$transaction(async (tx) => {
        const batch: ImportBatchWriter = {
          insertReferrers: (rows) => insertReferrersWithStats(tx, provider, rows),
          async fillInReferrer(id, data) {
            await tx.referrer.update({ where: { id }, data });
          },
          findReferrals: (practiceId, sourceIds) =>
            findReferralsBySourceId(tx, provider, practiceId, sourceIds, CSV_SOURCE),
          async findPendingStatuses(practiceId, sourceIds) {
            // Statuses rarely wait under the import's source system: one indexed look first spares a
            // re-import of 100,000 rows two hundred queries that find nothing.
            // By the index on referralId (waiting statuses are few), not the unique key, whose prefix
            // (practice, source) holds every status the import ever recorded: SQLite's unary + keeps
            // it off that index (110 ms a batch at 60,000 recorded statuses, under a millisecond so).
            const plus = provider === "sqlite" ? "+" : "";
            const any = await tx.$queryRawUnsafe<unknown[]>(
              `SELECT 1 AS "x" FROM "ReferralStatusChange" WHERE "referralId" IS NULL
               AND ${plus}"practiceId" = ${provider === "sqlite" ? "?" : "$1"}
               AND ${plus}"sourceSystem" = ${provider === "sqlite" ? "?" : "$2"} LIMIT 1`,
              practiceId,
              CSV_SOURCE,
            );
            if (any.length === 0) return [];
            const found: PendingStatus[] = [];
            const keys = sourceIds.map((sourceId) => ({ sourceSystem: CSV_SOURCE, sourceId }));
            for (const [sourceSystem, ids] of bySystem(keys)) {
              found.push(
                ...(await tx.referralStatusChange.findMany({
                  where: { practiceId, sourceSystem, sourceId: { in: ids }, referralId: null },
                  select: { id: true, sourceSystem: true, sourceId: true, status: true, occurredAt: true },
                })),
              );
            }
            return found;
          },
          writeReferrals: (practiceId, work, now) => writeReferrals(tx, provider, practiceId, work, now),
        };
        return work(batch);
      }, BATCH_TRANSACTION);
    },
    async finish(actor, practiceId, referrerIds, now, event) {
      await prisma.$transaction(async (tx) => {
        await refreshReferrerStats(tx, provider, practiceId, [...referrerIds], now);
        await recordAudit(tx, actor, event);
      }, BATCH_TRANSACTION);
    },
  };
}

export function createDemoStore(db: Database): DemoStore {
  const { prisma, provider } = db;
  return {
    countReferrers: (practiceId) => prisma.referrer.count({ where: { practiceId } }),
    countReferralsWithSourcePrefix: (practiceId, prefix) =>
      prisma.referral.count({ where: { practiceId, sourceId: { startsWith: prefix } } }),
    async seed(actor, practiceId, rows, opts) {
      await prisma.$transaction(async (tx) => {
        if (opts.wipeFirst) await wipePractice(tx, practiceId);
        await insertRows(tx, provider, REFERRER_TABLE, rows.referrers as unknown as Row[]);
        await insertRows(tx, provider, REFERRAL_TABLE, rows.referrals as unknown as Row[]);
        await insertRows(tx, provider, TOUCH_TABLE, rows.touches as unknown as Row[]);
        await tx.feedback.createMany({ data: [...rows.feedback] });
        await refreshReferrerStats(
          tx,
          provider,
          practiceId,
          rows.referrers.map((r) => r.id),
          opts.now,
        );
        await recordAudit(tx, actor, opts.event satisfies AuditEvent);
      }, SEED_TRANSACTION);
    },
    async insertReferrers(rows) {
      await prisma.$transaction((tx) => insertReferrersWithStats(tx, provider, rows), SEED_TRANSACTION);
    },
    insertReferrals: (rows) => insertRows(prisma, provider, REFERRAL_TABLE, rows as unknown as Row[]),
    insertTouches: (rows) => insertRows(prisma, provider, TOUCH_TABLE, rows as unknown as Row[]),
    refreshReferrerFigures: (practiceId, referrerIds, now) =>
      refreshReferrerStats(prisma, provider, practiceId, [...referrerIds], now),
  };
}

/**
 * Everything about the practice's referral relationships goes; members, workspaces, settings, digest runs
 * and the audit trail stay (a digest already sent today must not be sent again).
 */
async function wipePractice(tx: Tx, practiceId: string) {
  await tx.nudge.deleteMany({ where: { practiceId } });
  await tx.touch.deleteMany({ where: { practiceId } });
  await tx.feedback.deleteMany({ where: { practiceId } });
  await tx.referral.deleteMany({ where: { practiceId } });
  await tx.referrerStats.deleteMany({ where: { practiceId } });
  await tx.referrer.deleteMany({ where: { practiceId } });
}
