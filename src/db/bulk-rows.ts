// Bulk inserts and updates for imports and generated data, written for both databases.
//
// Why not createMany: measured here, Prisma 7's createMany costs about 0.8 ms a row on SQLite (its query
// layer handles every value in JavaScript), so 100,000 referrals would take over a minute. Sending the
// whole batch as ONE JSON parameter and letting the database unpack it (SQLite's json_each, PostgreSQL's
// json_to_recordset) costs what the insert itself costs. It still runs through Prisma's raw API, so it
// takes part in Prisma's transactions like any other query.
//
// Values are encoded as each database stores them through Prisma: on SQLite a DateTime is integer
// milliseconds (src/db/database.ts opens libsql with timestampFormat "unixepoch-ms") and a Boolean is
// 0/1; on PostgreSQL a DateTime is timestamp(3) holding UTC and an enum is its own type.
import type { StoredReferral } from "../core/ports.ts";
import type { PrismaDb, Provider } from "./database.ts";

export type RawTx = Pick<PrismaDb, "$executeRawUnsafe" | "$queryRawUnsafe">;

export type ColumnType = "text" | "datetime" | "int" | "float" | "bool" | { enum: string };

export interface TableSpec {
  table: string;
  columns: Record<string, ColumnType>;
}

export type Row = Record<string, string | number | boolean | Date | null>;

/** Rows per statement: a few megabytes of JSON at most. */
const CHUNK = 5000;

export { newId } from "../core/new-id.ts";

function pgType(type: ColumnType): string {
  if (typeof type === "object") return `"${type.enum}"`;
  return { text: "text", datetime: "timestamp(3)", int: "integer", float: "double precision", bool: "boolean" }[type];
}

type Encoded = string | number | boolean | null;

type Value = NonNullable<Row[string]>;

/** How a non-null value of the type is stored by the database (see the header). */
function valueEncoder(type: ColumnType, provider: Provider): (value: Value) => Encoded {
  const asTime = (v: Value) => (v instanceof Date ? v : new Date(v as string | number));
  if (type === "datetime") {
    return provider === "sqlite" ? (v) => asTime(v).getTime() : (v) => asTime(v).toISOString();
  }
  if (type === "bool") return provider === "sqlite" ? (v) => (v ? 1 : 0) : (v) => Boolean(v);
  return (v) => (v instanceof Date ? v.toISOString() : v);
}

/** How one column's values are written into the JSON batch, chosen once per column rather than per value. */
export function encoderFor(type: ColumnType, provider: Provider): (value: Row[string] | undefined) => Encoded {
  const encode = valueEncoder(type, provider);
  return (v) => (v === null || v === undefined ? null : encode(v));
}

/** `(…)` for an IN over a JSON list of strings given as the query's parameter number `n` (1-based). */
export function inJsonList(provider: Provider, n: number): string {
  return provider === "sqlite" ? "(SELECT value FROM json_each(?))" : `(SELECT json_array_elements_text($${n}::json))`;
}

/** A PostgreSQL timestamp as epoch milliseconds, the form SQLite stores it in. */
export const pgEpochMs = (column: string) => `(extract(epoch from ${column}) * 1000)::bigint`;

/** The batch as JSON: arrays of values for SQLite (smaller, read by position), objects for PostgreSQL. */
function payload(spec: TableSpec, names: string[], rows: readonly Row[], provider: Provider): string {
  const encoders = names.map((name) => encoderFor(spec.columns[name]!, provider));
  const width = names.length;
  if (provider === "sqlite") {
    return JSON.stringify(
      rows.map((row) => {
        const out = new Array<Encoded>(width);
        for (let i = 0; i < width; i++) out[i] = encoders[i]!(row[names[i]!]);
        return out;
      }),
    );
  }
  return JSON.stringify(
    rows.map((row) => {
      const out: Record<string, Encoded> = {};
      for (let i = 0; i < width; i++) out[names[i]!] = encoders[i]!(row[names[i]!]);
      return out;
    }),
  );
}

const quote = (name: string) => `"${name}"`;

