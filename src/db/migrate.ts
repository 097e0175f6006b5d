// Applies the committed migrations at start, the way `prisma migrate deploy` does, without the
// Prisma CLI or its schema engine (both are dev-only, and the engine cannot be downloaded offline).
// It keeps Prisma's folder layout and `_prisma_migrations` table to the letter, so a user who has
// internet can run `npx prisma migrate deploy` / `migrate status` on the same database and find
// nothing to do.
//
// Where it departs from the CLI, on purpose: each migration runs in a transaction together with
// its bookkeeping row, so a crash halfway leaves neither a half-applied schema nor a row claiming
// otherwise. A migration whose SQL fails is rolled back and then recorded as failed (finished_at
// NULL, the error in logs), as the CLI records it, so that no instance retries it blindly.
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { createClient, type Client as LibsqlClient, type Transaction } from "@libsql/client";
import pg from "pg";

export type MigrationProvider = "sqlite" | "postgresql";

export type MigrationErrorCode =
  | "MIGRATIONS_UNSUPPORTED_URL"
  | "MIGRATIONS_WRONG_PROVIDER"
  | "MIGRATIONS_DATABASE_NOT_EMPTY"
  | "MIGRATIONS_FAILED_BEFORE"
  | "MIGRATIONS_CHECKSUM_MISMATCH"
  | "MIGRATION_FAILED"
  | "MIGRATIONS_LOCK_TIMEOUT";

export class MigrationError extends Error {
  constructor(
    readonly code: MigrationErrorCode,
    message: string,
  ) {
    super(message);
    this.name = "MigrationError";
  }
}

export interface MigrateOptions {
  log?: (msg: string) => void;
}

export interface MigrationsStatus {
  /** Migrations recorded as applied, in the order they were applied. */
  applied: string[];
  /** Migrations in the folder not yet applied, in the order they will be. */
  pending: string[];
  /** Migrations recorded as started and never finished: a person has to look at these. */
  failed: string[];
  /** Applied migrations whose migration.sql has changed since. */
  modified: string[];
}

/** The number `prisma migrate` locks with, so the CLI and this runner exclude each other too. */
const PRISMA_ADVISORY_LOCK = 72707369;
/** How long a second SQLite process waits for the first to finish migrating. */
const SQLITE_LOCK_WAIT_MS = 120_000;

// Prisma's own DDL for the table, per provider (schema engine, create_migrations_table).
const SQLITE_MIGRATIONS_TABLE = `CREATE TABLE "_prisma_migrations" (
    "id"                    TEXT PRIMARY KEY NOT NULL,
    "checksum"              TEXT NOT NULL,
    "finished_at"           DATETIME,
    "migration_name"        TEXT NOT NULL,
    "logs"                  TEXT,
    "rolled_back_at"        DATETIME,
    "started_at"            DATETIME NOT NULL DEFAULT current_timestamp,
    "applied_steps_count"   INTEGER UNSIGNED NOT NULL DEFAULT 0
);
`;
const POSTGRES_MIGRATIONS_TABLE = `CREATE TABLE _prisma_migrations (
    id                      VARCHAR(36) PRIMARY KEY NOT NULL,
    checksum                VARCHAR(64) NOT NULL,
    finished_at             TIMESTAMPTZ,
    migration_name          VARCHAR(255) NOT NULL,
    logs                    TEXT,
    rolled_back_at          TIMESTAMPTZ,
    started_at              TIMESTAMPTZ NOT NULL DEFAULT now(),
    applied_steps_count     INTEGER NOT NULL DEFAULT 0
);
`;
const SELECT_RECORDS = `SELECT id, checksum, finished_at, migration_name, rolled_back_at
  FROM _prisma_migrations ORDER BY started_at ASC`;

interface LocalMigration {
  name: string;
  script: string;
  checksum: string;
  /** Prisma accepts the checksum of the script with either line ending, as git may convert them. */
  acceptedChecksums: Set<string>;
}

