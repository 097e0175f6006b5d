// The weekly thank-you cards' reads and their stored batches (CardBatch, one per practice and ISO week).
import { type CardBatch, type CardMailed, cardTouchKey } from "../core/cards/card-batch.ts";
import type { CardDataPort } from "../core/ports.ts";
import type { PrismaDb } from "./database.ts";
import { isUniqueViolation } from "./mappers.ts";

/** The batch as stored: everything but its id and practice, which are columns. */
const KEYS_PER_QUERY = 500;

type StoredPayload = Omit<CardBatch, "id" | "practiceId" | "week">;

export function createCardData(prisma: PrismaDb): CardDataPort {
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

    async referralSpecialties(practiceId, since) {
      // Grouped in the database: a referrer never thanked may have thousands of referrals, but few specialties.
      const rows = await prisma.referral.groupBy({
        by: ["referrerId", "specialty"],
        where: { practiceId, receivedAt: { gte: since }, status: { not: "cancelled" }, specialty: { not: null } },
        _max: { receivedAt: true },
      });
      return rows.flatMap((r) =>
        r.specialty && r._max.receivedAt
          ? [{ referrerId: r.referrerId, specialty: r.specialty, lastAt: r._max.receivedAt }]
          : [],
      );
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
