// Seeds the chat benchmarks' practice (chat-fixture.ts) from a process of its own, so the memory of
// writing 10,000 referrers (Prisma's createMany batches, libsql's prepared inserts) stays out of the
// section's figure: the section's process holds what a `serve` holds, as bench/serve-memory.ts measures it.
// Run as `node bin/run-ts.mjs bench/seed-chat-process.ts <database url> <slack|teams> <workspace id>`.
import { execFile } from "node:child_process";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { z } from "zod";
import { createServices } from "../src/app/create-services.ts";
import { openDatabase } from "../src/db/database.ts";
import type { BenchDb } from "./bench-db.ts";
import { seedChatPractice } from "./chat-fixture.ts";

const FIXTURE_MARK = "@@chat-fixture ";

const ZFixture = z.object({
  practiceId: z.string(),
  uniqueNames: z.array(z.string()),
  nudgeIds: z.array(z.string()),
  runId: z.string(),
});
export type ChatFixture = z.infer<typeof ZFixture>;

/** The practice seeded into the section's database by a child process; the section's own process writes nothing. */
export async function seedChatPracticeApart(
  url: string,
  workspace: { platform: "slack" | "teams"; externalId: string },
): Promise<ChatFixture> {
  const runTs = fileURLToPath(new URL("../bin/run-ts.mjs", import.meta.url));
  const self = fileURLToPath(import.meta.url);
  const { stdout } = await promisify(execFile)(
    process.execPath,
    [runTs, self, url, workspace.platform, workspace.externalId],
    { maxBuffer: 16 * 1024 * 1024 },
  );
  const line = stdout.split("\n").find((l) => l.startsWith(FIXTURE_MARK));
  if (!line) throw new Error(`the seeding process printed no fixture:\n${stdout}`);
  return ZFixture.parse(JSON.parse(line.slice(FIXTURE_MARK.length)));
}

async function seedHere(url: string, platform: "slack" | "teams", externalId: string): Promise<void> {
  const db = await openDatabase(url);
  try {
    const bench = { ...createServices(db), queries: { count: 0 }, dir: "", url, close: async () => {} } as BenchDb;
    const fixture = await seedChatPractice(bench, { platform, externalId });
    console.log(`${FIXTURE_MARK}${JSON.stringify(fixture)}`);
  } finally {
    await db.close();
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  const [url, platform, externalId] = process.argv.slice(2);
  if (!url || (platform !== "slack" && platform !== "teams") || !externalId) {
    console.error("usage: seed-chat-process.ts <database url> <slack|teams> <workspace id>");
    process.exit(2);
  }
  await seedHere(url, platform, externalId);
}
