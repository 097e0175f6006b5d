// `referral-nudge workspaces`, run as the operator runs it: a real process over a real database.
// The explicit link is the only way a Slack workspace or Teams tenant joins an existing practice.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

const CLI = fileURLToPath(new URL("../../bin/referral-nudge.mjs", import.meta.url));
const run = promisify(execFile);

describe("referral-nudge workspaces", () => {
  let dir: string;
  let databaseUrl: string;

  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), "referral-nudge-workspaces-"));
    databaseUrl = `file:${join(dir, "workspaces.db")}`;
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const referralNudge = async (...args: string[]) => {
    try {
      const { stdout, stderr } = await run(CLI, args, {
        env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
        timeout: 30_000,
      });
      return { code: 0, stdout, stderr };
    } catch (error) {
      const failed = error as { code: number; stdout: string; stderr: string };
      return { code: Number(failed.code), stdout: failed.stdout, stderr: failed.stderr };
    }
  };

  it("links a workspace to a practice by name, lists it, and unlinks it into a practice of its own", async () => {
    expect((await referralNudge("referrers", "add", "Dr. Jane Lee")).code).toBe(0);

    const linked = await referralNudge(
      "workspaces",
      "link",
      "--platform",
      "slack",
      "--id",
      "T0ABC",
      "--practice",
      "My Practice",
    );
    expect(linked).toMatchObject({ code: 0 });
    expect(linked.stdout).toContain('Linked slack T0ABC → "My Practice"');

    const list = await referralNudge("workspaces", "list");
    expect(list.stdout).toContain('slack T0ABC → "My Practice"');

    const unlinked = await referralNudge("workspaces", "unlink", "--platform", "slack", "--id", "T0ABC");
    expect(unlinked.code).toBe(0);
    expect(unlinked.stdout).not.toContain('"My Practice"');
    expect((await referralNudge("workspaces", "list")).stdout).not.toContain('slack T0ABC → "My Practice"');
  });

  it("refuses an unknown platform, a missing id or an unknown practice, and says what to type", async () => {
    const platform = await referralNudge(
      "workspaces",
      "link",
      "--platform",
      "discord",
      "--id",
      "x",
      "--practice",
      "My Practice",
    );
    expect(platform.code).toBe(1);
    expect(platform.stderr).toMatch(
      /--platform slack or --platform teams[\s\S]*Example: referral-nudge workspaces link/,
    );

    const noId = await referralNudge("workspaces", "link", "--platform", "teams", "--practice", "My Practice");
    expect(noId.code).toBe(1);
    expect(noId.stderr).toContain("give --id");

    const nowhere = await referralNudge(
      "workspaces",
      "link",
      "--platform",
      "teams",
      "--id",
      "t-1",
      "--practice",
      "Nope",
    );
    expect(nowhere.code).toBe(1);
    expect(nowhere.stderr).toContain('No practice called "Nope"');
  });
});
