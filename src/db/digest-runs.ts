// DigestRun rows: claim-then-send (see /work/shared/style.md, Documenso's reminders). The unique
// (practiceId, localDate) row is the lock; every change after the insert is a conditional updateMany,
// so two instances racing for the same row cannot both win, on SQLite or on PostgreSQL.
import {
  DEFAULT_MAX_ATTEMPTS,
  type DigestDeliveries,
  type DigestRun,
  type DigestRunStore,
  type FinalDigestRunStatus,
} from "../core/ports.ts";
import type { PrismaDb } from "./database.ts";
import type * as Rows from "./generated/postgresql/client.ts";
import { isUniqueViolation } from "./mappers.ts";

/** Statuses a later attempt may take over once the lease has run out. */
const RESUMABLE = ["claimed", "partial", "failed"] as const;
/** Optimistic retries of a deliveries update that met a concurrent one. */
const RECORD_RETRIES = 5;

function parseDeliveries(json: string): DigestDeliveries {
  try {
    const value: unknown = JSON.parse(json);
    return value && typeof value === "object" && !Array.isArray(value) ? (value as DigestDeliveries) : {};
  } catch {
    return {};
  }
}

function toDigestRun(row: Rows.DigestRun): DigestRun {
  return {
    id: row.id,
    practiceId: row.practiceId,
    localDate: row.localDate,
    status: row.status,
    claimedBy: row.claimedBy,
    claimedAt: row.claimedAt,
    leaseUntil: row.leaseUntil,
    attempts: row.attempts,
    deliveries: parseDeliveries(row.deliveries),
    deliveredAt: row.deliveredAt,
    snapshot: row.snapshot,
    note: row.note,
  };
}

