// The runtime migration runner against real databases, and the committed migrations against
// models.prisma and against Prisma's own schema engine (the WebAssembly build, a devDependency).
import { execFileSync, spawn } from "node:child_process";
import { createHash, randomUUID } from "node:crypto";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { createClient } from "@libsql/client";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import {
  diffMigrationsToSchema,
  migrationsDirOf,
  openSchemaEngine,
  type Provider,
  readMigrationsList,
  repoRoot,
} from "../../scripts/lib/schema-engine.ts";
import { applyMigrations, MigrationError, migrationsFolderOf, migrationsStatus } from "../../src/db/migrate.ts";

const pgUrl = process.env.TEST_DATABASE_URL;
if (!pgUrl) {
  console.log(
    "PostgreSQL migration tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run them.",
  );
}
if (pgUrl && !new URL(pgUrl).pathname.includes("test")) {
  throw new Error(`TEST_DATABASE_URL must name a test database (its name must contain "test"), got ${pgUrl}`);
}

const noFilters = { externalTables: [], externalEnums: [] };

function committedMigrations(provider: Provider): string[] {
  return readdirSync(migrationsFolderOf(provider), { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort((a, b) => a.localeCompare(b));
}

function checksumOf(provider: Provider, name: string): string {
  const bytes = readFileSync(join(migrationsFolderOf(provider), name, "migration.sql"));
  return createHash("sha256").update(bytes).digest("hex");
}

interface MigrationRow {
  id: string;
  checksum: string;
  finished_at: unknown;
  migration_name: string;
  logs: string | null;
  rolled_back_at: unknown;
  started_at: unknown;
  applied_steps_count: number;
}

/** One database under test, whichever the provider. */
interface TestDatabase {
  url: string;
  rows(): Promise<MigrationRow[]>;
  exec(sql: string): Promise<void>;
  tables(): Promise<string[]>;
  /** Column name → declared type of _prisma_migrations. */
  columns(): Promise<Record<string, string>>;
}

interface Target {
  provider: Provider;
  fresh(): Promise<TestDatabase>;
}

const sqliteFolder = mkdtempSync(join(tmpdir(), "referral-nudge-migrate-"));
afterAll(() => rmSync(sqliteFolder, { recursive: true, force: true }));

const sqlite: Target = {
  provider: "sqlite",
  async fresh() {
    // A folder that does not exist yet: the runner has to create it.
    const file = join(sqliteFolder, randomUUID(), "data", "referral-nudge.db");
    const url = `file:${file}`;
    const run = async <T>(fn: (c: ReturnType<typeof createClient>) => Promise<T>) => {
      mkdirSync(dirname(file), { recursive: true });
      const client = createClient({ url, concurrency: 1 });
      try {
        return await fn(client);
      } finally {
        client.close();
      }
    };
    return {
      url,
      rows: () =>
        run(async (c) => (await c.execute("SELECT * FROM _prisma_migrations ORDER BY started_at")).rows as never),
      exec: (sql) => run(async (c) => void (await c.executeMultiple(sql))),
      tables: () =>
        run(async (c) =>
          (await c.execute("SELECT name FROM sqlite_master WHERE type = 'table' ORDER BY name")).rows.map((r) =>
            String(r.name),
          ),
        ),
      columns: () =>
        run(async (c) =>
          Object.fromEntries(
            (await c.execute("PRAGMA table_info(_prisma_migrations)")).rows.map((r) => [
              String(r.name),
              String(r.type),
            ]),
          ),
        ),
    };
  },
};

const scratchDatabases: string[] = [];

async function onPostgres<T>(url: string, fn: (c: pg.Client) => Promise<T>): Promise<T> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    return await fn(client);
  } finally {
    await client.end();
  }
}

function postgresUrlOf(database: string): string {
  const url = new URL(pgUrl ?? "postgresql://localhost/test");
  url.pathname = `/${database}`;
  return url.toString();
}

const postgres: Target = {
  provider: "postgresql",
  async fresh() {
    const name = `referral_nudge_migrate_test_${randomUUID().replaceAll("-", "")}`;
    await onPostgres(pgUrl!, (c) => c.query(`CREATE DATABASE "${name}"`));
    scratchDatabases.push(name);
    const url = postgresUrlOf(name);
    return {
      url,
      rows: () =>
        onPostgres(url, async (c) => (await c.query("SELECT * FROM _prisma_migrations ORDER BY started_at")).rows),
      exec: (sql) => onPostgres(url, async (c) => void (await c.query(sql))),
      tables: () =>
        onPostgres(url, async (c) =>
          (await c.query("SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename")).rows.map(
            (r) => String(r.tablename),
          ),
        ),
      columns: () =>
        onPostgres(url, async (c) => {
          const { rows } = await c.query(
            `SELECT column_name, format_type(atttypid, atttypmod) AS type
               FROM information_schema.columns
               JOIN pg_attribute ON attrelid = '_prisma_migrations'::regclass AND attname = column_name
              WHERE table_name = '_prisma_migrations'`,
          );
          return Object.fromEntries(rows.map((r) => [String(r.column_name), String(r.type)]));
        }),
    };
  },
};

