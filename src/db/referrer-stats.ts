// Keeps ReferrerStats current. Called after every write that changes a referrer's figures
// (referrals, touches, feedback), so the daily digest reads one row per referrer instead of
// recomputing history (see shared notes: recomputing costs hundreds of milliseconds).
import { asDate, encoderFor, inJsonList, insertRows, pgEpochMs, type TableSpec } from "./bulk-rows.ts";
import type { PrismaDb, Provider } from "./database.ts";

type Tx = Omit<PrismaDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const DAY_MS = 86_400_000;
/** How far back the per-day referral counts reach: a year plus room for "the 90 days before the last 90". */
export const REFERRAL_DAYS_WINDOW = 400;

const STATS_TABLE: TableSpec = {
  table: "ReferrerStats",
  columns: {
    referrerId: "text",
    practiceId: "text",
    referralCount: "int",
    firstReferralAt: "datetime",
    lastReferralAt: "datetime",
    referralDays: "text",
    unthankedCount: "int",
    oldestUnthankedAt: "datetime",
    seenAwaitingCount: "int",
    oldestSeenAwaitingAt: "datetime",
    lastSeenAt: "datetime",
    lastThankAt: "datetime",
    lastCallAt: "datetime",
    lastMeetingAt: "datetime",
    lastFeedbackRequestAt: "datetime",
    lastTouchAt: "datetime",
    oldestOpenNegativeAt: "datetime",
    reportedAwaitingCount: "int",
    oldestReportedAwaitingAt: "datetime",
    unscheduledTimes: "text",
    lastReturnedAt: "datetime",
    updatedAt: "datetime",
  },
};
const OPEN_LOOP_WINDOW_MS = 30 * DAY_MS;
/** A referral waiting longer than this for an appointment is history (an old report), not one to chase now. */
const UNSCHEDULED_WINDOW_MS = 60 * DAY_MS;

const LOOP_KINDS = ["call", "meeting", "liaison_visit"] as const;
const MEETING_KINDS = ["meeting", "liaison_visit"] as const;

export function epochDay(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

function maxDate(...dates: Array<Date | null | undefined>): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (d && (!best || d > best)) best = d;
  return best;
}

function minDate(dates: Date[]): Date | null {
  let best: Date | null = null;
  for (const d of dates) if (!best || d < best) best = d;
  return best;
}

/**
 * Recomputes the stats rows of the given referrers (all of the practice's when omitted). Every query takes
 * the referrers as one JSON list, so a first import's two thousand referrers cost what one does: a few
 * grouped queries, one delete and one bulk insert. (Through Prisma's groupBy and `in` lists they were
 * read 500 at a time, each query planned afresh: half a second at the end of a 100,000-row import.)
 */
export async function refreshReferrerStats(
  tx: Tx,
  provider: Provider,
  practiceId: string,
  referrerIds?: string[],
  now = new Date(),
) {
  const ids =
    referrerIds ??
    (await tx.referrer.findMany({ where: { practiceId }, select: { id: true } })).map((r: { id: string }) => r.id);
  if (ids.length === 0) return;
  const windowStart = new Date(now.getTime() - REFERRAL_DAYS_WINDOW * DAY_MS);
  // A visit older than a month is history (a first import brings a year of them), not a loop to close now.
  const seenSince = new Date(now.getTime() - OPEN_LOOP_WINDOW_MS);
  const waitingSince = new Date(now.getTime() - UNSCHEDULED_WINDOW_MS);
  const idList = JSON.stringify(ids);

  const [facts, touchMax, negatives] = await Promise.all([
    referralFacts(tx, provider, idList, windowStart, seenSince, waitingSince),
    lastTouches(tx, provider, idList),
    oldestOpenNegatives(tx, provider, idList),
  ]);
  const factsBy = new Map(facts.map((f) => [f.referrerId, f]));
  const rows = ids.map((referrerId) =>
    statsRow(referrerId, practiceId, factsBy.get(referrerId), touchMax.get(referrerId), negatives.get(referrerId)),
  );

  // Replace rather than upsert one by one: two statements for any number of referrers, and one
  // JSON-parameter insert rather than Prisma's createMany, which costs about 0.8 ms a row.
  await tx.$executeRawUnsafe(`DELETE FROM "ReferrerStats" WHERE "referrerId" IN ${inJsonList(provider, 1)}`, idList);
  await insertRows(
    tx,
    provider,
    STATS_TABLE,
    rows.map((r) => ({ ...r, updatedAt: now })),
  );
}

