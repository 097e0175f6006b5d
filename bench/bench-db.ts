// A scratch database for a benchmark section: SQLite in a temp folder, migrated, with a query counter.
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { createServices, type Services } from "../src/app/create-services.ts";
import { openDatabase } from "../src/db/database.ts";
import { applyMigrations } from "../src/db/migrate.ts";

export interface BenchDb extends Services {
  queries: { count: number };
  dir: string;
  /** The database's URL, for a process of the benchmark's own (seed-chat-process.ts). */
  url: string;
  close(): Promise<void>;
}

/** Only the digest section counts queries; Prisma's query events cost time and memory on every statement. */
/** pageCacheMb: SERVER_PAGE_CACHE_MB for a section whose process plays `serve`. */
export async function openBenchDb(
  name: string,
  opts: { countQueries?: boolean; pageCacheMb?: number } = {},
): Promise<BenchDb> {
  const dir = mkdtempSync(join(tmpdir(), `rn-bench-${name}-`));
  const url = `file:${join(dir, "bench.db")}`;
  await applyMigrations(url);
  const queries = { count: 0 };
  const db = await openDatabase(url, {
    ...(opts.countQueries ? { onQuery: () => queries.count++ } : {}),
    ...(opts.pageCacheMb ? { pageCacheMb: opts.pageCacheMb } : {}),
  });
  const services = createServices(db);
  return {
    ...services,
    queries,
    dir,
    url,
    async close() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}
