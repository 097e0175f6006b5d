// Opens the one shared database: SQLite (embedded default) or PostgreSQL, chosen by DATABASE_URL.
// Both generated clients come from the same models, so the rest of the code is written once
// against one client type; the SQLite client has the same surface for everything we use.
import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaPg } from "@prisma/adapter-pg";
import { PrismaClient as PostgresClient } from "./generated/postgresql/client.ts";
import { PrismaClient as SqliteClient } from "./generated/sqlite/client.ts";
import { PrismaLibSqlCached } from "./libsql-statement-cache.ts";
import { withSerialAccess } from "./sqlite-serial-access.ts";

export type PrismaDb = InstanceType<typeof PostgresClient>;
export type Provider = "sqlite" | "postgresql";

export interface Database {
  prisma: PrismaDb;
  provider: Provider;
  url: string;
  /**
   * Brings the query planner's statistics up to date after a large write (an import, a seed). SQLite
   * only; PostgreSQL's autovacuum analyses tables by itself.
   */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

/** SQLite's advice: optimize at open and every few hours; hourly costs nothing when nothing changed. */
const OPTIMIZE_EVERY_MS = 60 * 60_000;

export function providerOf(url: string): Provider {
  if (url.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(url)) return "postgresql";
  throw new Error(`DATABASE_URL must start with "file:" or "postgresql://", got "${url.slice(0, 20)}…"`);
}

/** Turns "file:./data/x.db" into an absolute file URL and makes sure the folder exists. */
export function sqliteFileOf(url: string): string {
  const path = url.slice("file:".length).replace(/^\/\//, "");
  const absolute = resolve(path.split("?")[0] ?? path);
  mkdirSync(dirname(absolute), { recursive: true });
  return absolute;
}

/**
 * SQLite's page cache for bulk work (an import, a seed): 64 MB instead of SQLite's 2 MB. A referral's
 * indexes by referrer and by date are written all over, and an import of 100,000 rows that fits its index
 * pages in memory does not spill them mid-transaction. Pages are only cached as they are read.
 */
export const BULK_PAGE_CACHE_MB = 64;

/**
 * The page cache of a long-running server. Its cache fills with every page it ever reads and holds them
 * as native memory that V8 cannot see: with 64 MB a `serve` over 10,000 referrers grew by ~40 MB through
 * 30,000 chat requests (bench/serve-memory.ts) while its JavaScript heap stayed flat. A chat request
 * reads a few index pages, which the operating system's file cache serves as fast when SQLite's misses.
 */
export const SERVER_PAGE_CACHE_MB = 8;

export interface OpenOptions {
  /** Called for every SQL statement sent, e.g. to count the digest's queries in the benchmark. */
  onQuery?: (sql: string) => void;
  /** SQLite's page cache; BULK_PAGE_CACHE_MB unless given. */
  pageCacheMb?: number;
}

export async function openDatabase(url: string, opts: OpenOptions = {}): Promise<Database> {
  const provider = providerOf(url);
  const log = opts.onQuery ? { log: [{ emit: "event" as const, level: "query" as const }] } : {};
  if (provider === "postgresql") {
    // A connection that cannot be made within 2 s fails (the chat then answers "try again in a minute"
    // within Slack's 3 s); keep-alive notices a server that vanished without closing the socket.
    const pool = { connectionString: url, max: 10, connectionTimeoutMillis: 2_000, keepAlive: true };
    const prisma = new PostgresClient({ adapter: new PrismaPg(pool), ...log });
    if (opts.onQuery) prisma.$on("query" as never, (e: { query: string }) => opts.onQuery?.(e.query));
    return { prisma, provider, url, optimize: async () => {}, close: () => prisma.$disconnect() };
  }
  const file = sqliteFileOf(url);
  // Times as integer milliseconds: compact, and compared as numbers in the few raw queries we run.
  // One connection per process (see sqlite-serial-access.ts); the timeout is for other processes' locks.
  // Statements are prepared once per SQL text and reused: see libsql-statement-cache.ts for the memory.
  const adapter = new PrismaLibSqlCached(
    { url: `file:${file}`, timeout: 10_000, concurrency: 1 },
    { timestampFormat: "unixepoch-ms" },
  );
  const prisma = new SqliteClient({ adapter: withSerialAccess(adapter), ...log }) as unknown as PrismaDb;
  if (opts.onQuery) prisma.$on("query" as never, (e: { query: string }) => opts.onQuery?.(e.query));
  // WAL (a property of the file, so once is enough) lets readers such as the digest run while a
  // writer such as an import works.
  await prisma.$queryRawUnsafe("PRAGMA journal_mode = WAL");
  // In WAL mode NORMAL never corrupts the file; a power cut may lose the last commits, not older ones.
  // FULL would fsync on every commit: about 2.5 ms for each click, here.
  await prisma.$queryRawUnsafe("PRAGMA synchronous = NORMAL");
  // A negative cache_size is in KiB.
  const pageCacheKib = Math.round((opts.pageCacheMb ?? BULK_PAGE_CACHE_MB) * 1024);
  await prisma.$queryRawUnsafe(`PRAGMA cache_size = -${pageCacheKib}`);
  // Without statistics SQLite guesses that "practiceId = ?" narrows a query as well as "referrerId = ?"
  // does, and reads one referrer's referrals through the practice's date index: 3 s for a profile in a
  // practice of 200,000 referrals. 0x10002 gathers statistics for tables that have none (once, about
  // 0.6 s on such a file); later runs refresh only tables that have grown a lot since.
  await prisma.$queryRawUnsafe("PRAGMA optimize = 0x10002");
  const optimize = async () => {
    await prisma.$queryRawUnsafe("PRAGMA optimize = 0x10002");
  };
  const timer = setInterval(() => optimize().catch(() => {}), OPTIMIZE_EVERY_MS);
  timer.unref();
  return {
    prisma,
    provider,
    url: `file:${file}`,
    optimize,
    close: () => {
      clearInterval(timer);
      return prisma.$disconnect();
    },
  };
}