/** The latest touch of each kind, per referrer. */
async function lastTouches(tx: Tx, provider: Provider, idList: string): Promise<Map<string, Map<string, Date>>> {
  const rows = await tx.$queryRawUnsafe<Array<{ referrerId: string; kind: string; at: unknown }>>(
    `SELECT "referrerId" AS "referrerId", "kind"${provider === "postgresql" ? "::text" : ""} AS "kind",
       max("occurredAt") AS "at"
     FROM "Touch" WHERE "referrerId" IN ${inJsonList(provider, 1)} GROUP BY "referrerId", "kind"`,
    idList,
  );
  const byReferrer = new Map<string, Map<string, Date>>();
  for (const row of rows) {
    const at = asDate(row.at);
    if (!at) continue;
    const byKind = byReferrer.get(row.referrerId) ?? new Map<string, Date>();
    byKind.set(row.kind, at);
    byReferrer.set(row.referrerId, byKind);
  }
  return byReferrer;
}

/** When the oldest negative feedback still open was given, per referrer that has one. */
async function oldestOpenNegatives(tx: Tx, provider: Provider, idList: string): Promise<Map<string, Date>> {
  const rows = await tx.$queryRawUnsafe<Array<{ referrerId: string; at: unknown }>>(
    `SELECT "referrerId" AS "referrerId", min("createdAt") AS "at" FROM "Feedback"
     WHERE "referrerId" IN ${inJsonList(provider, 1)} AND "status" = 'open' AND "sentiment" = 'negative'
     GROUP BY "referrerId"`,
    idList,
  );
  const oldest = new Map<string, Date>();
  for (const row of rows) {
    const at = asDate(row.at);
    if (at) oldest.set(row.referrerId, at);
  }
  return oldest;
}

interface ReferralFacts {
  referrerId: string;
  total: number;
  first: Date | null;
  last: Date | null;
  /** Referral times in the window, oldest first. */
  recent: Date[];
  /** Visits of the last month still marked "seen" (no loop closed yet), with no report sent in writing. */
  seen: Date[];
  /** The same, whose consult report reached the referrer in writing. */
  reported: Date[];
  /** Referrals of the last 60 days still waiting for an appointment (status received). */
  waiting: Date[];
}

/**
 * Everything the stats need from a referrer's referrals, in one pass over them. The lists come back as
 * one comma-separated string of epoch milliseconds per referrer: a first import brings a year of
 * referrals, and 100,000 rows through Prisma's row handling cost seconds, 2,000 strings do not.
 */
