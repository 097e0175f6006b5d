// Keeps ReferrerStats current. Called after every write that changes a referrer's figures
// (referrals, touches, feedback), so the daily digest reads one row per referrer instead of
// recomputing history (see shared notes: recomputing costs hundreds of milliseconds).
import { insertRows, type TableSpec } from "./bulk-rows.ts";
import type { PrismaDb, Provider } from "./database.ts";

type Tx = Omit<PrismaDb, "$connect" | "$disconnect" | "$on" | "$transaction" | "$extends">;

const DAY_MS = 86_400_000;
/** How far back the per-day referral counts reach: a year plus room for "the 90 days before the last 90". */
export const REFERRAL_DAYS_WINDOW = 400;
const CHUNK = 500;

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
    updatedAt: "datetime",
  },
};
const OPEN_LOOP_WINDOW_MS = 30 * DAY_MS;

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

/** Recomputes the stats rows of the given referrers (all of the practice's when omitted). */
export async function refreshReferrerStats(
  tx: Tx,
  practiceId: string,
  referrerIds?: string[],
  now = new Date(),
  provider?: Provider,
) {
  const ids =
    referrerIds ??
    (await tx.referrer.findMany({ where: { practiceId }, select: { id: true } })).map((r: { id: string }) => r.id);
  for (let i = 0; i < ids.length; i += CHUNK) {
    await refreshChunk(tx, practiceId, ids.slice(i, i + CHUNK), now, provider);
  }
}

async function refreshChunk(tx: Tx, practiceId: string, ids: string[], now: Date, provider?: Provider) {
  if (ids.length === 0) return;
  const windowStart = new Date(now.getTime() - REFERRAL_DAYS_WINDOW * DAY_MS);
  const notCancelled = { referrerId: { in: ids }, status: { not: "cancelled" as const } };

  const [totals, touchMax, recent, seen, negatives] = await Promise.all([
    tx.referral.groupBy({
      by: ["referrerId"],
      where: notCancelled,
      _count: { _all: true },
      _min: { receivedAt: true },
      _max: { receivedAt: true },
    }),
    tx.touch.groupBy({ by: ["referrerId", "kind"], where: { referrerId: { in: ids } }, _max: { occurredAt: true } }),
    tx.referral.findMany({
      where: { ...notCancelled, receivedAt: { gte: windowStart } },
      select: { referrerId: true, receivedAt: true },
      orderBy: { receivedAt: "asc" },
    }),
    tx.referral.findMany({
      where: { referrerId: { in: ids }, status: "seen" },
      select: { referrerId: true, seenAt: true, updatedAt: true },
    }),
    tx.feedback.groupBy({
      by: ["referrerId"],
      where: { referrerId: { in: ids }, status: "open", sentiment: "negative" },
      _min: { createdAt: true },
    }),
  ]);

  const lastTouch = new Map<string, Map<string, Date>>();
  for (const t of touchMax) {
    if (!t._max.occurredAt) continue;
    const byKind = lastTouch.get(t.referrerId) ?? new Map<string, Date>();
    byKind.set(t.kind, t._max.occurredAt);
    lastTouch.set(t.referrerId, byKind);
  }
  const recentByReferrer = new Map<string, Date[]>();
  for (const r of recent) {
    const list = recentByReferrer.get(r.referrerId) ?? [];
    list.push(r.receivedAt);
    recentByReferrer.set(r.referrerId, list);
  }
  const totalsBy = new Map(totals.map((t) => [t.referrerId, t]));
  const seenBy = new Map<string, Date[]>();
  for (const s of seen) {
    const list = seenBy.get(s.referrerId) ?? [];
    list.push(s.seenAt ?? s.updatedAt);
    seenBy.set(s.referrerId, list);
  }
  const negativeBy = new Map(negatives.map((n) => [n.referrerId, n._min.createdAt]));

  const rows = ids.map((referrerId) => {
    const kinds = lastTouch.get(referrerId) ?? new Map<string, Date>();
    const lastThankAt = kinds.get("thank_you") ?? null;
    const received = recentByReferrer.get(referrerId) ?? [];
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
    const total = totalsBy.get(referrerId);
    const lastCallAt = maxDate(...LOOP_KINDS.map((k) => kinds.get(k)));
    // "Seen" and not yet followed by a call or visit: the loop is still open.
    // A visit older than a month is history (a first import brings a year of them), not a loop to close now.
    const awaiting = (seenBy.get(referrerId) ?? []).filter(
      (at) => at.getTime() > now.getTime() - OPEN_LOOP_WINDOW_MS && (!lastCallAt || at > lastCallAt),
    );
    return {
      referrerId,
      practiceId,
      referralCount: total?._count._all ?? 0,
      firstReferralAt: total?._min.receivedAt ?? null,
      lastReferralAt: total?._max.receivedAt ?? null,
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
      oldestOpenNegativeAt: negativeBy.get(referrerId) ?? null,
    };
  });

  // Replace rather than upsert one by one: two statements for any number of referrers.
  await tx.referrerStats.deleteMany({ where: { referrerId: { in: ids } } });
  // For many rows (imports), one JSON-parameter insert: Prisma's createMany costs about 0.8 ms a row.
  if (provider && rows.length > 20)
    await insertRows(
      tx,
      provider,
      STATS_TABLE,
      rows.map((r) => ({ ...r, updatedAt: now })),
    );
  else await tx.referrerStats.createMany({ data: rows });
}