/**
 * How to read a column of the JSON batch, typed for the database. On SQLite each row is first copied out
 * of the batch into a materialized table: json_each renders a row's array afresh every time one of its
 * columns is read, so reading fifteen columns straight from it cost more than the insert itself
 * (measured on 100,000 referrals: 2.0 s straight from json_each, 1.15 s through the copy, 0.8 s for the
 * bare insert of the same rows from a table).
 */
function source(names: string[], spec: TableSpec, provider: Provider) {
  if (provider === "sqlite") {
    return {
      with: "WITH j AS MATERIALIZED (SELECT value FROM json_each(?)) ",
      from: "j",
      column: (name: string) => `j.value ->> ${names.indexOf(name)}`,
    };
  }
  const types = names.map((name) => `${quote(name)} ${pgType(spec.columns[name]!)}`).join(", ");
  return {
    with: "",
    from: `json_to_recordset($1::json) AS x(${types})`,
    column: (name: string) => `x.${quote(name)}`,
  };
}

/** Inserts the rows (every column of `spec` must be given, or be nullable, or have a database default). */
export async function insertRows(tx: RawTx, provider: Provider, spec: TableSpec, rows: readonly Row[]): Promise<void> {
  if (rows.length === 0) return;
  const names = Object.keys(spec.columns);
  const src = source(names, spec, provider);
  const sql =
    `INSERT INTO ${quote(spec.table)} (${names.map(quote).join(", ")}) ` +
    `${src.with}SELECT ${names.map(src.column).join(", ")} FROM ${src.from}`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.$executeRawUnsafe(sql, payload(spec, names, rows.slice(i, i + CHUNK), provider));
  }
}

/** Sets `columns` on each row found by its "id" (the rows carry the id and the new values). */
export async function updateRowsById(
  tx: RawTx,
  provider: Provider,
  spec: TableSpec,
  columns: string[],
  rows: readonly Row[],
): Promise<void> {
  if (rows.length === 0) return;
  const names = ["id", ...columns];
  const src = source(names, spec, provider);
  const table = quote(spec.table);
  const sets = columns.map((c) => `${quote(c)} = ${src.column(c)}`).join(", ");
  const sql =
    provider === "sqlite"
      ? `${src.with}UPDATE ${table} SET ${sets} FROM ${src.from} WHERE ${table}."id" = ${src.column("id")}`
      : `UPDATE ${table} AS t SET ${sets} FROM ${src.from} WHERE t."id" = ${src.column("id")}`;
  for (let i = 0; i < rows.length; i += CHUNK) {
    await tx.$executeRawUnsafe(sql, payload(spec, names, rows.slice(i, i + CHUNK), provider));
  }
}

/** A datetime column as read back by a raw query: a Date from either driver, but be sure. */
export function asDate(value: unknown): Date | null {
  if (value === null || value === undefined) return null;
  if (value instanceof Date) return value;
  return new Date(typeof value === "bigint" ? Number(value) : (value as string | number));
}

export const REFERRAL_TABLE: TableSpec = {
  table: "Referral",
  columns: {
    id: "text",
    practiceId: "text",
    referrerId: "text",
    sourceId: "text",
    receivedAt: "datetime",
    reason: "text",
    specialty: "text",
    status: { enum: "ReferralStatus" },
    scheduledAt: "datetime",
    seenAt: "datetime",
    loopClosedAt: "datetime",
    cancelledAt: "datetime",
    patientRef: "text",
    reportSentAt: "datetime",
    createdAt: "datetime",
    updatedAt: "datetime",
  },
};

/** A referral as a door other than the CSV import writes it: with its source system. */
export const SOURCED_REFERRAL_TABLE: TableSpec = {
  table: "Referral",
  columns: { ...REFERRAL_TABLE.columns, sourceSystem: "text" },
};

/** A status a source system reported for a referral (referralId null while the referral has not come). */
export const STATUS_CHANGE_TABLE: TableSpec = {
  table: "ReferralStatusChange",
  columns: {
    id: "text",
    practiceId: "text",
    sourceSystem: "text",
    sourceId: "text",
    referralId: "text",
    status: { enum: "ReferralStatus" },
    occurredAt: "datetime",
    appliedAt: "datetime",
    createdAt: "datetime",
  },
};