interface MigrationRecord {
  id: string;
  checksum: string;
  finishedAt: unknown;
  name: string;
  rolledBackAt: unknown;
}

function toRecords(rows: ReadonlyArray<Record<string, unknown>>): MigrationRecord[] {
  return rows.map((row) => ({
    id: String(row.id),
    checksum: String(row.checksum),
    finishedAt: row.finished_at,
    name: String(row.migration_name),
    rolledBackAt: row.rolled_back_at,
  }));
}

export function migrationProviderOf(databaseUrl: string): MigrationProvider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new MigrationError(
    "MIGRATIONS_UNSUPPORTED_URL",
    `DATABASE_URL must start with "file:" (SQLite) or "postgresql://", got "${databaseUrl.slice(0, 20)}…"`,
  );
}

export function migrationsFolderOf(provider: MigrationProvider): string {
  return fileURLToPath(new URL(`../../prisma/${provider}/migrations/`, import.meta.url));
}

function sha256(data: string | Buffer): string {
  return createHash("sha256").update(data).digest("hex");
}

function readLocalMigrations(provider: MigrationProvider): LocalMigration[] {
  const folder = migrationsFolderOf(provider);
  if (!existsSync(folder)) return [];
  const lock = join(folder, "migration_lock.toml");
  const locked = existsSync(lock) ? /provider\s*=\s*"([^"]+)"/.exec(readFileSync(lock, "utf8"))?.[1] : provider;
  if (locked !== provider) {
    throw new MigrationError(
      "MIGRATIONS_WRONG_PROVIDER",
      `${lock} is for "${locked}", but this database is ${provider}: the migrations folders are mixed up.`,
    );
  }
  return readdirSync(folder, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join(folder, entry.name, "migration.sql")))
    .map((entry) => entry.name)
    .sort((a, b) => a.localeCompare(b))
    .map((name) => {
      const bytes = readFileSync(join(folder, name, "migration.sql"));
      const script = bytes.toString("utf8");
      const lf = script.replaceAll("\r\n", "\n");
      return {
        name,
        script,
        checksum: sha256(bytes),
        acceptedChecksums: new Set([sha256(bytes), sha256(lf), sha256(lf.replaceAll("\n", "\r\n"))]),
      };
    });
}

/** Compares the records with the folder; throws when it is not safe to go on. */
function plan(records: MigrationRecord[], local: LocalMigration[]): { pending: LocalMigration[] } {
  const live = records.filter((r) => r.rolledBackAt === null || r.rolledBackAt === undefined);
  const failed = live.filter((r) => r.finishedAt === null || r.finishedAt === undefined);
  if (failed.length > 0) {
    const names = failed.map((r) => r.name).join(", ");
    throw new MigrationError(
      "MIGRATIONS_FAILED_BEFORE",
      `Migration ${names} failed earlier and is recorded as unfinished in _prisma_migrations, so no migration ` +
        "will be applied (Prisma's P3009). Check the database, then either mark it rolled back " +
        `(\`npx prisma migrate resolve --rolled-back ${failed[0]?.name}\`, or set rolled_back_at on its row) and ` +
        "start again, or finish it by hand and mark it applied (`npx prisma migrate resolve --applied …`).",
    );
  }
  const byName = new Map(local.map((m) => [m.name, m]));
  const modified = live.filter((r) => {
    const m = byName.get(r.name);
    return m !== undefined && !m.acceptedChecksums.has(r.checksum);
  });
  if (modified.length > 0) {
    throw new MigrationError(
      "MIGRATIONS_CHECKSUM_MISMATCH",
      `Migration ${modified.map((r) => r.name).join(", ")} was changed after it was applied to this database ` +
        "(the checksum of its migration.sql no longer matches _prisma_migrations). Applied migrations must not be " +
        "edited: restore the file from git and put the change in a new migration (npm run migrations:create).",
    );
  }
  const applied = new Set(live.map((r) => r.name));
  return { pending: local.filter((m) => !applied.has(m.name)) };
}

