// The `referral-nudge` command itself, run as a person runs it: a real process, its options as typed,
// its exit code and what it prints.
import { execFile } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
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

  const referralNudgeOn = async (url: string, ...args: string[]): Promise<Result> => {
    try {
      const { stdout, stderr } = await run(CLI, args, {
        env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "warn" },
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number | string; stdout: string; stderr: string; killed?: boolean };
      if (failed.killed) throw new Error(`referral-nudge ${args.join(" ")} did not exit within 30 seconds`);
      return { code: Number(failed.code), stdout: failed.stdout, stderr: failed.stderr };
    }
  };
  const referralNudge = (...args: string[]) => referralNudgeOn(databaseUrl, ...args);

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

  it("refuses an unknown --date-order before the database is opened: no database file is created", async () => {
    const untouched = join(dir, "untouched", "never.db");
    const file = join(dir, "ambiguous.csv");
    const { code, stderr } = await referralNudgeOn(`file:${untouched}`, "import", "--date-order", "xyz", file);
    expect(code).toBe(1);
    expect(stderr).toContain(
      '--date-order must be mdy (03/04/2026 is March 4) or dmy (03/04/2026 is 3 April), not "xyz"',
    );
    expect(existsSync(untouched)).toBe(false);
    expect(existsSync(join(dir, "untouched"))).toBe(false);
  });

  it("sets who looks after a referrer by a member's chat user id, refuses a stranger, and clears it", async () => {
    const url = `file:${join(dir, "owners.db")}`;
    await referralNudgeOn(url, "referrers", "add", "Dr. Ada Okafor", "--clinic", "Westside");
    const db = await openDatabase(url);
    try {
      const practice = await db.prisma.practice.findFirstOrThrow();
      await db.prisma.member.create({
        data: { practiceId: practice.id, platform: "slack", externalUserId: "U0ANA", displayName: "Ana Lopez" },
      });
    } finally {
      await db.close();
    }
    const set = await referralNudgeOn(url, "referrers", "owner", "Dr. Okafor", "U0ANA");
    expect(set).toMatchObject({ code: 0, stdout: "Ana Lopez now looks after Dr. Ada Okafor.\n" });
    const stranger = await referralNudgeOn(url, "referrers", "owner", "Dr. Okafor", "U0NOBODY");
    expect(stranger.code).toBe(1);
    expect(stranger.stderr).toContain('No member "U0NOBODY" in My Practice');
    const cleared = await referralNudgeOn(url, "referrers", "owner", "Dr. Okafor", "none");
    expect(cleared.stdout).toBe("Nobody looks after Dr. Ada Okafor now.\n");
  });

  it("adds a referrer once, refuses the same one again, and says how many archived ones the list leaves out", async () => {
    const url = `file:${join(dir, "referrers.db")}`;
    const added = await referralNudgeOn(url, "referrers", "add", "Dr. Ada Okafor", "--clinic", "Westside");
    expect(added).toMatchObject({ code: 0, stdout: "Added Dr. Ada Okafor to My Practice.\n" });
    const again = await referralNudgeOn(url, "referrers", "add", "OKAFOR, ADA", "--clinic", "westside");
    expect(again.code).toBe(1);
    expect(again.stderr).toContain("Dr. Ada Okafor at Westside is already one of your referrers; nothing added.");
    await referralNudgeOn(url, "referrers", "add", "Dr. Ben Retired");
    const db = await openDatabase(url);
    try {
      await db.prisma.referrer.updateMany({ where: { lastName: "Retired" }, data: { status: "archived" } });
    } finally {
      await db.close();
    }
    const list = await referralNudgeOn(url, "referrers", "list");
    expect(list.stdout).not.toContain("Retired");
    expect(list.stdout).toContain("1 referrer in My Practice (1 archived, not shown; --all shows them).");
    const all = await referralNudgeOn(url, "referrers", "list", "--all");
    expect(all.stdout).toContain("Dr. Ben Retired · (archived)");
    expect(all.stdout).toContain("2 referrers in My Practice (1 archived).");
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