export const REFERRER_TABLE: TableSpec = {
  table: "Referrer",
  columns: {
    id: "text",
    practiceId: "text",
    displayName: "text",
    firstName: "text",
    lastName: "text",
    credentials: "text",
    clinic: "text",
    specialty: "text",
    npi: "text",
    phone: "text",
    addressLine1: "text",
    addressLine2: "text",
    city: "text",
    state: "text",
    postalCode: "text",
    status: { enum: "ReferrerStatus" },
    createdAt: "datetime",
    updatedAt: "datetime",
  },
};

/** A referrer's stats row as it is born: zeros and nulls, filled in by refreshReferrerStats. */
export const EMPTY_STATS_TABLE: TableSpec = {
  table: "ReferrerStats",
  columns: { referrerId: "text", practiceId: "text", updatedAt: "datetime" },
};

export const TOUCH_TABLE: TableSpec = {
  table: "Touch",
  columns: {
    id: "text",
    practiceId: "text",
    referrerId: "text",
    kind: { enum: "TouchKind" },
    actorName: "text",
    occurredAt: "datetime",
    note: "text",
    channel: { enum: "TouchChannel" },
    referralId: "text",
    idempotencyKey: "text",
    createdAt: "datetime",
  },
};

export type { StoredReferral };

/** The columns of a stored referral, in the order findReferralsBySourceId packs them. */
export const STORED_COLUMNS = [
  "id",
  "sourceId",
  "referrerId",
  "receivedAt",
  "reason",
  "specialty",
  "status",
  "scheduledAt",
  "seenAt",
  "loopClosedAt",
  "cancelledAt",
  "patientRef",
  "reportSentAt",
] as const;
const STORED_TIMES = new Set(["receivedAt", "scheduledAt", "seenAt", "loopClosedAt", "cancelledAt", "reportSentAt"]);

/**
 * The practice's stored referrals among `sourceIds`, in one query. They come back packed in one JSON
 * text, times as epoch milliseconds: a re-import finds every row of the file stored, and 100,000 rows
 * through Prisma's row handling cost seconds where one string costs a JSON.parse.
 */
export async function findReferralsBySourceId(
  tx: RawTx,
  provider: Provider,
  practiceId: string,
  sourceIds: readonly string[],
  /** Source ids are unique per practice and source system; the CSV import files its rows under "csv". */
  sourceSystem = "csv",
): Promise<StoredReferral[]> {
  if (sourceIds.length === 0) return [];
  const value = (c: string) => (provider === "postgresql" && STORED_TIMES.has(c) ? pgEpochMs(quote(c)) : quote(c));
  const packed = STORED_COLUMNS.map(value).join(", ");
  const sql =
    provider === "sqlite"
      ? `SELECT json_group_array(json_array(${packed})) AS "rows" FROM "Referral"
         WHERE "practiceId" = ? AND "sourceId" IN ${inJsonList(provider, 2)} AND "sourceSystem" = ?`
      : `SELECT coalesce(json_agg(json_build_array(${packed})), '[]')::text AS "rows" FROM "Referral"
         WHERE "practiceId" = $1 AND "sourceId" IN ${inJsonList(provider, 2)} AND "sourceSystem" = $3`;
  const [result] = await tx.$queryRawUnsafe<Array<{ rows: string }>>(
    sql,
    practiceId,
    JSON.stringify(sourceIds),
    sourceSystem,
  );
  const rows = JSON.parse(result?.rows ?? "[]") as Array<Array<string | number | null>>;
  return rows.map((r) => ({
    id: String(r[0]),
    sourceId: String(r[1]),
    referrerId: String(r[2]),
    receivedAt: asDate(r[3])!,
    reason: (r[4] as string | null) ?? null,
    specialty: (r[5] as string | null) ?? null,
    status: String(r[6]),
    scheduledAt: asDate(r[7]),
    seenAt: asDate(r[8]),
    loopClosedAt: asDate(r[9]),
    cancelledAt: asDate(r[10]),
    patientRef: (r[11] as string | null) ?? null,
    reportSentAt: asDate(r[12]),
  }));
}
