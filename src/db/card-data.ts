// The weekly thank-you cards' reads and their stored batches (CardBatch, one per practice and ISO week).
import { type CardBatch, type CardMailed, cardTouchKey } from "../core/cards/card-batch.ts";
import { type CardDataPort, SPECIALTY_REFERRALS_PER_REFERRER } from "../core/ports.ts";
import { asDate } from "./bulk-rows.ts";
import type { Database } from "./database.ts";
import { isUniqueViolation } from "./mappers.ts";

/** The batch as stored: everything but its id and practice, which are columns. */
const KEYS_PER_QUERY = 500;

type StoredPayload = Omit<CardBatch, "id" | "practiceId" | "week">;

export function createCardData(db: Pick<Database, "prisma" | "provider">): CardDataPort {
  const { prisma, provider } = db;
  const toBatch = (row: { id: string; practiceId: string; week: string; payload: string }): CardBatch => ({
    ...(JSON.parse(row.payload) as StoredPayload),
    id: row.id,
    practiceId: row.practiceId,
    week: row.week,
  });

  return {
    async cardReferrers(practiceId) {
      return prisma.referrer.findMany({
        where: { practiceId, status: "active" },
        select: {
          id: true,
          displayName: true,
          firstName: true,
          lastName: true,
          clinic: true,
          specialty: true,
          addressLine1: true,
          addressLine2: true,
          city: true,
          state: true,
          postalCode: true,
        },
      });
    },

    async unthankedSpecialties(_practiceId, wanted) {
      // Each referrer's newest few referrals after their last thank-you, through the (referrer, received)
      // index: a few thousand row reads whatever the history. Grouping every unthanked referral of the
      // practice instead took seconds at 200,000 referrals. No practice condition inside: the ids are the
      // practice's own (from its facts), and one would tempt SQLite onto the (practice, received) index,
      // which reads every referral of the practice once per referrer.
      const limit = SPECIALTY_REFERRALS_PER_REFERRER;
      const sql =
        provider === "postgresql"
          ? `SELECT w.rid AS "referrerId", r."specialty", r."receivedAt"
             FROM json_to_recordset($1::json) AS w(rid text, since text)
             CROSS JOIN LATERAL (
               SELECT x."specialty", x."receivedAt" FROM "Referral" x
               WHERE x."referrerId" = w.rid AND x."receivedAt" > w.since::timestamp(3)
                 AND x."status" <> 'cancelled' AND x."specialty" IS NOT NULL
               ORDER BY x."receivedAt" DESC LIMIT ${limit}) r`
          : // SQLite has no LATERAL: a correlated scalar subquery per referrer walks the index the same way.
            `WITH w(rid, since) AS (SELECT json_extract(value, '$.rid'), json_extract(value, '$.since') FROM json_each(?1))
             SELECT w.rid AS referrerId, (
               SELECT json_group_array(json_array(y.specialty, y.receivedAt)) FROM (
                 SELECT x.specialty, x.receivedAt FROM "Referral" x
                 WHERE x.referrerId = w.rid AND x.receivedAt > w.since
                   AND x.status <> 'cancelled' AND x.specialty IS NOT NULL
                 ORDER BY x.receivedAt DESC LIMIT ${limit}) y) AS recent
             FROM w`;
      const list = JSON.stringify(
        wanted.map((w) => ({
          rid: w.referrerId,
          since: provider === "postgresql" ? w.since.toISOString() : w.since.getTime(),
        })),
      );
      type Raw = { referrerId: string; specialty?: string; receivedAt?: unknown; recent?: string | null };
      const rows = await prisma.$queryRawUnsafe<Raw[]>(sql, list);
      const out: Array<{ referrerId: string; specialty: string; receivedAt: Date }> = [];
      for (const row of rows) {
        const found: Array<[unknown, unknown]> =
          provider === "postgresql" ? [[row.specialty, row.receivedAt]] : JSON.parse(row.recent ?? "[]");
        for (const [specialty, at] of found) {
          const receivedAt = asDate(at);
          if (typeof specialty === "string" && receivedAt)
            out.push({ referrerId: row.referrerId, specialty, receivedAt });
        }
      }
      return out;
    },

    async findBatch(practiceId, week) {
      const row = await prisma.cardBatch.findUnique({ where: { practiceId_week: { practiceId, week } } });
      return row ? toBatch(row) : null;
    },

    async findBatchById(practiceId, id) {
      const row = await prisma.cardBatch.findFirst({ where: { id, practiceId } });
      return row ? toBatch(row) : null;
    },

    async saveBatch(batch) {
      const { id: _id, practiceId, week, ...payload } = batch;
      try {
        return toBatch(await prisma.cardBatch.create({ data: { practiceId, week, payload: JSON.stringify(payload) } }));
      } catch (error) {
        // Another instance (or an earlier try) stored the week's batch first: that one is the week's.
        if (!isUniqueViolation(error)) throw error;
        return toBatch(await prisma.cardBatch.findUniqueOrThrow({ where: { practiceId_week: { practiceId, week } } }));
      }
    },

    async mailed(batch) {
      const mailed = new Map<string, CardMailed>();
      if (!batch.id) return mailed;
      // Looked up by the exact keys the buttons log (the unique index), never by a scan of the touches.
      const keys = batch.entries.map((e) => cardTouchKey(batch.id as string, e.referrerId));
      for (let i = 0; i < keys.length; i += KEYS_PER_QUERY) {
        const rows = await prisma.touch.findMany({
          where: { practiceId: batch.practiceId, idempotencyKey: { in: keys.slice(i, i + KEYS_PER_QUERY) } },
          select: { referrerId: true, actorName: true, occurredAt: true },
        });
        for (const t of rows) mailed.set(t.referrerId, { by: t.actorName, at: t.occurredAt });
      }
      return mailed;
    },
  };
}
