// Every row of every table as one text, for the tests that prove a patient's identifiers never reach
// the database (whatever table a change might one day write them to).
import { expect } from "vitest";
import type { TestApp } from "./test-app.ts";

export async function allTables(app: Pick<TestApp, "db">): Promise<string> {
  const prisma = app.db.prisma;
  const tables =
    app.db.provider === "sqlite"
      ? (
          await prisma.$queryRawUnsafe<Array<{ name: string }>>(
            "SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'",
          )
        ).map((t) => t.name)
      : (
          await prisma.$queryRawUnsafe<Array<{ tablename: string }>>(
            "SELECT tablename FROM pg_tables WHERE schemaname = 'public'",
          )
        ).map((t) => t.tablename);
  expect(tables).toEqual(expect.arrayContaining(["Referral", "ReferralStatusChange", "AuditEvent", "Referrer"]));
  const dumps: string[] = [];
  for (const table of tables) {
    const rows = await prisma.$queryRawUnsafe<unknown[]>(`SELECT * FROM "${table}"`);
    dumps.push(JSON.stringify(rows, (_k, v) => (typeof v === "bigint" ? v.toString() : v)));
  }
  return dumps.join("\n");
}
