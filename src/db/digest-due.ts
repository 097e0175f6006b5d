// Practice.nextDigestAt as the scheduler's shared queue (the port in core/ports/digest-due.ts).
// PostgreSQL, where several instances sweep at once: one UPDATE over a sub-select FOR UPDATE SKIP LOCKED,
// so concurrent sweeps take disjoint practices without waiting on each other's row locks.
// SQLite, the single-instance default: a read, then a compare-and-set per practice on the time it read,
// which is just as safe if two processes share the file (the loser of a race matches nothing).
import type { DigestDueStore } from "../core/ports.ts";
import type { Database } from "./database.ts";
import { toPractice } from "./mappers.ts";

export function createDigestDueStore(db: Pick<Database, "prisma" | "provider">): DigestDueStore {
  const { prisma } = db;
  const dueNow = (now: Date) => ({ OR: [{ nextDigestAt: null }, { nextDigestAt: { lte: now } }] });

  async function takeIds(now: Date, holdUntil: Date, limit: number): Promise<string[]> {
    if (db.provider === "postgresql") {
      const rows = await prisma.$queryRaw<Array<{ id: string }>>`
        UPDATE "Practice" SET "nextDigestAt" = ${holdUntil}
        WHERE "id" IN (
          SELECT "id" FROM "Practice"
          WHERE "nextDigestAt" IS NULL OR "nextDigestAt" <= ${now}
          ORDER BY "nextDigestAt" ASC NULLS FIRST
          LIMIT ${limit}
          FOR UPDATE SKIP LOCKED
        )
        RETURNING "id"`;
      return rows.map((r) => r.id);
    }
    const candidates = await prisma.practice.findMany({
      where: dueNow(now),
      select: { id: true, nextDigestAt: true },
      orderBy: { nextDigestAt: { sort: "asc", nulls: "first" } },
      take: limit,
    });
    const taken: string[] = [];
    for (const { id, nextDigestAt } of candidates) {
      const won = await prisma.practice.updateMany({ where: { id, nextDigestAt }, data: { nextDigestAt: holdUntil } });
      if (won.count === 1) taken.push(id);
    }
    return taken;
  }

  return {
    async takeDue(now, holdUntil, limit) {
      const ids = await takeIds(now, holdUntil, limit);
      if (ids.length === 0) return [];
      const rows = await prisma.practice.findMany({ where: { id: { in: ids } } });
      // Earliest first, as taken.
      const order = new Map(ids.map((id, i) => [id, i]));
      return rows.map(toPractice).sort((a, b) => (order.get(a.id) ?? 0) - (order.get(b.id) ?? 0));
    },

    async setNext(practiceId, at, opts = {}) {
      const written = await prisma.practice.updateMany({
        where: { id: practiceId, ...(opts.ifHeldUntil ? { nextDigestAt: opts.ifHeldUntil } : {}) },
        data: { nextDigestAt: at },
      });
      return written.count === 1;
    },

    async lookNow(practiceId) {
      await prisma.practice.updateMany({ where: { id: practiceId }, data: { nextDigestAt: null } });
    },

    async list() {
      const rows = await prisma.practice.findMany({
        select: { id: true, nextDigestAt: true },
        orderBy: { createdAt: "asc" },
      });
      return rows.map((r) => ({ practiceId: r.id, nextDigestAt: r.nextDigestAt }));
    },
  };
}
