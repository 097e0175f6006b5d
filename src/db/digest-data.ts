// The digest's reads and the nudge table's upkeep, in a fixed number of queries per practice.

import type { Digest } from "../core/digest/digest-model.ts";
import type { NudgeCandidate } from "../core/nudges/nudge-candidate.ts";
import { nudgeLiveKey, planNudgeSync, type StoredLiveNudge } from "../core/nudges/nudge-lifecycle.ts";
import type { OpenComplaint, ReferrerFacts } from "../core/nudges/referrer-facts.ts";
import type { DigestDataPort, LiveNudge } from "../core/ports.ts";
import { insertRows, newId, type TableSpec } from "./bulk-rows.ts";
import type { Database, PrismaDb, Provider } from "./database.ts";
import type { Prisma } from "./generated/postgresql/client.ts";
import { isUniqueViolation } from "./mappers.ts";

/** How late an EHR export may bring a referral and still have it count as new. */
const LATE_ARRIVAL_MS = 7 * 86_400_000;
/** A guard on the staff read; no practice has this many physicians and liaisons. */
const STAFF_ROW_LIMIT = 500;

export function createDigestData(db: Pick<Database, "prisma" | "provider">): DigestDataPort {
  const { prisma, provider } = db;
  return {
    async loadFacts(practiceId) {
      // One row per referrer with the figures packed into one JSON array: Prisma's per-value cost, not
      // the database, was most of the digest's time at 2,000 referrers.
      const packed = provider === "postgresql" ? PACKED_POSTGRES : PACKED_SQLITE;
      const [rows, complaints] = await Promise.all([
        prisma.$queryRawUnsafe<PackedRow[]>(
          `SELECT s."referrerId" AS id, r."displayName" AS name, r."status", r."specialty", r."ownerMemberId" AS owner,
                s."referralDays" AS days, s."unscheduledTimes" AS waiting, ${packed} AS figures
         FROM "ReferrerStats" s JOIN "Referrer" r ON r."id" = s."referrerId"
         WHERE s."practiceId" = ${provider === "postgresql" ? "$1" : "?"}`,
          practiceId,
        ),
        // Open complaints are few (each one is a problem someone is working on): one indexed query.
        prisma.feedback.findMany({
          where: { practiceId, status: "open" },
          select: { id: true, referrerId: true, createdAt: true, sentiment: true, text: true },
          orderBy: [{ createdAt: "asc" }, { id: "asc" }],
        }),
      ]);
      const byReferrer = new Map<string, OpenComplaint[]>();
      for (const c of complaints) {
        const list = byReferrer.get(c.referrerId) ?? [];
        list.push({ feedbackId: c.id, at: c.createdAt, sentiment: c.sentiment, text: c.text });
        byReferrer.set(c.referrerId, list);
      }
      return rows.map((row) => toFacts(row, byReferrer.get(row.id) ?? []));
    },

    async newReferrals(practiceId, since, until, limit) {
      // "New" means received since the last digest, or imported since with a recent date (an EHR
      // export at 6 am carries yesterday's dates, from before yesterday's digest went out). Two
      // indexed range queries: an OR of the two conditions could use neither index.
      const select = { referrerId: true, reason: true, specialty: true, sourceSystem: true } as const;
      const base = { practiceId, status: { not: "cancelled" as const } };
      const [received, late] = await Promise.all([
        prisma.referral.findMany({ where: { ...base, receivedAt: { gt: since, lte: until } }, select, take: limit }),
        prisma.referral.findMany({
          where: {
            ...base,
            createdAt: { gt: since },
            receivedAt: { gt: new Date(since.getTime() - LATE_ARRIVAL_MS), lte: since },
          },
          select,
          take: limit,
        }),
      ]);
      const rows = [...received, ...late].map((r) => ({
        referrerId: r.referrerId,
        reason: r.reason ?? r.specialty,
        sourceSystem: r.sourceSystem,
      }));
      const total =
        received.length < limit && late.length < limit
          ? rows.length
          : await prisma.referral.count({ where: { ...base, receivedAt: { gt: since, lte: until } } });
      return { total, rows: rows.slice(0, limit) };
    },

    touchesSince(practiceId, since) {
      return prisma.touch.count({ where: { practiceId, occurredAt: { gte: since } } });
    },

    async staff(practiceId) {
      // Physicians and liaisons in one query: a practice has a handful of members, not thousands.
      const members = await prisma.member.findMany({
        where: { practiceId, role: { in: ["physician", "liaison"] } },
        select: { displayName: true, role: true },
        orderBy: { displayName: "asc" },
        take: STAFF_ROW_LIMIT,
      });
      return {
        physicianNames: members
          .filter((m) => m.role === "physician")
          .slice(0, 10)
          .map((m) => m.displayName),
        hasLiaison: members.some((m) => m.role === "liaison"),
      };
    },

    async syncNudges(practiceId, candidates, now) {
      for (let attempt = 0; ; attempt++) {
        try {
          return await syncOnce(prisma, provider, practiceId, candidates, now);
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
      const payload = JSON.stringify(digest);
      const memberId = digest.forMemberId;
      if (!memberId) {
        await prisma.digestRun.updateMany({ where: { id: runId, practiceId }, data: { snapshot: payload } });
        return;
      }
      const key = { practiceId_runId_memberId: { practiceId, runId, memberId } };
      // An upsert, so a resend after a failed one (or two instances racing for one DM) leaves one row.
      try {
        await prisma.personalDigestSnapshot.upsert({
          where: key,
          create: { practiceId, runId, memberId, payload },
          update: { payload },
        });
      } catch (error) {
        // Both inserted at once: the loser writes over the winner's row instead.
        if (!isUniqueViolation(error)) throw error;
        await prisma.personalDigestSnapshot.update({ where: key, data: { payload } });
      }
    },

    async loadSnapshot(practiceId, runId, memberId) {
      if (memberId) {
        const own = await prisma.personalDigestSnapshot.findUnique({
          where: { practiceId_runId_memberId: { practiceId, runId, memberId } },
          select: { payload: true },
        });
        return own ? (JSON.parse(own.payload) as Digest) : null;
      }
      const run = await prisma.digestRun.findFirst({ where: { id: runId, practiceId }, select: { snapshot: true } });
      return run?.snapshot ? (JSON.parse(run.snapshot) as Digest) : null;
    },
  };
}

const NUDGE_TABLE: TableSpec = {
  table: "Nudge",
  columns: {
    id: "text",
    practiceId: "text",
    referrerId: "text",
    kind: { enum: "NudgeKind" },
    reason: "text",
    dueAt: "datetime",
    priority: "float",
    status: { enum: "NudgeStatus" },
    triggeredAt: "datetime",
    feedbackId: "text",
    liveKey: "text",
    createdAt: "datetime",
    updatedAt: "datetime",
  },
};

async function syncOnce(
  prisma: PrismaDb,
  provider: Provider,
  practiceId: string,
  candidates: NudgeCandidate[],
  now: Date,
): Promise<LiveNudge[]> {
  const [live, retired] = await Promise.all([
    prisma.nudge.findMany({
      where: { practiceId, status: { in: ["open", "snoozed"] } },
      select: {
        id: true,
        referrerId: true,
        kind: true,
        status: true,
        snoozedUntil: true,
        reason: true,
        feedbackId: true,
      },
    }),
    prisma.nudge.groupBy({
      by: ["referrerId", "kind", "feedbackId"],
      where: { practiceId, status: { in: ["done", "dismissed"] } },
      _max: { triggeredAt: true },
    }),
  ]);
  const retiredBy = new Map(retired.map((r) => [nudgeLiveKey(r.referrerId, r.kind, r.feedbackId), r._max.triggeredAt]));
  const plan = planNudgeSync(live as StoredLiveNudge[], retiredBy, candidates, now);
  const creates = plan.inserts.map((c) => ({
    id: newId(),
    practiceId,
    referrerId: c.referrerId,
    kind: c.kind,
    reason: c.reason,
    dueAt: c.dueAt,
    priority: c.priority,
    triggeredAt: c.triggeredAt,
    feedbackId: c.feedbackId ?? null,
    liveKey: nudgeLiveKey(c.referrerId, c.kind, c.feedbackId),
  }));
  const updates: Array<{ id: string; data: Prisma.NudgeUpdateInput }> = plan.updates.map((u) => ({
    id: u.id,
    data: {
      reason: u.reason,
      priority: u.priority,
      triggeredAt: u.triggeredAt,
      ...(u.wakes ? { status: "open" as const, snoozedUntil: null } : {}),
    },
  }));
  const stale = plan.retire;
  const open: LiveNudge[] = plan.open.map((o) => {
    if (!("insert" in o)) return o;
    const row = creates[o.insert] as (typeof creates)[number];
    return { id: row.id, referrerId: row.referrerId, kind: row.kind, feedbackId: row.feedbackId };
  });

  if (creates.length || updates.length || stale.length) {
    await prisma.$transaction(async (tx) => {
      // One JSON-parameter insert: a practice's first digest creates hundreds of nudges at once.
      await insertRows(
        tx,
        provider,
        NUDGE_TABLE,
        creates.map((c) => ({ ...c, status: "open", createdAt: now, updatedAt: now })),
      );
      for (const u of updates) await tx.nudge.update({ where: { id: u.id }, data: u.data });
      if (stale.length) {
        await tx.nudge.updateMany({
          where: { id: { in: stale } },
          data: { status: "done", liveKey: null, resolvedAt: now, resolvedBy: "no longer needed" },
        });
      }
    });
  }
  return open;
}

/** The figures in the order FIGURE_COLUMNS lists them: counts as numbers, times as epoch milliseconds. */
const FIGURE_COLUMNS = [
  "referralCount",
  "unthankedCount",
  "seenAwaitingCount",
  "firstReferralAt",
  "lastReferralAt",
  "oldestUnthankedAt",
  "oldestSeenAwaitingAt",
  "lastSeenAt",
  "lastThankAt",
  "lastCallAt",
  "lastMeetingAt",
  "lastFeedbackRequestAt",
  "lastTouchAt",
  "oldestOpenNegativeAt",
  "oldestReportedAwaitingAt",
  "reportedAwaitingCount",
  "lastReturnedAt",
] as const;
/** The counts among FIGURE_COLUMNS (the rest are times). */
const COUNT_COLUMNS: ReadonlySet<string> = new Set([
  "referralCount",
  "unthankedCount",
  "seenAwaitingCount",
  "reportedAwaitingCount",
]);

// SQLite stores these times as integer milliseconds already; PostgreSQL needs converting.
const PACKED_SQLITE = `json_array(${FIGURE_COLUMNS.map((c) => `s."${c}"`).join(", ")})`;
const PACKED_POSTGRES = `json_build_array(${FIGURE_COLUMNS.map((c) =>
  COUNT_COLUMNS.has(c) ? `s."${c}"` : `(extract(epoch from s."${c}") * 1000)::bigint`,
).join(", ")})::text`;

interface PackedRow {
  id: string;
  name: string;
  status: "active" | "archived";
  specialty: string | null;
  owner: string | null;
  days: string;
  waiting: string;
  figures: string;
}

function toFacts(r: PackedRow, openComplaints: OpenComplaint[]): ReferrerFacts {
  const f = JSON.parse(r.figures) as Array<number | null>;
  const at = (i: number) => {
    const v = f[i];
    return v === null || v === undefined ? null : new Date(v);
  };
  return {
    referrerId: r.id,
    displayName: r.name,
    status: r.status,
    specialty: r.specialty,
    ownerMemberId: r.owner,
    referralCount: f[0] ?? 0,
    unthankedCount: f[1] ?? 0,
    seenAwaitingCount: f[2] ?? 0,
    firstReferralAt: at(3),
    lastReferralAt: at(4),
    oldestUnthankedAt: at(5),
    oldestSeenAwaitingAt: at(6),
    lastSeenAt: at(7),
    lastThankAt: at(8),
    lastCallAt: at(9),
    lastMeetingAt: at(10),
    lastFeedbackRequestAt: at(11),
    lastTouchAt: at(12),
    oldestOpenNegativeAt: at(13),
    oldestReportedAwaitingAt: at(14),
    reportedAwaitingCount: f[15] ?? 0,
    lastReturnedAt: at(16),
    unscheduledTimes: (JSON.parse(r.waiting) as number[]).map((ms) => new Date(ms)),
    openComplaints,
    referralDays: JSON.parse(r.days) as Array<[number, number]>,
  };
}
