// Why this file exists: native memory. @libsql/client prepares a new native statement for every query
// and never finalizes it; libsql frees a statement (about 10 KB for one of Prisma's SELECTs) and each
// result cursor (about 2 KB) only when V8 collects their small JavaScript wrappers, and V8 cannot see
// that memory: a plain loop of prepare() grows 6 KB a statement until finalizers get to run.
//
// So the bot talks to libsql through this small client instead: the same subset of @libsql/client's
// interface that @prisma/adapter-libsql calls (execute, executeMultiple, transaction, close), over one
// connection, reusing one prepared statement per SQL text. Prisma sends the same few hundred texts
// again and again (values are bound parameters), so after warm-up a query allocates no statement at
// all; the cache is bounded, and an evicted statement is left to the GC like before, now rarely.
//
// Measured over 2,000 Slack commands and clicks with 10,000 referrers, seeded in the same process: with
// the adapter's old nested @libsql/client 0.17, which also opened a connection per transaction, RSS went
// 490 MB -> 3.2 GB without this cache and to 730 MB with it; with 0.18's single connection (package.json
// overrides) and the heap growth limited as serve does, the difference is small, 550 MB -> 510 MB, most
// of it while seeding with large createMany statements. The JavaScript heap is the larger share now (heap-growth.ts).
import { createRequire } from "node:module";
import type { Client, InStatement, ResultSet, Transaction } from "@libsql/client";
import { LibsqlError } from "@libsql/client";
import { PrismaLibSql } from "@prisma/adapter-libsql";

const require = createRequire(import.meta.url);

interface NativeColumn {
  name: string;
  type: string | null;
}
interface NativeStatement {
  raw(on?: boolean): NativeStatement;
  safeIntegers(on?: boolean): NativeStatement;
  columns(): NativeColumn[];
  all(args: unknown[]): unknown[][];
  run(args: unknown[]): { changes: number; lastInsertRowid: number | bigint };
}
interface NativeDatabase {
  open: boolean;
  inTransaction: boolean;
  prepare(sql: string): NativeStatement;
  exec(sql: string): void;
  close(): void;
}
type NativeDatabaseClass = (new (
  path: string,
  opts: { timeout?: number },
) => NativeDatabase) & {
  SqliteError: new (...args: never[]) => Error & { code: string; rawCode?: number };
};

// `libsql` is CommonJS without ESM named exports; @libsql/client loads it the same way.
const NativeDatabase = require("libsql") as NativeDatabaseClass;

/** Distinct SQL texts kept prepared. Prisma's are a few hundred; 500 statements is about 5 MB. */
export const STATEMENT_CACHE_SIZE = 500;

interface Prepared {
  statement: NativeStatement;
  /** Column names and declared types; empty for a statement that returns no rows. */
  columns: string[];
  columnTypes: string[];
}

const MIN_SAFE = BigInt(Number.MIN_SAFE_INTEGER);
const MAX_SAFE = BigInt(Number.MAX_SAFE_INTEGER);

/** As @libsql/client's default intMode "number": integers as numbers, refusing what would lose digits. */
function valueFromSql(value: unknown): unknown {
  if (typeof value === "bigint") {
    if (value < MIN_SAFE || value > MAX_SAFE) {
      throw new RangeError("Received integer which cannot be safely represented as a JavaScript number");
    }
    return Number(value);
  }
  if (value instanceof Uint8Array) {
    return value.buffer.slice(value.byteOffset, value.byteOffset + value.byteLength);
  }
  return value;
}

function valueToSql(value: unknown): unknown {
  if (typeof value === "boolean") return value ? 1 : 0;
  if (value instanceof ArrayBuffer) return Buffer.from(value);
  if (value instanceof Date) return value.valueOf();
  if (value === undefined) throw new TypeError("undefined cannot be passed as argument to the database");
  return value;
}

/** The error shape @libsql/client throws, which the Prisma adapter maps (it reads rawCode and message). */
function mapError(error: unknown): unknown {
  if (error instanceof NativeDatabase.SqliteError) {
    const rawCode = error.rawCode;
    return new LibsqlError(error.message, error.code, error.code, rawCode, error);
  }
  return error;
}

export class StatementCache {
  private readonly prepared = new Map<string, Prepared>();

  constructor(
    private readonly db: NativeDatabase,
    private readonly capacity = STATEMENT_CACHE_SIZE,
  ) {}

  get size(): number {
    return this.prepared.size;
  }

