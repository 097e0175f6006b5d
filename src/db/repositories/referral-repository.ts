import { cleanOptionalText } from "../../core/phi/clean-free-text.ts";
import type { ReferralRepository } from "../../core/ports.ts";
import { encoderFor, pgEpochMs } from "../bulk-rows.ts";
import type { PrismaDb, Provider } from "../database.ts";
import { isUniqueViolation } from "../mappers.ts";
import { referrerBelongsTo } from "../referrer-ownership.ts";
import { refreshReferrerStats } from "../referrer-stats.ts";
import { recordAudit } from "./audit-repository.ts";

const DAY_MS = 86_400_000;

export function createReferralRepository(prisma: PrismaDb, provider: Provider): ReferralRepository {
  const time = encoderFor("datetime", provider);
  /**
   * A referrer's referral counts. On SQLite each is an index range count, all less the cancelled ones:
   * counting steps over index entries without reading their columns, about 3x faster than one pass that
   * tests every referral's date (4 ms for the busiest referrer's 24,600 referrals, now about 1 ms).
   */
  const referralCounts = async (referrerId: string, yearAgo: Date, ninetyAgo: Date) => {
    const since = (from: string) =>
      `(SELECT count(*) FROM "Referral" WHERE "referrerId" = ?3${from})
       - (SELECT count(*) FROM "Referral" WHERE "referrerId" = ?3 AND "status" = 'cancelled'${from})`;
    const sql =
      provider === "sqlite"
        ? `SELECT ${since("")} AS "all", ${since(` AND "receivedAt" >= ?1`)} AS "year",
             ${since(` AND "receivedAt" >= ?2`)} AS "ninety",
             (SELECT "receivedAt" FROM "Referral" WHERE "referrerId" = ?3 AND "status" <> 'cancelled'
               ORDER BY "receivedAt" DESC LIMIT 1) AS "last"`
        : `SELECT count(*) AS "all", count(*) FILTER (WHERE "receivedAt" >= $1::timestamp(3)) AS "year",
             count(*) FILTER (WHERE "receivedAt" >= $2::timestamp(3)) AS "ninety",
             ${pgEpochMs(`max("receivedAt")`)} AS "last"
           FROM "Referral" WHERE "referrerId" = $3 AND "status" <> 'cancelled'`;
    type Row = { all: number | bigint; year: number | bigint; ninety: number | bigint; last: number | bigint | null };
    const [row] = await prisma.$queryRawUnsafe<Row[]>(sql, time(yearAgo), time(ninetyAgo), referrerId);
    return {
      all: Number(row?.all ?? 0),
      year: Number(row?.year ?? 0),
      ninety: Number(row?.ninety ?? 0),
      last: row?.last === null || row?.last === undefined ? null : new Date(Number(row.last)),
    };
  };
  const ownedBy = (practiceId: string, referrerId: string) => referrerBelongsTo(prisma, practiceId, referrerId);

  return {
    async add(actor, raw) {
      // The last line of defence: whatever path the text came by, no patient identifiers are stored.
      const input = { ...raw, reason: cleanOptionalText(raw.reason), specialty: cleanOptionalText(raw.specialty) };
      const key = {
        practiceId_sourceSystem_sourceId: {
          practiceId: actor.practiceId,
          sourceSystem: "csv",
          sourceId: input.sourceId,
        },
      };
      if (await prisma.referral.findUnique({ where: key, select: { id: true } })) return { created: false };
      try {
        await prisma.$transaction(async (tx) => {
          const row = await tx.referral.create({
            data: {
              practiceId: actor.practiceId,
              referrerId: input.referrerId,
              sourceId: input.sourceId,
              receivedAt: input.receivedAt,
              reason: input.reason ?? null,
              specialty: input.specialty ?? null,
            },
          });
          await refreshReferrerStats(tx, provider, actor.practiceId, [input.referrerId]);
          await recordAudit(tx, actor, {
            action: "referral.add",
            entity: "referral",
            entityId: row.id,
            newValue: { referrerId: input.referrerId, reason: input.reason ?? null },
          });
        });
        return { created: true };
      } catch (error) {
        if (isUniqueViolation(error)) return { created: false };
        throw error;
      }
    },
    listUnscheduled(practiceId, referrerId, since) {
      return prisma.referral.findMany({
        where: { practiceId, referrerId, status: "received", receivedAt: { gte: since } },
        select: { id: true, receivedAt: true },
        orderBy: { receivedAt: "asc" },
      });
    },
    async settleUnscheduled(actor, input) {
      const { outcome, now } = input;
      const data =
        outcome === "scheduled"
          ? { status: "scheduled" as const, scheduledAt: null }
          : { status: "cancelled" as const, cancelledAt: now, notScheduledReason: outcome };
      return prisma.$transaction(async (tx) => {
        // Conditional: of two clicks (or two instances), only the first finds them still waiting.
        const changed = await tx.referral.updateMany({
          where: {
            id: { in: [...input.referralIds] },
            practiceId: actor.practiceId,
            referrerId: input.referrerId,
            status: "received",
          },
          data: { ...data, updatedAt: now },
        });
        if (changed.count === 0) return 0;
        if (input.nudgeId) {
          await tx.nudge.updateMany({
            where: { id: input.nudgeId, practiceId: actor.practiceId, status: { in: ["open", "snoozed"] } },
            data: { status: "done", liveKey: null, resolvedAt: now, resolvedBy: actor.name },
          });
        }
        await refreshReferrerStats(tx, provider, actor.practiceId, [input.referrerId], now);
        await recordAudit(tx, actor, {
          action: "referrals.not_scheduled",
          entity: "referrer",
          entityId: input.referrerId,
          oldValue: "received",
          newValue: { outcome, referrals: changed.count, nudgeId: input.nudgeId },
        });
        return changed.count;
      });
    },
    async summaryForReferrer(practiceId, referrerId, now) {
      const yearAgo = new Date(now.getTime() - 365 * DAY_MS);
      const ninetyAgo = new Date(now.getTime() - 90 * DAY_MS);
      // The referrer is checked against the practice once; the counts then read by referrer alone, which
      // the index (referrerId, status, receivedAt, …) answers without visiting the table: with practiceId
      // in the filter every row was read, 3 s for a referrer of 24,000 referrals.
      if (!(await ownedBy(practiceId, referrerId))) return EMPTY_SUMMARY;
      const sentBack = { referrerId, kind: "returned_referral" as const };
      const [counts, lastTouch, openFeedback, backYear, backAll] = await Promise.all([
        referralCounts(referrerId, yearAgo, ninetyAgo),
        prisma.touch.findFirst({
          where: { referrerId },
          orderBy: { occurredAt: "desc" },
          select: { occurredAt: true, kind: true },
        }),
        prisma.feedback.count({ where: { referrerId, status: "open" } }),
        prisma.touch.count({ where: { ...sentBack, occurredAt: { gte: yearAgo } } }),
        prisma.touch.count({ where: sentBack }),
      ]);
      return {
        referralsLast12Months: counts.year,
        referralsLast90Days: counts.ninety,
        lastReferralAt: counts.last,
        lastTouchAt: lastTouch?.occurredAt ?? null,
        lastTouchKind: lastTouch?.kind ?? null,
        openFeedback,
        referralsAllTime: counts.all,
        sentBackLast12Months: backYear,
        sentBackAllTime: backAll,
      };
    },

    async briefActivity(practiceId, referrerId, since) {
      if (!(await ownedBy(practiceId, referrerId))) {
        return { receivedAt: [], loopsOpen: { count: 0, oldestAt: null }, unscheduled: { count: 0, oldestAt: null } };
      }
      // By referrer alone, as in summaryForReferrer: the indexes by referrer answer these without the table.
      const [received, loops, unscheduled] = await Promise.all([
        since
          ? prisma.referral.findMany({
              where: { referrerId, receivedAt: { gte: since } },
              select: { receivedAt: true },
            })
          : Promise.resolve([]),
        prisma.referral.aggregate({
          where: { referrerId, status: "seen" },
          _count: { _all: true },
          _min: { seenAt: true },
        }),
        prisma.referral.aggregate({
          where: { referrerId, status: "received" },
          _count: { _all: true },
          _min: { receivedAt: true },
        }),
      ]);
      return {
        receivedAt: received.map((r) => r.receivedAt),
        loopsOpen: { count: loops._count._all, oldestAt: loops._min.seenAt ?? null },
        unscheduled: { count: unscheduled._count._all, oldestAt: unscheduled._min.receivedAt ?? null },
      };
    },
  };
}

const EMPTY_SUMMARY = {
  referralsLast12Months: 0,
  referralsLast90Days: 0,
  lastReferralAt: null,
  lastTouchAt: null,
  lastTouchKind: null,
  openFeedback: 0,
  referralsAllTime: 0,
  sentBackLast12Months: 0,
  sentBackAllTime: 0,
};
