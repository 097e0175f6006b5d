// The digest's reads and the nudge table's upkeep, in a fixed number of queries per practice.
import type { DigestDataPort } from "../core/digest/digest-data.ts";
import type { Digest } from "../core/digest/digest-model.ts";
import type { NudgeCandidate } from "../core/nudges/nudge-candidate.ts";
import type { ReferrerFacts } from "../core/nudges/referrer-facts.ts";
import type { PrismaDb } from "./database.ts";
import type { Prisma } from "./generated/postgresql/client.ts";
import { isUniqueViolation, toNudge } from "./mappers.ts";

/** How late an EHR export may bring a referral and still have it count as new. */
const LATE_ARRIVAL_MS = 7 * 86_400_000;

function liveKey(referrerId: string, kind: string) {
  return `${referrerId}:${kind}`;
}

export function createDigestData(prisma: PrismaDb): DigestDataPort {
  return {
    async loadFacts(practiceId) {
      const rows = await prisma.referrerStats.findMany({
        where: { practiceId },
        include: { referrer: { select: { displayName: true, status: true, specialty: true, ownerMemberId: true } } },
      });
      return rows.map(
        (r): ReferrerFacts => ({
          referrerId: r.referrerId,
          displayName: r.referrer.displayName,
          status: r.referrer.status,
          specialty: r.referrer.specialty,
          ownerMemberId: r.referrer.ownerMemberId,
          referralCount: r.referralCount,
          firstReferralAt: r.firstReferralAt,
          lastReferralAt: r.lastReferralAt,
          referralDays: JSON.parse(r.referralDays) as Array<[number, number]>,
          unthankedCount: r.unthankedCount,
          oldestUnthankedAt: r.oldestUnthankedAt,
          seenAwaitingCount: r.seenAwaitingCount,
          oldestSeenAwaitingAt: r.oldestSeenAwaitingAt,
          lastSeenAt: r.lastSeenAt,
          lastThankAt: r.lastThankAt,
          lastCallAt: r.lastCallAt,
          lastMeetingAt: r.lastMeetingAt,
          lastFeedbackRequestAt: r.lastFeedbackRequestAt,
          lastTouchAt: r.lastTouchAt,
          oldestOpenNegativeAt: r.oldestOpenNegativeAt,
        }),
      );
    },

    async newReferrals(practiceId, since, until, limit) {
      // "New" means received since the last digest, or imported since with a recent date (an EHR
      // export at 6 am carries yesterday's dates, from before yesterday's digest went out).
      const where = {
        practiceId,
        status: { not: "cancelled" as const },
        receivedAt: { lte: until },
        OR: [
          { receivedAt: { gt: since } },
          // Recorded since, and recent: not a year of history loaded by a first import or the demo.
          { createdAt: { gt: since }, receivedAt: { gt: new Date(since.getTime() - LATE_ARRIVAL_MS) } },
        ],
      };
      const [total, rows] = await Promise.all([
        prisma.referral.count({ where }),
        prisma.referral.findMany({
          where,
          select: { referrerId: true, reason: true, specialty: true, referrer: { select: { displayName: true } } },
          take: limit,
        }),
      ]);
      return {
        total,
        rows: rows.map((r) => ({
          referrerId: r.referrerId,
          referrerName: r.referrer.displayName,
          reason: r.reason ?? r.specialty,
        })),
      };
    },

    touchesSince(practiceId, since) {
      return prisma.touch.count({ where: { practiceId, occurredAt: { gte: since } } });
    },

    async syncNudges(practiceId, candidates, now) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await syncOnce(prisma, practiceId, candidates, now);
        } catch (error) {
          // Another instance (a /nudges command) wrote the same live nudge a moment ago: read again.
          if (!isUniqueViolation(error) || attempt >= 2) throw error;
        }
      }
    },

    async lastDigestAt(practiceId, before) {
      const run = await prisma.digestRun.findFirst({
        where: { practiceId, localDate: { lt: before }, status: { in: ["delivered", "partial"] } },
        orderBy: { localDate: "desc" },
        select: { claimedAt: true },
      });
      return run?.claimedAt ?? null;
    },

    async saveSnapshot(practiceId, runId, digest) {
      await prisma.digestRun.updateMany({
        where: { id: runId, practiceId },
        data: { snapshot: JSON.stringify(digest) },
      });
    },

    async loadSnapshot(practiceId, runId) {
      const run = await prisma.digestRun.findFirst({ where: { id: runId, practiceId }, select: { snapshot: true } });
      return run?.snapshot ? (JSON.parse(run.snapshot) as Digest) : null;
    },
  };
}

async function syncOnce(prisma: PrismaDb, practiceId: string, candidates: NudgeCandidate[], now: Date) {
  const [live, retired] = await Promise.all([
    prisma.nudge.findMany({ where: { practiceId, status: { in: ["open", "snoozed"] } } }),
    prisma.nudge.groupBy({
      by: ["referrerId", "kind"],
      where: { practiceId, status: { in: ["done", "dismissed"] } },
      _max: { triggeredAt: true },
    }),
  ]);
  const liveBy = new Map(live.map((n) => [liveKey(n.referrerId, n.kind), n]));
  const retiredBy = new Map(retired.map((r) => [liveKey(r.referrerId, r.kind), r._max.triggeredAt]));
  const wanted = new Set<string>();
  const creates: Prisma.NudgeCreateManyInput[] = [];
  const updates: Array<{ id: string; data: Record<string, unknown> }> = [];

  for (const c of candidates) {
    const key = liveKey(c.referrerId, c.kind);
    wanted.add(key);
    const existing = liveBy.get(key);
    if (existing) {
      const wakes = existing.status === "snoozed" && existing.snoozedUntil && existing.snoozedUntil <= now;
      if (wakes || existing.reason !== c.reason || existing.dueAt.getTime() !== c.dueAt.getTime()) {
        updates.push({
          id: existing.id,
          data: {
            reason: c.reason,
            dueAt: c.dueAt,
            priority: c.priority,
            triggeredAt: c.triggeredAt,
            ...(wakes ? { status: "open", snoozedUntil: null } : {}),
          },
        });
      }
      continue;
    }
    // Done or dismissed: stays away until something newer than what raised it happens.
    const lastTrigger = retiredBy.get(key);
    if (lastTrigger && c.triggeredAt <= lastTrigger) continue;
    creates.push({
      practiceId,
      referrerId: c.referrerId,
      kind: c.kind,
      reason: c.reason,
      dueAt: c.dueAt,
      priority: c.priority,
      triggeredAt: c.triggeredAt,
      liveKey: key,
    });
  }
  // A live nudge whose reason is gone (handled outside the bot, or by an import) retires quietly.
  const stale = live.filter((n) => !wanted.has(liveKey(n.referrerId, n.kind))).map((n) => n.id);

  await prisma.$transaction(async (tx) => {
    if (creates.length) await tx.nudge.createMany({ data: creates });
    for (const u of updates) await tx.nudge.update({ where: { id: u.id }, data: u.data });
    if (stale.length) {
      await tx.nudge.updateMany({
        where: { id: { in: stale } },
        data: { status: "done", liveKey: null, resolvedAt: now, resolvedBy: "no longer needed" },
      });
    }
  });
  const rows = await prisma.nudge.findMany({ where: { practiceId, status: "open" } });
  return rows.map(toNudge);
}
