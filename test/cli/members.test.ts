// `referral-nudge members`, run as the operator runs it: a real process over a real database.
// Whoever runs the CLI is an admin, so `members role … manager` is how a practice gets its first manager.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { createRepositories } from "../../src/db/repositories.ts";
import { type ScratchCli, SLOW_CLI_TEST_MS, scratchCli } from "../support/cli-process.ts";

const SLOW = SLOW_CLI_TEST_MS;

describe("referral-nudge members", () => {
  let cli: ScratchCli;
  let databaseUrl: string;
  const referralNudge = (...args: string[]) => cli.referralNudge(...args);

  beforeAll(() => {
    cli = scratchCli("members");
    databaseUrl = cli.databaseUrl;
  });
  afterAll(() => cli.remove());

  /** What the bot itself would have stored: a Slack workspace in the default practice, and one member. */
  async function seedMember(): Promise<void> {
    const db = await openDatabase(databaseUrl);
    try {
      const repos = createRepositories(db);
      const practice = await repos.practices.getOrCreateDefault();
      await repos.workspaces.getOrLink("slack", "T0CLINIC", { practiceId: practice.id });
      await repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: "U0ANA",
        displayName: "Ana Lopez",
        workspaceExternalId: "T0CLINIC",
      });
    } finally {
      await db.close();
    }
  }

  async function auditRows(): Promise<
    { action: string; actor: string; oldValue: string | null; newValue: string | null }[]
  > {
    const db = await openDatabase(databaseUrl);
    try {
      return await db.prisma.auditEvent.findMany({
        where: { action: "member.role" },
        select: { action: true, actor: true, oldValue: true, newValue: true },
      });
    } finally {
      await db.close();
    }
  }

  it(
    "lists members, makes one a manager (audited), and says so when nothing changes",
    async () => {
      expect((await referralNudge("members", "list")).stdout).toContain(
        "Nobody from My Practice has talked to the bot yet.",
      );
      await seedMember();

      const listed = await referralNudge("members", "list");
      expect(listed.stdout).toContain("Ana Lopez · slack U0ANA · coordinator");
      expect(listed.stdout).toContain("1 member(s) in My Practice, 0 manager(s).");

      const made = await referralNudge("members", "role", "U0ANA", "manager");
      expect(made).toMatchObject({ code: 0 });
      expect(made.stdout).toContain("Ana Lopez (slack U0ANA) is now a manager, was coordinator.");
      expect((await referralNudge("members", "list")).stdout).toContain("Ana Lopez · slack U0ANA · manager");

      const again = await referralNudge("members", "role", "U0ANA", "manager");
      expect(again.stdout).toContain("Ana Lopez is a manager already; nothing changed.");
      expect(await auditRows()).toEqual([
        { action: "member.role", actor: "cli:operator", oldValue: "coordinator", newValue: "manager" },
      ]);
    },
    SLOW,
  );

  it(
    "adds someone who has not talked to the bot yet, in the practice's only workspace",
    async () => {
      const made = await referralNudge("members", "role", "U0MO", "manager", "--platform", "slack");
      expect(made.code).toBe(0);
      expect((await referralNudge("members", "list")).stdout).toContain("U0MO · slack U0MO · manager");
    },
    SLOW,
  );

  it(
    "refuses an unknown role, an unknown practice or a platform without a workspace, and says what to type",
    async () => {
      const role = await referralNudge("members", "role", "U0ANA", "boss");
      expect(role.code).toBe(1);
      expect(role.stderr).toMatch(
        /physician, liaison, coordinator, manager[\s\S]*Example: referral-nudge members role/,
      );

      const practice = await referralNudge("members", "list", "--practice", "Nope");
      expect(practice.code).toBe(1);
      expect(practice.stderr).toContain('No practice called "Nope"');

      const teams = await referralNudge("members", "role", "aad-nobody", "manager", "--platform", "teams");
      expect(teams.code).toBe(1);
      expect(teams.stderr).toContain("Nobody with chat user id aad-nobody has talked to the bot in My Practice yet");
    },
    SLOW,
  );
});
