// The `referral-nudge` command itself, run as a person runs it: a real process, its options as typed,
// its exit code and what it prints.
import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { generateReferralsCsv } from "../../src/demo/synthetic.ts";
import { WORKER_MIN_BYTES } from "../../src/import/read-rows-in-worker.ts";

const CLI = fileURLToPath(new URL("../../bin/referral-nudge.mjs", import.meta.url));
const run = promisify(execFile);

interface Result {
  code: number;
  stdout: string;
  stderr: string;
}

describe("the referral-nudge command", () => {
  let dir: string;
  let databaseUrl: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "referral-nudge-command-"));
    databaseUrl = `file:${join(dir, "command.db")}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const referralNudge = async (...args: string[]): Promise<Result> => {
    try {
      const { stdout, stderr } = await run(CLI, args, {
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number | string; stdout: string; stderr: string; killed?: boolean };
      if (failed.killed) throw new Error(`referral-nudge ${args.join(" ")} did not exit within 30 seconds`);
      return { code: Number(failed.code), stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it("says its version, the one in package.json", async () => {
    const { version } = JSON.parse(readFileSync(new URL("../../package.json", import.meta.url), "utf8"));
    const { code, stdout } = await referralNudge("--version");
    expect(code).toBe(0);
    expect(stdout.trim()).toBe(version);
  });

  it("reads 03/04/2026 as 3 April when told --date-order dmy, as its summary advises", async () => {
    const file = join(dir, "ambiguous.csv");
    writeFileSync(
      file,
      "Referral ID,Referral Date,Referring Provider,Reason\nDMY-1,03/04/2026,Dr. Ada Okafor,Knee pain\n",
    );
    const { code, stdout } = await referralNudge("import", "--date-order", "dmy", file);
    expect(code).toBe(0);
    expect(stdout).toMatch(/imported \(new\)\s+1\b/);
    expect(stdout).not.toContain("use --date-order");
    const db = await openDatabase(databaseUrl);
    try {
      const referral = await db.prisma.referral.findFirstOrThrow({ where: { sourceId: "DMY-1" } });
      const practice = await db.prisma.practice.findUniqueOrThrow({ where: { id: referral.practiceId } });
      const local = referral.receivedAt.toLocaleDateString("en-CA", { timeZone: practice.timeZone });
      expect(local).toBe("2026-04-03");
    } finally {
      await db.close();
    }
  });

  it("refuses an unknown --date-order with what to type instead", async () => {
    const { code, stderr } = await referralNudge("import", "--date-order", "ymd", join(dir, "ambiguous.csv"));
    expect(code).toBe(1);
    expect(stderr).toContain("--date-order must be mdy (03/04/2026 is March 4) or dmy");
  });

  it("exits with the reason when a large file's import stops before it starts (no such practice)", async () => {
    // A file this large gets its reading worker before the database opens; it must not keep the command alive.
    const file = join(dir, "large.csv");
    await generateReferralsCsv(file, 8_000, { referrers: 50, seed: 3 });
    expect(statSync(file).size).toBeGreaterThanOrEqual(WORKER_MIN_BYTES);
    const { code, stderr } = await referralNudge("import", "--practice", "Nowhere Clinic", file);
    expect(code).toBe(1);
    expect(stderr).toContain('No practice called "Nowhere Clinic"');
  });
});