  /** The statement for this text, most recently used last (a Map keeps insertion order). */
  private statementFor(sql: string): Prepared {
    const hit = this.prepared.get(sql);
    if (hit) {
      this.prepared.delete(sql);
      this.prepared.set(sql, hit);
      return hit;
    }
    const statement = this.db.prepare(sql);
    statement.safeIntegers(true);
    let columns: NativeColumn[] = [];
    try {
      statement.raw(true);
      columns = statement.columns();
    } catch {
      // raw() throws for a statement that returns no rows
    }
    const entry = { statement, columns: columns.map((c) => c.name), columnTypes: columns.map((c) => c.type ?? "") };
    this.prepared.set(sql, entry);
    if (this.prepared.size > this.capacity) {
      const oldest = this.prepared.keys().next().value as string;
      this.prepared.delete(oldest);
    }
    return entry;
  }

  execute(stmt: InStatement): ResultSet {
    const sql = typeof stmt === "string" ? stmt : stmt.sql;
    const rawArgs = typeof stmt === "string" ? [] : (stmt.args ?? []);
    if (!Array.isArray(rawArgs)) throw new TypeError("only positional arguments are supported");
    const args = rawArgs.map(valueToSql);
    try {
      const { statement, columns, columnTypes } = this.statementFor(sql);
      if (columns.length > 0) {
        const rows = statement.all(args).map((row) => row.map(valueFromSql));
        return resultSet(columns, columnTypes, rows, 0, undefined);
      }
      const info = statement.run(args);
      return resultSet([], [], [], info.changes, BigInt(info.lastInsertRowid));
    } catch (error) {
      throw mapError(error);
    }
  }

  executeMultiple(sql: string): void {
    try {
      this.db.exec(sql);
    } catch (error) {
      throw mapError(error);
    }
  }

  clear(): void {
    this.prepared.clear();
  }
}

function resultSet(
  columns: string[],
  columnTypes: string[],
  rows: unknown[][],
  rowsAffected: number,
  lastInsertRowid: bigint | undefined,
): ResultSet {
  return {
    columns,
    columnTypes,
    rows,
    rowsAffected,
    lastInsertRowid,
    toJSON: () => ({ columns, columnTypes, rows, rowsAffected }),
  } as unknown as ResultSet;
}

/** One connection to a SQLite file with its statements reused; what the Prisma adapter needs of a Client. */
export function createCachingLibsqlClient(config: { url: string; timeout?: number }): Client {
  const path = config.url === ":memory:" ? ":memory:" : config.url.replace(/^file:/, "");
  const db = new NativeDatabase(path, config.timeout === undefined ? {} : { timeout: config.timeout });
  const cache = new StatementCache(db);
  let closed = false;
  const checkOpen = () => {
    if (closed) throw new LibsqlError("The client is closed", "CLIENT_CLOSED");
  };
  const client = {
    protocol: "file",
    get closed() {
      return closed;
    },
    async execute(stmt: InStatement, args?: unknown[]) {
      checkOpen();
      return cache.execute(typeof stmt === "string" && args ? { sql: stmt, args: args as never } : stmt);
    },
    async executeMultiple(sql: string) {
      checkOpen();
      cache.executeMultiple(sql);
    },
    async transaction(mode: "write" | "read" | "deferred" = "write") {
      checkOpen();
      cache.execute(
        mode === "write" ? "BEGIN IMMEDIATE" : mode === "read" ? "BEGIN TRANSACTION READONLY" : "BEGIN DEFERRED",
      );
      return cachingTransaction(db, cache);
    },
    close() {
      if (closed) return;
      closed = true;
      cache.clear();
      if (db.open) db.close();
    },
  };
  return client as unknown as Client;
}

function cachingTransaction(db: NativeDatabase, cache: StatementCache): Transaction {
  let settled = false;
  const live = () => !settled && db.open && db.inTransaction;
  const check = () => {
    if (!live()) throw new LibsqlError("The transaction is closed", "TRANSACTION_CLOSED");
  };
  const tx = {
    async execute(stmt: InStatement) {
      check();
      return cache.execute(stmt);
    },
    async executeMultiple(sql: string) {
      check();
      cache.executeMultiple(sql);
    },
    async commit() {
      try {
        check();
        cache.execute("COMMIT");
      } finally {
        settled = true;
      }
    },
    async rollback() {
      try {
        if (live()) cache.execute("ROLLBACK");
      } finally {
        settled = true;
      }
    },
    close() {
      if (live()) cache.execute("ROLLBACK");
      settled = true;
    },
    get closed() {
      return !live();
    },
  };
  return tx as unknown as Transaction;
}

/** @prisma/adapter-libsql's factory, over the statement-reusing client above. */
export class PrismaLibSqlCached extends PrismaLibSql {
  override createClient(config: Parameters<PrismaLibSql["createClient"]>[0]): Client {
    return createCachingLibsqlClient(config);
  }
}
