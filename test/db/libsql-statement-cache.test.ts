// The statement cache that keeps libsql's native memory flat: one prepared statement per SQL text,
// reused; a bounded number kept; values and errors shaped as @libsql/client shapes them for Prisma.
import { mkdtempSync, rmSync } from "node:fs";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { LibsqlError } from "@libsql/client";
import { afterEach, describe, expect, it } from "vitest";
import { StatementCache } from "../../src/db/libsql-statement-cache.ts";

const NativeDatabase = createRequire(import.meta.url)("libsql") as new (
  path: string,
) => {
  prepare(sql: string): unknown;
  close(): void;
};

describe("the libsql statement cache", () => {
  const dirs: string[] = [];
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  /** A real database file whose prepare() calls are counted. */
  function countingDatabase() {
    const dir = mkdtempSync(join(tmpdir(), "rn-statement-cache-"));
    dirs.push(dir);
    const db = new NativeDatabase(join(dir, "cache.db"));
    const prepared: string[] = [];
    const counted = new Proxy(db, {
      get(target, prop, receiver) {
        if (prop === "prepare") {
          return (sql: string) => {
            prepared.push(sql);
            return target.prepare(sql);
          };
        }
        const value = Reflect.get(target, prop, receiver);
        return typeof value === "function" ? value.bind(target) : value;
      },
    });
    return { db: counted as never, prepared };
  }

  it("prepares a statement once and reuses it for every later run of the same text", () => {
    const { db, prepared } = countingDatabase();
    const cache = new StatementCache(db);
    cache.executeMultiple("CREATE TABLE t (id INTEGER PRIMARY KEY, name TEXT)");
    for (let i = 0; i < 50; i++) cache.execute({ sql: "INSERT INTO t (name) VALUES (?)", args: [`n${i}`] });
    for (let i = 0; i < 50; i++) {
      const found = cache.execute({ sql: "SELECT id, name FROM t WHERE name = ?", args: [`n${i}`] });
      expect(found.rows).toEqual([[i + 1, `n${i}`]]);
    }
    expect(prepared.filter((sql) => sql.startsWith("INSERT"))).toHaveLength(1);
    expect(prepared.filter((sql) => sql.startsWith("SELECT"))).toHaveLength(1);
  });

  it("keeps at most its capacity of statements, dropping the least recently used", () => {
    const { db, prepared } = countingDatabase();
    const cache = new StatementCache(db, 3);
    for (const n of [1, 2, 3, 1, 4, 1]) cache.execute(`SELECT ${n} AS n`);
    expect(cache.size).toBe(3);
    // 1 stayed warm (used again before 4 came), so only 2 was dropped and nothing was prepared twice.
    expect(prepared).toEqual(["SELECT 1 AS n", "SELECT 2 AS n", "SELECT 3 AS n", "SELECT 4 AS n"]);
    cache.execute("SELECT 2 AS n");
    expect(prepared.at(-1)).toBe("SELECT 2 AS n");
  });

  it("returns integers as numbers, blobs as ArrayBuffers, declared types, and affected rows", () => {
    const { db } = countingDatabase();
    const cache = new StatementCache(db);
    cache.executeMultiple("CREATE TABLE v (n INTEGER, b BLOB, flag BOOLEAN)");
    const inserted = cache.execute({ sql: "INSERT INTO v VALUES (?, ?, ?)", args: [42, new Uint8Array([1, 2]), true] });
    expect(inserted.rowsAffected).toBe(1);
    const read = cache.execute("SELECT n, b, flag FROM v");
    expect(read.columnTypes).toEqual(["INTEGER", "BLOB", "BOOLEAN"]);
    const [n, b, flag] = read.rows[0] as unknown as [number, ArrayBuffer, number];
    expect([n, flag]).toEqual([42, 1]);
    expect(b).toBeInstanceOf(ArrayBuffer);
    expect([...new Uint8Array(b)]).toEqual([1, 2]);
  });

  it("throws SQLite's errors as LibsqlError with the raw code the Prisma adapter maps", () => {
    const { db } = countingDatabase();
    const cache = new StatementCache(db);
    cache.executeMultiple("CREATE TABLE u (id TEXT PRIMARY KEY)");
    cache.execute({ sql: "INSERT INTO u VALUES (?)", args: ["a"] });
    let thrown: unknown;
    try {
      cache.execute({ sql: "INSERT INTO u VALUES (?)", args: ["a"] });
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(LibsqlError);
    expect((thrown as LibsqlError).rawCode).toBe(1555); // SQLITE_CONSTRAINT_PRIMARYKEY
  });
});
