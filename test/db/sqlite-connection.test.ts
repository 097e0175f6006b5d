// The SQLite database is one connection for the life of the process. A driver that opened a new
// connection for each transaction (as @libsql/client 0.17 did, which @prisma/adapter-libsql pinned)
// leaked the old one until V8 collected it: file handles and native memory grew with traffic (GBs in the
// bench), and every new connection started with a cold page cache and SQLite's defaults
// (synchronous=FULL: an fsync of the WAL and of the folder at every commit), which is what made a click
// cost 45 ms at p99. package.json's overrides give the adapter the client that keeps its connection.
import { readdirSync, readlinkSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestApp, type TestApp } from "../support/test-app.ts";

let app: TestApp;
beforeEach(async () => {
  app = await createTestApp({ provider: "sqlite" });
});
afterEach(async () => app.close());

/** This process's open handles on the database file (the WAL and shared-memory files not counted). */
function handlesOn(file: string): number {
  return readdirSync("/proc/self/fd").filter((fd) => {
    try {
      return readlinkSync(`/proc/self/fd/${fd}`) === file;
    } catch {
      return false;
    }
  }).length;
}

const fileOf = (url: string) => url.replace(/^file:/, "");

describe.runIf(process.platform === "linux")("the SQLite connection", () => {
  it("is the same one before and after a hundred transactions, with the settings made at open", async () => {
    const prisma = app.db.prisma;
    await prisma.$transaction(async (tx) => tx.practice.count());
    const before = handlesOn(fileOf(app.databaseUrl));
    for (let i = 0; i < 100; i++) {
      await prisma.$transaction(async (tx) => tx.practice.create({ data: { name: `Practice ${i}` } }));
      await prisma.practice.count();
    }
    expect(handlesOn(fileOf(app.databaseUrl))).toBe(before);
    const [sync] = await prisma.$transaction(async (tx) =>
      tx.$queryRawUnsafe<Array<{ synchronous: bigint | number }>>("PRAGMA synchronous"),
    );
    // 1 is NORMAL, what database.ts sets; a fresh connection would say 2 (FULL).
    expect(Number(sync?.synchronous)).toBe(1);
  });
});
