// `referral-nudge doctor`: what it says about a machine, and whether it counts it as a problem.
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { doctorCommand } from "../../src/cli/commands/doctor.ts";
import { openDatabase } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrate.ts";

describe("referral-nudge doctor", () => {
  let dir: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "referral-nudge-doctor-"));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const doctor = async (env: NodeJS.ProcessEnv) => {
    const lines: string[] = [];
    const code = await doctorCommand(env, (line) => lines.push(line));
    return { code, text: lines.join("\n") };
  };

  it("on a new machine says the database is set up on first start, creates nothing and finds no problem", async () => {
    const file = join(dir, "new", "referral-nudge.db");
    const { code, text } = await doctor({ DATABASE_URL: `file:${file}` });
    expect(code).toBe(0);
    expect(text).toContain("• Database (SQLite): new — `npm start` (or any command) sets it up");
    expect(text).toContain("• Slack: off — set SLACK_BOT_TOKEN and SLACK_SIGNING_SECRET");
    expect(text).toContain("All good.");
    expect(existsSync(file)).toBe(false);
  });

  it("reports the migrations applied and suggests seed-demo for a database with no referrers", async () => {
    const url = `file:${join(dir, "migrated.db")}`;
    await applyMigrations(url);
    const { code, text } = await doctor({ DATABASE_URL: url });
    expect(code).toBe(0);
    expect(text).toMatch(/✓ Database \(SQLite\): reachable, \d+ migration\(s\) applied/);
    expect(text).toContain("• Data: 0 practice(s), 0 referrer(s), 0 referral(s) — try `referral-nudge seed-demo`");
  });

  it("names a migration that failed halfway, and how to resolve it, as a problem", async () => {
    const url = `file:${join(dir, "half-migrated.db")}`;
    await applyMigrations(url);
    const db = await openDatabase(url);
    try {
      // What the migrate runner (and Prisma) record for a migration whose SQL failed: started, never finished.
      await db.prisma.$executeRawUnsafe(
        "INSERT INTO _prisma_migrations (id, checksum, started_at, migration_name, logs) VALUES (?, ?, ?, ?, ?)",
        "failed-1",
        "0".repeat(64),
        Date.now(),
        "20991231000000_broken",
        "syntax error",
      );
    } finally {
      await db.close();
    }
    const { code, text } = await doctor({ DATABASE_URL: url });
    expect(code).toBe(1);
    expect(text).toContain("✗ Database (SQLite): migration 20991231000000_broken failed halfway");
    expect(text).toContain("npx prisma migrate resolve --rolled-back 20991231000000_broken");
    expect(text).toContain("1 problem(s) to fix.");
  });

  it("lists every bad variable at once", async () => {
    const { code, text } = await doctor({
      DATABASE_URL: `file:${join(dir, "x.db")}`,
      PORT: "eighty",
      LOG_LEVEL: "loud",
    });
    expect(code).toBe(1);
    expect(text).toMatch(/✗ Configuration: PORT/);
    expect(text).toMatch(/✗ Configuration: LOG_LEVEL/);
  });

  it("says a PostgreSQL server that does not answer is a problem, and what to check", async () => {
    const { code, text } = await doctor({ DATABASE_URL: "postgresql://postgres@127.0.0.1:1/none" });
    expect(code).toBe(1);
    expect(text).toMatch(/✗ Database \(PostgreSQL\): .* — check DATABASE_URL and that the server is running/);
  });
});
