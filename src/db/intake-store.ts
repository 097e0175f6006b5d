// The intake's store (core/ports/intake.ts): reads by source key in one query per source system, and one
// transaction per request that writes through the one writer of referrals (write-referrals.ts),
// refreshes the referrers' figures and records the audit event.
import type { IntakeStore, PendingReport, PendingStatus, SourcedReferral } from "../core/ports.ts";
import { findReferralsBySourceId } from "./bulk-rows.ts";
import type { Database } from "./database.ts";
import { refreshReferrerStats } from "./referrer-stats.ts";
import { recordAudit } from "./repositories/audit-repository.ts";
import { bySystem, writeReferrals } from "./write-referrals.ts";

const TRANSACTION = { timeout: 60_000, maxWait: 30_000 } as const;

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
    async findPendingReports(practiceId, keys) {
      const found: PendingReport[] = [];
      for (const [sourceSystem, ids] of bySystem(keys)) {
        found.push(
          ...(await prisma.earlyReport.findMany({
            where: { practiceId, sourceSystem, sourceId: { in: ids }, referralId: null },
            select: { id: true, sourceSystem: true, sourceId: true, reportSentAt: true },
          })),
        );
      }
      return found;
    },
    async write(practiceId, work, now) {
      await prisma.$transaction(async (tx) => {
        await writeReferrals(tx, provider, practiceId, work, now);
        await refreshReferrerStats(tx, provider, practiceId, work.referrerIds, now);
        for (const { actor, event } of work.audits) await recordAudit(tx, actor, event);
      }, TRANSACTION);
    },
  };
}
