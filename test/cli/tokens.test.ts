// `referral-nudge tokens`, run as the operator runs it: a real process over a real database. The token
// is printed once; the database holds only its hash; a revoked token no longer opens the door.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { hashApiToken } from "../../src/core/intake/api-token.ts";
import { openDatabase } from "../../src/db/database.ts";
import { type ScratchCli, SLOW_CLI_TEST_MS, scratchCli } from "../support/cli-process.ts";

const SLOW = SLOW_CLI_TEST_MS;

describe("referral-nudge tokens", () => {
  let cli: ScratchCli;
  let databaseUrl: string;
  const referralNudge = (...args: string[]) => cli.referralNudge(...args);

  beforeAll(() => {
    cli = scratchCli("tokens");
    databaseUrl = cli.databaseUrl;
  });
  afterAll(() => cli.remove());

  it(
    "prints a new token once, keeps only its hash, lists it by its last four characters and revokes it (audited)",
    async () => {
      const made = await referralNudge("tokens", "create", "--label", "EHR feed", "--source", "epic");
      expect(made.code).toBe(0);
      const token = made.stdout.trim();
      expect(token).toMatch(/^rn_[A-Za-z0-9_-]{40,}$/);
      expect(made.stderr).toContain("not shown again");

      const listed = await referralNudge("tokens", "list");
      expect(listed.stdout).toContain(`…${token.slice(-4)} · EHR feed · source epic`);
      expect(listed.stdout).not.toContain(token);

      const db = await openDatabase(databaseUrl);
      try {
        const rows = await db.prisma.apiToken.findMany();
        expect(rows.map((r) => [r.tokenHash, r.hint, r.revokedAt])).toEqual([
          [hashApiToken(token), token.slice(-4), null],
        ]);
        expect(JSON.stringify(rows)).not.toContain(token);

        const rate = await referralNudge("tokens", "rate", "120");
        expect(rate.code).toBe(0);
        expect((await db.prisma.practice.findFirstOrThrow()).apiRequestsPerMinute).toBe(120);

        const revoked = await referralNudge("tokens", "revoke", token.slice(-4));
        expect(revoked.stdout).toContain("Revoked");
        expect((await db.prisma.apiToken.findFirstOrThrow()).revokedAt).not.toBeNull();
        const actions = (await db.prisma.auditEvent.findMany()).map((a) => a.action).sort();
        expect(actions).toEqual(["api_token.create", "api_token.revoke", "settings.update"]);
      } finally {
        await db.close();
      }

      const unknown = await referralNudge("tokens", "revoke", "zzzz");
      expect(unknown.code).toBe(1);
      expect(unknown.stderr).toContain("tokens list");
      const noLabel = await referralNudge("tokens", "create");
      expect(noLabel.code).toBe(1);
      expect(noLabel.stderr).toContain("--label");
    },
    SLOW,
  );
});
