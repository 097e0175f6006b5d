// The weekly thank-you cards' reads and their stored batches (CardBatch, one per practice and ISO week).
import { type CardBatch, type CardMailed, cardTouchKey } from "../core/cards/card-batch.ts";
import { type CardDataPort, type OwedCard, SPECIALTY_REFERRALS_PER_REFERRER } from "../core/ports.ts";
import { asDate, pgEpochMs } from "./bulk-rows.ts";
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
    async owedCards(practiceId) {
      // One JSON text for every row, values by position: Prisma's per-value cost would be most of the time
      // at 1,600 referrers of a dozen columns each (as the digest's loadFacts found).
      const sql =
        provider === "postgresql"
          ? owedQuery(`coalesce(json_agg(json_build_array(${OWED_COLUMNS.map(pgValue).join(", ")})), '[]')::text`, "$1")
          : owedQuery(`json_group_array(json_array(${OWED_COLUMNS.join(", ")}))`, "?");
      const [row] = await prisma.$queryRawUnsafe<Array<{ rows: string }>>(sql, practiceId);
      return (JSON.parse(row?.rows ?? "[]") as OwedRow[]).map(toOwedCard);
    },

    async unthankedSpecialties(_practiceId, wanted) {
      // Each referrer's newest few referrals after their last thank-you, through the (referrer, received)
      // index: a few thousand row reads whatever the history. Grouping every unthanked referral of the
      // practice instead took seconds at 200,000 referrals. No practice condition inside: the ids are the
      // practice's own (from its facts), and one would tempt SQLite onto the (practice, received) index,
      // which reads every referral of the practice once per referrer.
      const limit = SPECIALTY_REFERRALS_PER_REFERRER;
      // The answer comes back as one JSON text ([referrerId, specialty, receivedAt] or, on SQLite, a
      // referrer with its list): 1,600 rows through Prisma's row handling cost more than reading them.
      const sql =
        provider === "postgresql"
          ? `SELECT coalesce(json_agg(json_build_array(w.rid, r."specialty", ${pgEpochMs(`r."receivedAt"`)})), '[]')::text AS "rows"
             FROM json_to_recordset($1::json) AS w(rid text, since text)
             CROSS JOIN LATERAL (
               SELECT x."specialty", x."receivedAt" FROM "Referral" x
               WHERE x."referrerId" = w.rid AND x."receivedAt" > w.since::timestamp(3)
                 AND x."status" <> 'cancelled' AND x."specialty" IS NOT NULL
               ORDER BY x."receivedAt" DESC LIMIT ${limit}) r`
          : // SQLite has no LATERAL: a correlated scalar subquery per referrer walks the index the same way.
            `WITH w(rid, since) AS (SELECT json_extract(value, '$.rid'), json_extract(value, '$.since') FROM json_each(?1))
             SELECT json_group_array(json_array(w.rid, json((
               SELECT json_group_array(json_array(y.specialty, y.receivedAt)) FROM (
                 SELECT x.specialty, x.receivedAt FROM "Referral" x
                 WHERE x.referrerId = w.rid AND x.receivedAt > w.since
                   AND x.status <> 'cancelled' AND x.specialty IS NOT NULL
                 ORDER BY x.receivedAt DESC LIMIT ${limit}) y)))) AS "rows"
             FROM w`;
      const list = JSON.stringify(
        wanted.map((w) => ({
          rid: w.referrerId,
          since: provider === "postgresql" ? w.since.toISOString() : w.since.getTime(),
        })),
      );
      const [row] = await prisma.$queryRawUnsafe<Array<{ rows: string | null }>>(sql, list);
      const parsed = JSON.parse(row?.rows ?? "[]") as unknown[][];
      const out: Array<{ referrerId: string; specialty: string; receivedAt: Date }> = [];
      const keep = (referrerId: unknown, specialty: unknown, at: unknown) => {
        const receivedAt = asDate(at);
        if (typeof referrerId === "string" && typeof specialty === "string" && receivedAt)
          out.push({ referrerId, specialty, receivedAt });
      };
      for (const [referrerId, ...rest] of parsed) {
        if (provider === "postgresql") keep(referrerId, rest[0], rest[1]);
        else for (const [specialty, at] of (rest[0] ?? []) as unknown[][]) keep(referrerId, specialty, at);
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

/** The referrers owed a card: active, with referrals since their last thank-you (ReferrerStats.unthankedCount). */
const owedQuery = (rows: string, practiceParam: string) =>
  `SELECT ${rows} AS "rows" FROM "ReferrerStats" s JOIN "Referrer" r ON r."id" = s."referrerId"
   WHERE s."practiceId" = ${practiceParam} AND r."status" = 'active' AND s."unthankedCount" > 0`;

/** What each row carries, by position: toOwedCard reads them in this order. */
const OWED_COLUMNS = [
  `r."id"`,
  `r."displayName"`,
  `r."firstName"`,
  `r."lastName"`,
  `r."clinic"`,
  `r."specialty"`,
  `r."addressLine1"`,
  `r."addressLine2"`,
  `r."city"`,
  `r."state"`,
  `r."postalCode"`,
  `s."referralCount"`,
  `s."unthankedCount"`,
  `s."firstReferralAt"`,
  `s."lastReferralAt"`,
  `s."oldestUnthankedAt"`,
  `s."lastThankAt"`,
  `s."lastCallAt"`,
] as const;

/** PostgreSQL's times as epoch milliseconds, as SQLite stores them. */
const pgValue = (column: string) => (column.endsWith(`At"`) ? pgEpochMs(column) : column);

type OwedRow = [
  string,
  string,
  string | null,
  string,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  string | null,
  number,
  number,
  ...Array<number | string | null>,
];

function toOwedCard(r: OwedRow): OwedCard {
  const at = (i: number) => asDate(r[i] ?? null);
  return {
    referrer: {
      id: r[0],
      displayName: r[1],
      firstName: r[2],
      lastName: r[3],
      clinic: r[4],
      specialty: r[5],
      addressLine1: r[6],
      addressLine2: r[7],
      city: r[8],
      state: r[9],
      postalCode: r[10],
    },
    facts: {
      referrerId: r[0],
      displayName: r[1],
      status: "active",
      referralCount: Number(r[11]),
      unthankedCount: Number(r[12]),
      firstReferralAt: at(13),
      lastReferralAt: at(14),
      oldestUnthankedAt: at(15),
      lastThankAt: at(16),
      lastCallAt: at(17),
    },
  };
}