async function referralFacts(
  tx: Tx,
  provider: Provider,
  idList: string,
  windowStart: Date,
  seenSince: Date,
  waitingSince: Date,
): Promise<ReferralFacts[]> {
  const visit = `coalesce("seenAt", "updatedAt")`;
  const seen = `"status" = 'seen' AND ${visit} >`;
  const sql =
    provider === "sqlite"
      ? `SELECT "referrerId" AS "referrerId", count(*) AS total, min("receivedAt") AS first, max("receivedAt") AS last,
           group_concat(CASE WHEN "receivedAt" >= ? THEN "receivedAt" END) AS recent,
           group_concat(CASE WHEN ${seen} ?2 AND "reportSentAt" IS NULL THEN ${visit} END) AS seen,
           group_concat(CASE WHEN ${seen} ?2 AND "reportSentAt" IS NOT NULL THEN ${visit} END) AS reported,
           group_concat(CASE WHEN "status" = 'received' AND "receivedAt" >= ?3 THEN "receivedAt" END) AS waiting
         FROM "Referral"
         WHERE "referrerId" IN ${inJsonList(provider, 4)} AND "status" <> 'cancelled'
         GROUP BY "referrerId"`
      : `SELECT "referrerId" AS "referrerId", count(*)::int AS total, min("receivedAt") AS first, max("receivedAt") AS last,
           string_agg(CASE WHEN "receivedAt" >= $1::timestamp(3) THEN ${pgEpochMs(`"receivedAt"`)}::text END, ',') AS recent,
           string_agg(CASE WHEN ${seen} $2::timestamp(3) AND "reportSentAt" IS NULL THEN ${pgEpochMs(visit)}::text END, ',') AS seen,
           string_agg(CASE WHEN ${seen} $2::timestamp(3) AND "reportSentAt" IS NOT NULL THEN ${pgEpochMs(visit)}::text END, ',') AS reported,
           string_agg(CASE WHEN "status" = 'received' AND "receivedAt" >= $3::timestamp(3) THEN ${pgEpochMs(`"receivedAt"`)}::text END, ',') AS waiting
         FROM "Referral"
         WHERE "referrerId" IN ${inJsonList(provider, 4)} AND "status" <> 'cancelled'
         GROUP BY "referrerId"`;
  // Each database compares times as it stores them (see bulk-rows.ts): SQLite as milliseconds,
  // PostgreSQL as UTC timestamps without a zone.
  const time = encoderFor("datetime", provider);
  const rows = await tx.$queryRawUnsafe<Array<Record<string, unknown>>>(
    sql,
    time(windowStart),
    time(seenSince),
    time(waitingSince),
    idList,
  );
  return rows.map((r) => ({
    referrerId: String(r.referrerId),
    total: Number(r.total),
    first: asDate(r.first),
    last: asDate(r.last),
    recent: timesOf(r.recent).sort((a, b) => a.getTime() - b.getTime()),
    seen: timesOf(r.seen),
    reported: timesOf(r.reported),
    waiting: timesOf(r.waiting).sort((a, b) => a.getTime() - b.getTime()),
  }));
}

function timesOf(list: unknown): Date[] {
  if (list === null || list === undefined || list === "") return [];
  return String(list)
    .split(",")
    .map((ms) => new Date(Number(ms)));
}

/** One referrer's stats row from its referral facts, latest touches and oldest open complaint. */
function statsRow(
  referrerId: string,
  practiceId: string,
  referrals: ReferralFacts | undefined,
  kinds: Map<string, Date> = new Map(),
  oldestOpenNegativeAt: Date | null = null,
) {
  const lastThankAt = kinds.get("thank_you") ?? null;
  const received = referrals?.recent ?? [];
  const days = new Map<number, number>();
  let unthankedCount = 0;
  let oldestUnthankedAt: Date | null = null;
  for (const at of received) {
    const day = epochDay(at);
    days.set(day, (days.get(day) ?? 0) + 1);
    if (!lastThankAt || at > lastThankAt) {
      unthankedCount++;
      oldestUnthankedAt ??= at;
    }
  }
  const lastCallAt = maxDate(...LOOP_KINDS.map((k) => kinds.get(k)));
  // "Seen" and not yet followed by a call or visit: the loop is still open.
  const awaiting = (referrals?.seen ?? []).filter((at) => !lastCallAt || at > lastCallAt);
  const reported = (referrals?.reported ?? []).filter((at) => !lastCallAt || at > lastCallAt);
  return {
    referrerId,
    practiceId,
    referralCount: referrals?.total ?? 0,
    firstReferralAt: referrals?.first ?? null,
    lastReferralAt: referrals?.last ?? null,
    referralDays: JSON.stringify([...days.entries()]),
    unthankedCount,
    oldestUnthankedAt,
    seenAwaitingCount: awaiting.length,
    oldestSeenAwaitingAt: minDate(awaiting),
    lastSeenAt: maxDate(...awaiting),
    lastThankAt,
    lastCallAt,
    lastMeetingAt: maxDate(...MEETING_KINDS.map((k) => kinds.get(k))),
    lastFeedbackRequestAt: kinds.get("feedback_request") ?? null,
    lastTouchAt: maxDate(...kinds.values()),
    oldestOpenNegativeAt,
    reportedAwaitingCount: reported.length,
    oldestReportedAwaitingAt: minDate(reported),
    unscheduledTimes: JSON.stringify((referrals?.waiting ?? []).map((at) => at.getTime())),
    lastReturnedAt: kinds.get("returned_referral") ?? null,
  };
}
