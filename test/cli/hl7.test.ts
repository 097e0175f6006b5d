// `referral-nudge hl7`, run as the operator runs it: a real process over a real database. A linked
// facility is kept with its source system, listed, refused to a second practice, unlinked; all audited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase } from "../../src/db/database.ts";
import { type ScratchCli, SLOW_CLI_TEST_MS, scratchCli } from "../support/cli-process.ts";

describe("referral-nudge hl7", () => {
  let cli: ScratchCli;
  const referralNudge = (...args: string[]) => cli.referralNudge(...args);

  beforeAll(() => {
    cli = scratchCli("hl7");
  });
  afterAll(() => cli.remove());

  it(
    "links a sending facility to a practice, lists it, refuses it to another practice and unlinks it (audited)",
    async () => {
      const linked = await referralNudge("hl7", "link", "--facility", "riverside-fh");
      expect(linked.code).toBe(0);
      expect(linked.stdout).toContain("Linked: RIVERSIDE-FH · source hl7-riverside-fh");
      const again = await referralNudge("hl7", "link", "--facility", "RIVERSIDE-FH");
      expect(again.stdout).toContain("Already linked");

      const db = await openDatabase(cli.databaseUrl);
      try {
        await db.prisma.practice.create({ data: { name: "Lakeside Ortho" } });
      } finally {
        await db.close();
      }
      const taken = await referralNudge("hl7", "link", "--practice", "Lakeside Ortho", "--facility", "RIVERSIDE-FH");
      expect(taken.code).toBe(1);
      expect(taken.stderr).toContain("linked to");
      const other = await referralNudge(
        "hl7",
        "link",
        "--practice",
        "Lakeside Ortho",
        "--facility",
        "LAKESIDE",
        "--source",
        "athena",
      );
      expect(other.code).toBe(0);

      const listed = await referralNudge("hl7", "list", "--practice", "Lakeside Ortho");
      expect(listed.stdout).toContain("LAKESIDE · source athena");
      expect(listed.stdout).not.toContain("RIVERSIDE-FH");

      const unlinked = await referralNudge("hl7", "unlink", "--practice", "Lakeside Ortho", "--facility", "lakeside");
      expect(unlinked.code).toBe(0);
      expect(unlinked.stdout).toContain("Unlinked: LAKESIDE");
      const missing = await referralNudge("hl7", "unlink", "--practice", "Lakeside Ortho", "--facility", "LAKESIDE");
      expect(missing.code).toBe(1);
      expect(missing.stderr).toContain("hl7 list");
      const bad = await referralNudge("hl7", "link", "--facility", "|^~");
      expect(bad.code).toBe(1);

      const check = await openDatabase(cli.databaseUrl);
      try {
        const rows = await check.prisma.hl7Facility.findMany();
        expect(rows.map((r) => [r.facility, r.sourceSystem])).toEqual([["RIVERSIDE-FH", "hl7-riverside-fh"]]);
        const actions = (await check.prisma.auditEvent.findMany()).map((a) => a.action).sort();
        expect(actions).toEqual(["hl7_facility.link", "hl7_facility.link", "hl7_facility.unlink"]);
      } finally {
        await check.close();
      }
    },
    SLOW_CLI_TEST_MS * 3,
  );
});