export function createDigestRunStore(prisma: PrismaDb): DigestRunStore {
  const key = (practiceId: string, localDate: string) => ({ practiceId_localDate: { practiceId, localDate } });

  return {
    async claim(practiceId, localDate, instanceId, now, leaseMs, opts = {}) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      try {
        const row = await prisma.digestRun.create({
          data: { practiceId, localDate, status: "claimed", claimedBy: instanceId, claimedAt: now, leaseUntil },
        });
        return toDigestRun(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      const existing = await prisma.digestRun.findUnique({ where: key(practiceId, localDate) });
      if (!existing) return null;
      // The WHERE is re-checked by the database at write time: of several instances that all saw the
      // expired lease, the first update moves leaseUntil into the future and the others match nothing.
      // claimedAt stays: the next day's "new since" starts from the first claim, so nothing is lost.
      const taken = await prisma.digestRun.updateMany({
        where: {
          id: existing.id,
          attempts: { lt: opts.maxAttempts ?? DEFAULT_MAX_ATTEMPTS },
          OR: [
            { status: { in: [...RESUMABLE] }, leaseUntil: { lt: now } },
            // A live claim is never cut short; a finished partial run is only waiting for its retry time.
            ...(opts.retryNow ? [{ status: { in: ["partial" as const, "failed" as const] } }] : []),
          ],
        },
        data: { status: "claimed", claimedBy: instanceId, leaseUntil, attempts: { increment: 1 } },
      });
      if (taken.count === 0) return null;
      const row = await prisma.digestRun.findUnique({ where: { id: existing.id } });
      return row ? toDigestRun(row) : null;
    },

    async resumable(now, limit = 500) {
      const rows = await prisma.digestRun.findMany({
        where: { status: { in: [...RESUMABLE] }, leaseUntil: { lt: now }, attempts: { lt: DEFAULT_MAX_ATTEMPTS } },
        select: { practiceId: true },
        orderBy: { leaseUntil: "asc" },
        take: limit,
      });
      return [...new Set(rows.map((r) => r.practiceId))];
    },

    async renew(runId, instanceId, leaseUntil) {
      const renewed = await prisma.digestRun.updateMany({
        where: { id: runId, claimedBy: instanceId, status: "claimed" },
        data: { leaseUntil },
      });
      return renewed.count === 1;
    },

    async recordDelivery(runId, targetKey, status, detail) {
      // Compare-and-set on the JSON text: a plain read-modify-write could drop another target's result.
      for (let attempt = 0; attempt < RECORD_RETRIES; attempt++) {
        const row = await prisma.digestRun.findUnique({ where: { id: runId }, select: { deliveries: true } });
        if (!row) return;
        const deliveries = parseDeliveries(row.deliveries);
        deliveries[targetKey] = {
          status,
          at: detail.at.toISOString(),
          ...(detail.tries !== undefined ? { tries: detail.tries } : {}),
          ...(detail.error !== undefined ? { error: detail.error.slice(0, 500) } : {}),
        };
        const written = await prisma.digestRun.updateMany({
          where: { id: runId, deliveries: row.deliveries },
          data: { deliveries: JSON.stringify(deliveries) },
        });
        if (written.count === 1) return;
      }
      throw new Error(
        `Could not record the delivery to ${targetKey} on digest run ${runId}: too many concurrent updates`,
      );
    },

    async finish(runId, status: FinalDigestRunStatus, note, opts = {}) {
      const now = opts.now ?? new Date();
      const done = await prisma.digestRun.updateMany({
        where: { id: runId, status: "claimed", ...(opts.instanceId ? { claimedBy: opts.instanceId } : {}) },
        data: {
          status,
          note: note ?? null,
          // A partial or failed run may be taken over again once this passes; a finished one never is.
          leaseUntil: opts.retryAt ?? now,
          ...(status === "delivered" || status === "partial" ? { deliveredAt: now } : {}),
        },
      });
      return done.count === 1;
    },

    async recordSkip(practiceId, localDate, reason, opts = {}) {
      const now = opts.now ?? new Date();
      try {
        await prisma.digestRun.create({
          data: {
            practiceId,
            localDate,
            status: "skipped",
            claimedBy: opts.instanceId ?? "scheduler",
            claimedAt: now,
            leaseUntil: now,
            note: reason,
          },
        });
        return true;
      } catch (error) {
        if (isUniqueViolation(error)) return false;
        throw error;
      }
    },

    async find(practiceId, localDate) {
      const row = await prisma.digestRun.findUnique({ where: key(practiceId, localDate) });
      return row ? toDigestRun(row) : null;
    },

    async release(runId, instanceId, now) {
      const released = await prisma.digestRun.updateMany({
        where: { id: runId, claimedBy: instanceId, status: "claimed" },
        // Just before `now`: the lease check is "leaseUntil < now", so the next attempt may start at once.
        data: { leaseUntil: new Date(now.getTime() - 1) },
      });
      return released.count === 1;
    },

    async forceReclaim(practiceId, localDate, instanceId, now, leaseMs) {
      const leaseUntil = new Date(now.getTime() + leaseMs);
      try {
        const row = await prisma.digestRun.create({
          data: {
            practiceId,
            localDate,
            status: "claimed",
            claimedBy: instanceId,
            claimedAt: now,
            leaseUntil,
            note: "forced",
          },
        });
        return toDigestRun(row);
      } catch (error) {
        if (!isUniqueViolation(error)) throw error;
      }
      // claimedAt moves to now because the digest is rebuilt now: tomorrow's "new since" starts here.
      // The physicians' own digests are rebuilt too, so their old snapshots go with the practice's.
      const [row] = await prisma.$transaction([
        prisma.digestRun.update({
          where: key(practiceId, localDate),
          data: {
            status: "claimed",
            claimedBy: instanceId,
            claimedAt: now,
            leaseUntil,
            attempts: { increment: 1 },
            deliveries: "{}",
            deliveredAt: null,
            snapshot: null,
            note: "forced",
          },
        }),
        prisma.personalDigestSnapshot.deleteMany({ where: { run: { practiceId, localDate } } }),
      ]);
      return toDigestRun(row);
    },
  };
}
