// serve keeps SQLite's page cache small (native memory V8 cannot see), while bulk work keeps its large one.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { startServer } from "../../src/app/serve.ts";
import { loadConfig } from "../../src/config/config.ts";
import { BULK_PAGE_CACHE_MB, openDatabase, SERVER_PAGE_CACHE_MB } from "../../src/db/database.ts";
import { applyMigrations } from "../../src/db/migrate.ts";
import { silentLogger } from "../../src/logging/logger.ts";

const cacheKib = async (prisma: { $queryRawUnsafe(sql: string): Promise<unknown> }) =>
  -Number(((await prisma.$queryRawUnsafe("PRAGMA cache_size")) as { cache_size: bigint | number }[])[0]?.cache_size);

describe("SQLite's page cache", () => {
  const dirs: string[] = [];
  const scratch = () => {
    const dir = mkdtempSync(join(tmpdir(), "referral-nudge-page-cache-"));
    dirs.push(dir);
    return `file:${join(dir, "app.db")}`;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it("is the server's small one in a running serve", async () => {
    const config = loadConfig({
      NODE_ENV: "test",
      DATABASE_URL: scratch(),
      PORT: "0",
      HOST: "127.0.0.1",
      SCHEDULER: "off",
    });
    const app = await startServer(config, silentLogger());
    try {
      expect(SERVER_PAGE_CACHE_MB).toBeLessThan(BULK_PAGE_CACHE_MB);
      expect(await cacheKib(app.services.db.prisma)).toBe(SERVER_PAGE_CACHE_MB * 1024);
    } finally {
      await app.stop();
    }
  });

  it("is the large one for bulk work (an import) unless told otherwise", async () => {
    const url = scratch();
    await applyMigrations(url);
    const db = await openDatabase(url);
    try {
      expect(await cacheKib(db.prisma)).toBe(BULK_PAGE_CACHE_MB * 1024);
    } finally {
      await db.close();
    }
  });
});