function status(records: MigrationRecord[], local: LocalMigration[]): MigrationsStatus {
  const live = records.filter((r) => r.rolledBackAt === null || r.rolledBackAt === undefined);
  const finished = live.filter((r) => r.finishedAt !== null && r.finishedAt !== undefined);
  const byName = new Map(local.map((m) => [m.name, m]));
  const known = new Set(live.map((r) => r.name));
  return {
    applied: finished.map((r) => r.name),
    pending: local.filter((m) => !known.has(m.name)).map((m) => m.name),
    failed: live.filter((r) => !finished.includes(r)).map((r) => r.name),
    modified: finished
      .filter((r) => {
        const m = byName.get(r.name);
        return m !== undefined && !m.acceptedChecksums.has(r.checksum);
      })
      .map((r) => r.name),
  };
}

function errorText(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function failedMessage(name: string, error: unknown): string {
  return (
    `Migration ${name} failed and was rolled back: ${errorText(error)}\n` +
    "It is recorded as failed in _prisma_migrations, as `prisma migrate deploy` does, so no instance retries it. " +
    `Fix the migration, then mark it rolled back (\`npx prisma migrate resolve --rolled-back ${name}\`, or set ` +
    "rolled_back_at on its row) and start again."
  );
}

/**
 * Applies every migration in prisma/<provider>/migrations that this database has not had yet,
 * in name order. Safe to call from several instances at once: one migrates, the others wait and
 * then find nothing to do.
 */
export async function applyMigrations(databaseUrl: string, opts: MigrateOptions = {}): Promise<{ applied: string[] }> {
  const provider = migrationProviderOf(databaseUrl);
  const local = readLocalMigrations(provider);
  const log = opts.log ?? (() => {});
  return provider === "sqlite" ? applySqlite(databaseUrl, local, log) : applyPostgres(databaseUrl, local, log);
}

/** What has been applied and what is waiting, without changing anything (for `doctor`). */
export async function migrationsStatus(databaseUrl: string): Promise<MigrationsStatus> {
  const provider = migrationProviderOf(databaseUrl);
  const local = readLocalMigrations(provider);
  if (provider === "sqlite") {
    const file = sqlitePathOf(databaseUrl);
    // Opening a missing file would create it; a database that does not exist has had nothing applied.
    if (!existsSync(file)) return status([], local);
    const client = createClient({ url: `file:${file}`, concurrency: 1 });
    try {
      const found = await client.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
      );
      if (found.rows.length === 0) return status([], local);
      return status(toRecords((await client.execute(SELECT_RECORDS)).rows), local);
    } finally {
      client.close();
    }
  }
  const client = await connectPostgres(databaseUrl);
  try {
    if (!(await postgresHasMigrationsTable(client))) return status([], local);
    return status(toRecords((await client.query(SELECT_RECORDS)).rows), local);
  } finally {
    await client.end();
  }
}

// ---------------------------------------------------------------------------------------------
// SQLite

