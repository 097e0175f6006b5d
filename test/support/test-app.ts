// A real app over a real database for tests: a fresh SQLite file (or a scratch PostgreSQL database
// when asked), migrated, with the core wired exactly as in production.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import pg from "pg";
import { createServices, type Services } from "../../src/app/create-services.ts";
import type { Clock } from "../../src/core/ports.ts";
import { openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrate.ts";

export interface TestApp extends Services {
  databaseUrl: string;
  /** A clock tests can move. */
  clock: Clock & { set(date: Date): void };
  close(): Promise<void>;
}

export const POSTGRES_TEST_URL = process.env.TEST_DATABASE_URL;

export function settableClock(start = new Date()): Clock & { set(date: Date): void } {
  let current = start;
  return { now: () => current, set: (d) => (current = d) };
}

/** A fresh, migrated database; "postgresql" needs TEST_DATABASE_URL and makes a scratch database. */
export async function createTestApp(opts: { provider?: "sqlite" | "postgresql"; now?: Date } = {}): Promise<TestApp> {
  const clock = settableClock(opts.now ?? new Date());
  let databaseUrl: string;
  let cleanup: () => Promise<void>;
  if (opts.provider === "postgresql") {
    if (!POSTGRES_TEST_URL) throw new Error("TEST_DATABASE_URL is not set");
    const name = `rn_test_${process.pid}_${Math.random().toString(36).slice(2, 8)}`;
    const admin = new pg.Client({ connectionString: POSTGRES_TEST_URL });
    await admin.connect();
    await admin.query(`CREATE DATABASE ${name}`);
    await admin.end();
    const url = new URL(POSTGRES_TEST_URL);
    url.pathname = `/${name}`;
    databaseUrl = url.toString();
    cleanup = async () => {
      const c = new pg.Client({ connectionString: POSTGRES_TEST_URL });
      await c.connect();
      await c.query(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
      await c.end();
    };
  } else {
    const dir = mkdtempSync(join(tmpdir(), "referral-nudge-test-"));
    databaseUrl = `file:${join(dir, "test.db")}`;
    cleanup = async () => rmSync(dir, { recursive: true, force: true });
  }
  await applyMigrations(databaseUrl);
  const db = await openDatabase(databaseUrl);
  const services = createServices(db, { clock });
  return {
    ...services,
    clock,
    databaseUrl,
    async close() {
      await db.close();
      await cleanup();
    },
  };
}