afterAll(async () => {
  if (!pgUrl) return;
  for (const name of scratchDatabases.splice(0)) {
    await onPostgres(pgUrl, (c) => c.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`));
  }
});

// Prisma's schema engine, create_migrations_table, per provider.
const prismaColumns: Record<Provider, Record<string, string>> = {
  sqlite: {
    id: "TEXT",
    checksum: "TEXT",
    finished_at: "DATETIME",
    migration_name: "TEXT",
    logs: "TEXT",
    rolled_back_at: "DATETIME",
    started_at: "DATETIME",
    applied_steps_count: "INTEGER UNSIGNED",
  },
  postgresql: {
    id: "character varying(36)",
    checksum: "character varying(64)",
    finished_at: "timestamp with time zone",
    migration_name: "character varying(255)",
    logs: "text",
    rolled_back_at: "timestamp with time zone",
    started_at: "timestamp with time zone",
    applied_steps_count: "integer",
  },
};

function timeOf(value: unknown): number {
  return value instanceof Date ? value.getTime() : Number(value);
}

function runnerContract(target: Target): void {
  const { provider } = target;
  const all = committedMigrations(provider);
  const init = all[0]!;

  it("applies every committed migration to a new database, and nothing on the second start", async () => {
    const db = await target.fresh();
    const lines: string[] = [];
    expect(await applyMigrations(db.url, { log: (l) => lines.push(l) })).toEqual({ applied: all });
    expect(lines).toContain(`Applying migration ${init}`);
    expect(await db.tables()).toEqual(expect.arrayContaining(["Practice", "Referrer", "Nudge", "_prisma_migrations"]));
    expect(await applyMigrations(db.url)).toEqual({ applied: [] });
    expect(await db.rows()).toHaveLength(all.length);
  });

  it("records each migration in _prisma_migrations exactly as Prisma does", async () => {
    const db = await target.fresh();
    const before = Date.now();
    await applyMigrations(db.url);
    expect(await db.columns()).toEqual(prismaColumns[provider]);
    const [row] = await db.rows();
    expect(row).toMatchObject({
      checksum: checksumOf(provider, init),
      migration_name: init,
      logs: null,
      rolled_back_at: null,
      applied_steps_count: 1,
    });
    expect(row?.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
    if (provider === "sqlite") {
      // Prisma's engine stores SQLite DateTime as integer milliseconds since the epoch.
      expect(typeof row?.started_at).toBe("number");
      expect(typeof row?.finished_at).toBe("number");
    }
    const started = timeOf(row?.started_at);
    expect(started).toBeGreaterThanOrEqual(before - 1000);
    expect(timeOf(row?.finished_at)).toBeGreaterThanOrEqual(started);
  });

  it("lets two instances that start together both succeed, applying each migration once", async () => {
    const db = await target.fresh();
    const [a, b] = await Promise.all([applyMigrations(db.url), applyMigrations(db.url)]);
    expect([...(a?.applied ?? []), ...(b?.applied ?? [])].sort()).toEqual(all);
    expect((await db.rows()).map((r) => r.migration_name)).toEqual(all);
  });

  it("refuses to start when an applied migration was edited afterwards, and says which", async () => {
    const db = await target.fresh();
    await applyMigrations(db.url);
    await db.exec(`UPDATE _prisma_migrations SET checksum = '${"0".repeat(64)}' WHERE migration_name = '${init}'`);
    const refusal = applyMigrations(db.url);
    await expect(refusal).rejects.toBeInstanceOf(MigrationError);
    await expect(refusal).rejects.toMatchObject({ code: "MIGRATIONS_CHECKSUM_MISMATCH" });
    await expect(refusal).rejects.toThrow(`Migration ${init} was changed after it was applied`);
    expect((await migrationsStatus(db.url)).modified).toEqual([init]);
  });

  it("rolls back a migration whose SQL fails, records it as failed, and refuses the next start", async () => {
    const db = await target.fresh();
    // A view is not a table, so the database counts as empty, but it takes the name init needs.
    await db.exec(`CREATE VIEW "Practice" AS SELECT 1 AS id`);
    const failure = applyMigrations(db.url);
    await expect(failure).rejects.toMatchObject({ code: "MIGRATION_FAILED" });
    await expect(failure).rejects.toThrow(`Migration ${init} failed and was rolled back`);
    expect(await db.tables()).toEqual(["_prisma_migrations"]);
    const [row] = await db.rows();
    expect(row).toMatchObject({ migration_name: init, finished_at: null, applied_steps_count: 0 });
    expect(row?.logs).toMatch(/Practice/);

    await expect(applyMigrations(db.url)).rejects.toMatchObject({ code: "MIGRATIONS_FAILED_BEFORE" });
    expect(await migrationsStatus(db.url)).toMatchObject({ applied: [], failed: [init] });
  });

  it("refuses a database that has tables but no migration history", async () => {
    const db = await target.fresh();
    await db.exec(`CREATE TABLE "Legacy" (id INTEGER)`);
    await expect(applyMigrations(db.url)).rejects.toMatchObject({ code: "MIGRATIONS_DATABASE_NOT_EMPTY" });
  });

  it("reports applied and pending migrations without changing the database", async () => {
    const db = await target.fresh();
    expect(await migrationsStatus(db.url)).toEqual({ applied: [], pending: all, failed: [], modified: [] });
    if (provider === "sqlite") expect(existsSync(db.url.slice("file:".length))).toBe(false);
    else expect(await db.tables()).toEqual([]);
    await applyMigrations(db.url);
    expect(await migrationsStatus(db.url)).toEqual({ applied: all, pending: [], failed: [], modified: [] });
  });

  it("leaves a database in which Prisma's own engine finds nothing to do (what `migrate deploy` checks)", async () => {
    const db = await target.fresh();
    await applyMigrations(db.url);
    const open = await openSchemaEngine({ provider, databaseUrl: db.url, postgresAdminUrl: pgUrl });
    try {
      const migrationsList = await readMigrationsList(migrationsDirOf(provider));
      const history = await open.engine.diagnoseMigrationHistory({
        migrationsList,
        optInToShadowDatabase: false,
        filters: noFilters,
      });
      expect(history).toEqual({
        editedMigrationNames: [],
        failedMigrationNames: [],
        hasMigrationsTable: true,
        history: null,
      });
      // `migrate dev` would ask for a reset if the database had drifted from the migrations.
      expect(await open.engine.devDiagnostic({ migrationsList, filters: noFilters })).toEqual({
        action: { tag: "createMigration" },
      });
      expect(await open.engine.applyMigrations({ migrationsList, filters: noFilters })).toEqual({
        appliedMigrationNames: [],
      });
    } finally {
      await open.close();
    }
  });

  it("has committed migrations that build exactly the schema in models.prisma (run npm run migrations:create if not)", async () => {
    const open = await openSchemaEngine({ provider, postgresAdminUrl: pgUrl });
    try {
      const missing = await diffMigrationsToSchema(open, provider);
      expect(missing, `models.prisma has changes no migration holds:\n${missing}`).toBeNull();
    } finally {
      await open.close();
    }
  });
}

beforeAll(() => {
  // The committed migrations are compared with models.prisma, not with a stale generated schema.
  execFileSync(process.execPath, [join(repoRoot, "scripts/prisma-generate.mjs"), "--schemas-only"]);
});

describe("migrations on SQLite", { timeout: 60_000 }, () => {
  runnerContract(sqlite);

  it("lets two processes migrate the same new file at once: one applies, the other waits and finds it done", async () => {
    const db = await sqlite.fresh();
    const migrateModule = join(repoRoot, "src/db/migrate.ts");
    const child = () =>
      new Promise<{ applied: string[] }>((done, fail) => {
        const code = `const { applyMigrations } = await import(${JSON.stringify(migrateModule)});
          console.log(JSON.stringify(await applyMigrations(${JSON.stringify(db.url)})));`;
        const proc = spawn(process.execPath, ["--import", "tsx", "--input-type=module", "-e", code], {
          cwd: repoRoot,
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        proc.stdout.on("data", (d) => {
          out += d;
        });
        proc.stderr.on("data", (d) => {
          err += d;
        });
        proc.on("close", (status) => (status === 0 ? done(JSON.parse(out)) : fail(new Error(err))));
      });
    const [a, b] = await Promise.all([child(), child()]);
    expect([...a.applied, ...b.applied].sort()).toEqual(committedMigrations("sqlite"));
    expect(await db.rows()).toHaveLength(committedMigrations("sqlite").length);
  });

  it("creates the database file and its folder when they are missing", async () => {
    const db = await sqlite.fresh();
    const file = db.url.slice("file:".length);
    expect(existsSync(file)).toBe(false);
    await applyMigrations(db.url);
    expect(existsSync(file)).toBe(true);
  });
});

describe.skipIf(!pgUrl)("migrations on PostgreSQL", { timeout: 60_000 }, () => {
  runnerContract(postgres);

  it("waits for Prisma's advisory lock while another migrator holds it", async () => {
    const db = await postgres.fresh();
    const holder = new pg.Client({ connectionString: db.url });
    await holder.connect();
    try {
      await holder.query("SELECT pg_advisory_lock(72707369)");
      const lines: string[] = [];
      const run = applyMigrations(db.url, { log: (l) => lines.push(l) });
      await new Promise((r) => setTimeout(r, 300));
      expect(await db.tables()).toEqual([]);
      await holder.query("SELECT pg_advisory_unlock(72707369)");
      expect((await run).applied).toEqual(committedMigrations("postgresql"));
      expect(lines[0]).toMatch(/Waiting for another instance/);
    } finally {
      await holder.end();
    }
  });
});