/** "file:./data/x.db" → an absolute path, relative to the working directory as src/db/database.ts reads it. */
function sqlitePathOf(databaseUrl: string): string {
  const path = databaseUrl.slice("file:".length).replace(/^\/\//, "");
  return resolve(path.split("?")[0] ?? path);
}

function isBusy(error: unknown): boolean {
  return (error as { code?: string })?.code === "SQLITE_BUSY";
}

const sleep = (ms: number) => new Promise((done) => setTimeout(done, ms));

// SQLite's own busy timeout waits by blocking the thread, which would also stop the process that
// holds the lock when both run in one process (tests, or a CLI beside the server). So the write
// lock is asked for without waiting, and retried from the event loop, each time on a new
// connection: libsql leaves the refused BEGIN pending on the old one, which then cannot commit.
async function lockForWriting(file: string, log: (msg: string) => void): Promise<[LibsqlClient, Transaction]> {
  const deadline = Date.now() + SQLITE_LOCK_WAIT_MS;
  let pause = 20;
  let told = false;
  for (;;) {
    // One connection, so the pragmas hold for the transaction that follows.
    const client = createClient({ url: `file:${file}`, concurrency: 1 });
    try {
      // libsql enforces foreign keys by default. Prisma's table redefinitions (copy, drop, rename)
      // switch them off with a pragma that SQLite ignores inside a transaction, and dropping a
      // parent table with them on would cascade-delete its children. The CLI's connection has them off.
      await client.execute("PRAGMA foreign_keys = OFF");
      await client.execute("PRAGMA busy_timeout = 0");
      // Only a brand-new file takes this (an existing one keeps its page size). 16 KB pages instead of
      // 4 KB: measured here, 100,000 referrals go in a quarter faster, their indexes being written all over.
      await client.execute("PRAGMA page_size = 16384");
      const tx = await client.transaction("write");
      // Holding the write lock, only COMMIT can still meet a lock: readers it must outwait, briefly.
      await tx.execute("PRAGMA busy_timeout = 5000");
      return [client, tx];
    } catch (error) {
      client.close();
      if (!isBusy(error)) throw error;
      if (Date.now() > deadline) {
        throw new MigrationError(
          "MIGRATIONS_LOCK_TIMEOUT",
          `Another process held ${file} for more than ${SQLITE_LOCK_WAIT_MS / 1000} s while migrations were due.`,
        );
      }
      if (!told) log(`Waiting for another process that is writing to ${file}`);
      told = true;
      await sleep(pause);
      pause = Math.min(pause * 2, 500);
    }
  }
}

async function applySqlite(
  databaseUrl: string,
  local: LocalMigration[],
  log: (msg: string) => void,
): Promise<{ applied: string[] }> {
  const file = sqlitePathOf(databaseUrl);
  mkdirSync(dirname(file), { recursive: true });
  const applied: string[] = [];
  for (;;) {
    const [client, tx] = await lockForWriting(file, log);
    try {
      // Read inside the write lock: whatever another process applied before is seen here.
      const hasTable = await tx.execute(
        "SELECT 1 FROM sqlite_master WHERE type = 'table' AND name = '_prisma_migrations'",
      );
      if (hasTable.rows.length === 0) {
        const tables = await tx.execute(
          "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%' ORDER BY name",
        );
        if (tables.rows.length > 0 && local.length > 0) {
          throw notEmpty(
            file,
            tables.rows.map((r) => String(r.name)),
          );
        }
        await tx.execute(SQLITE_MIGRATIONS_TABLE);
      }
      const { pending } = plan(toRecords((await tx.execute(SELECT_RECORDS)).rows), local);
      const next = pending[0];
      if (!next) {
        await tx.commit();
        break;
      }
      log(`Applying migration ${next.name}`);
      const id = randomUUID();
      const startedAt = Date.now();
      await tx.execute("SAVEPOINT migration");
      try {
        await tx.executeMultiple(next.script);
        const violations = await tx.execute("PRAGMA foreign_key_check");
        if (violations.rows.length > 0) {
          const tables = [...new Set(violations.rows.map((r) => String(r.table)))].join(", ");
          throw new Error(`it leaves rows that break foreign keys in ${tables}`);
        }
      } catch (error) {
        await tx.execute("ROLLBACK TO migration");
        // The columns the CLI fills for a failed migration; committed so every instance sees it.
        await tx.execute({
          sql: "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES (?, ?, ?, ?, ?)",
          args: [id, next.checksum, startedAt, next.name, errorText(error)],
        });
        await tx.commit();
        throw new MigrationError("MIGRATION_FAILED", failedMessage(next.name, error));
      }
      // DateTime as integer milliseconds: what Prisma's engine writes to SQLite.
      await tx.execute({
        sql:
          "INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count) " +
          "VALUES (?, ?, ?, ?, ?, 1)",
        args: [id, next.checksum, startedAt, Date.now(), next.name],
      });
      await tx.commit();
      applied.push(next.name);
    } finally {
      tx.close();
      client.close();
    }
  }
  return { applied };
}

function notEmpty(where: string, tables: string[]): MigrationError {
  return new MigrationError(
    "MIGRATIONS_DATABASE_NOT_EMPTY",
    `${where} already has tables (${tables.slice(0, 5).join(", ")}${tables.length > 5 ? ", …" : ""}) but no ` +
      "_prisma_migrations: it was not made by these migrations (Prisma's P3005). Start from an empty database, " +
      "or baseline this one with `npx prisma migrate resolve --applied <migration>`.",
  );
}

// ---------------------------------------------------------------------------------------------
// PostgreSQL

async function connectPostgres(databaseUrl: string): Promise<pg.Client> {
  const url = new URL(databaseUrl);
  // Prisma reads the schema from ?schema=; pg does not know that parameter.
  const schema = url.searchParams.get("schema");
  url.searchParams.delete("schema");
  const client = new pg.Client({
    connectionString: url.toString(),
    ...(schema ? { options: `-c search_path="${schema.replaceAll('"', "")}"` } : {}),
  });
  await client.connect();
  return client;
}

async function postgresHasMigrationsTable(client: pg.Client): Promise<boolean> {
  const { rows } = await client.query("SELECT to_regclass('_prisma_migrations') IS NOT NULL AS present");
  return rows[0]?.present === true;
}

async function applyPostgres(
  databaseUrl: string,
  local: LocalMigration[],
  log: (msg: string) => void,
): Promise<{ applied: string[] }> {
  const client = await connectPostgres(databaseUrl);
  const applied: string[] = [];
  try {
    const { rows } = await client.query("SELECT pg_try_advisory_lock($1) AS locked", [PRISMA_ADVISORY_LOCK]);
    if (rows[0]?.locked !== true) {
      log("Waiting for another instance that is migrating this database");
      await client.query("SELECT pg_advisory_lock($1)", [PRISMA_ADVISORY_LOCK]);
    }
    try {
      if (!(await postgresHasMigrationsTable(client))) {
        const tables = await client.query(
          "SELECT tablename FROM pg_tables WHERE schemaname = current_schema() ORDER BY tablename",
        );
        if (tables.rows.length > 0 && local.length > 0) {
          throw notEmpty(
            "The database",
            tables.rows.map((r) => String(r.tablename)),
          );
        }
        await client.query(POSTGRES_MIGRATIONS_TABLE);
      }
      const { pending } = plan(toRecords((await client.query(SELECT_RECORDS)).rows), local);
      for (const next of pending) {
        log(`Applying migration ${next.name}`);
        const id = randomUUID();
        const startedAt = new Date();
        await client.query("BEGIN");
        try {
          await client.query("SAVEPOINT migration");
          try {
            // Without parameters pg uses the simple protocol, which runs a multi-statement script.
            await client.query(next.script);
          } catch (error) {
            await client.query("ROLLBACK TO SAVEPOINT migration");
            await client.query(
              "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES ($1, $2, $3, $4, $5)",
              [id, next.checksum, startedAt, next.name, errorText(error)],
            );
            await client.query("COMMIT");
            throw new MigrationError("MIGRATION_FAILED", failedMessage(next.name, error));
          }
          await client.query(
            "INSERT INTO _prisma_migrations (id, checksum, started_at, finished_at, migration_name, applied_steps_count) " +
              "VALUES ($1, $2, $3, clock_timestamp(), $4, 1)",
            [id, next.checksum, startedAt, next.name],
          );
          await client.query("COMMIT");
        } catch (error) {
          if (!(error instanceof MigrationError)) await client.query("ROLLBACK").catch(() => {});
          throw error;
        }
        applied.push(next.name);
      }
    } finally {
      await client.query("SELECT pg_advisory_unlock($1)", [PRISMA_ADVISORY_LOCK]).catch(() => {});
    }
  } finally {
    await client.end();
  }
  return { applied };
}
