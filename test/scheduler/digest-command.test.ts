// `referral-nudge digest`: prints a readable digest with --dry-run, sends once however often it is run,
// sends again with --force, and answers bad arguments in plain words.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type DigestCommandDeps, digestCommand } from "../../src/cli/commands/digest.ts";
import type { ChatDelivery, Repositories } from "../../src/core/ports.ts";
import type { Database } from "../../src/db/database.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { digestToText } from "../../src/scheduler/console-delivery.ts";
import {
  busyPractice,
  createRepositories,
  DeliveryLog,
  instantRetry,
  notePostgresSkipped,
  POSTGRES_TEST_URL,
  recordingDelivery,
  type ScratchDatabase,
  scratchDatabase,
  seedPractice,
  type TestProvider,
} from "../support/scheduler-fixtures.ts";

notePostgresSkipped("digest command");

// Monday 2026-03-09, 08:00 in New York.
const now = new Date("2026-03-09T12:00:00Z");

const providers: Array<{ provider: TestProvider; skip: boolean }> = [
  { provider: "sqlite", skip: false },
  { provider: "postgresql", skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`referral-nudge digest on ${provider}`, () => {
    let scratch: ScratchDatabase;
    let db: Database;
    let repos: Repositories;

    beforeAll(async () => {
      scratch = await scratchDatabase(provider);
      db = await scratch.connect();
      repos = createRepositories(db);
    }, 60_000);

    afterAll(async () => {
      await scratch?.drop();
    });

    function deps(deliveries: ChatDelivery[], printed: string[]): DigestCommandDeps {
      return {
        repos,
        db,
        deliveries,
        logger: silentLogger(),
        now: () => now,
        instanceId: "cli-test",
        out: (text) => printed.push(text),
        retry: instantRetry(),
      };
    }

    it("with --dry-run prints the digest as readable text and sends nothing", async () => {
      const practice = await seedPractice(repos, busyPractice(now, { name: "Lakeside Orthopedics" }));
      const log = new DeliveryLog();
      const printed: string[] = [];
      const result = await digestCommand(
        { practiceName: practice.name, dryRun: true },
        deps([recordingDelivery({ log })], printed),
      );
      const text = printed.join("");
      expect(result.exitCode).toBe(0);
      expect(text).toContain("Referral digest · Monday 9 March\n================================");
      expect(text).toMatch(/\d+ new referrals\n• Dr\. Ana Lee: \d+ \(knee pain; shoulder/);
      expect(text).toContain("Today's nudges");
      // Chat markup and buttons stay out of a terminal.
      expect(text).not.toMatch(/\*[^*\n]+\*/);
      expect(text).not.toContain("Snooze a week");
      expect(text).toContain("(Dry run: nothing was sent or recorded. It would go to: slack:C-DIGEST.)");
      expect(log.calls).toHaveLength(0);
    });

    it("sends once when run twice for the same day, and says so plainly the second time", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const printed: string[] = [];
      const run = () => digestCommand({ practiceName: practice.name }, deps([recordingDelivery({ log })], printed));

      const first = await run();
      expect(first).toMatchObject({ exitCode: 0 });
      expect(first.message).toBe(`Sent ${practice.name}'s digest for 2026-03-09 to slack:C-DIGEST.`);

      const second = await run();
      expect(second.exitCode).toBe(0);
      expect(second.message).toBe(
        `${practice.name}'s digest for 2026-03-09 was already sent at 2026-03-09 08:00 (America/New_York); ` +
          "nothing was sent again. Use --force to send it again.",
      );
      expect(log.count({ practiceId: practice.id })).toBe(1);
    });

    it("with --force sends again on purpose", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const printed: string[] = [];
      const d = deps([recordingDelivery({ log })], printed);
      await digestCommand({ practiceName: practice.name }, d);
      const forced = await digestCommand({ practiceName: practice.name, force: true }, d);
      expect(forced.message).toMatch(/^Sent /);
      expect(log.count({ practiceId: practice.id })).toBe(2);
    });

    it("sends the digest of an earlier date given with --date", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const result = await digestCommand(
        { practiceName: practice.name, date: "2026-03-06" },
        deps([recordingDelivery({ log })], []),
      );
      expect(result.exitCode).toBe(0);
      expect(log.sent.map((s) => s.localDate)).toEqual(["2026-03-06"]);
    });

    it("retries at once only the targets that failed when run again after a partial send", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const targets = () => [
        { platform: "slack" as const, key: "slack:C1", address: "C1" },
        { platform: "slack" as const, key: "slack:C2", address: "C2" },
      ];
      const failing = await digestCommand(
        { practiceName: practice.name },
        deps([recordingDelivery({ log, targets, alwaysFail: ["slack:C2"] })], []),
      );
      expect(failing.exitCode).toBe(1);
      expect(failing.message).toContain("but not to slack:C2 (slack:C2 is unreachable)");
      const again = await digestCommand(
        { practiceName: practice.name },
        deps([recordingDelivery({ log, targets })], []),
      );
      expect(again.message).toBe(
        `Sent ${practice.name}'s digest for 2026-03-09 to slack:C2 (already delivered earlier to slack:C1).`,
      );
      expect(log.count({ key: "slack:C1" })).toBe(1);
      expect(log.count({ key: "slack:C2" })).toBe(1);
    });

    it("prints the digest on the terminal when no chat platform is configured", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const printed: string[] = [];
      const result = await digestCommand({ practiceName: practice.name }, deps([], printed));
      expect(result.message).toBe(`Sent ${practice.name}'s digest for 2026-03-09 to console.`);
      expect(printed.join("")).toContain("Referral digest · Monday 9 March");
    });

    it("answers a date that is not a calendar date in plain words", async () => {
      const printed: string[] = [];
      const result = await digestCommand({ date: "2026-02-30" }, deps([], printed));
      expect(result).toMatchObject({
        exitCode: 2,
        message: '--date must be a calendar date like 2026-03-09, got "2026-02-30"',
      });
      expect((await digestCommand({ date: "tomorrow" }, deps([], printed))).message).toMatch(/calendar date/);
    });

    it("refuses a date after today in the practice's zone", async () => {
      const practice = await seedPractice(repos);
      const result = await digestCommand({ practiceName: practice.name, date: "2026-03-10" }, deps([], []));
      expect(result).toMatchObject({ exitCode: 2 });
      expect(result.message).toBe(
        `--date 2026-03-10 is in the future for ${practice.name} (today there is 2026-03-09).`,
      );
    });

    it("names the practices there are when --practice matches none", async () => {
      const practice = await seedPractice(repos, { name: "Harbor Spine" });
      const result = await digestCommand({ practiceName: "Harbour Spine" }, deps([], []));
      expect(result.exitCode).toBe(2);
      expect(result.message).toContain('No practice is named "Harbour Spine". Practices: ');
      expect(result.message).toContain(`"${practice.name}"`);
    });

    it("refuses --dry-run together with --force", async () => {
      const result = await digestCommand({ dryRun: true, force: true }, deps([], []));
      expect(result).toMatchObject({ exitCode: 2, message: "--dry-run and --force cannot be used together" });
    });
  });
}

describe("the digest as plain text", () => {
  it("underlines the headline, drops bold marks and buttons, and keeps small print", () => {
    const text = digestToText({
      ephemeral: false,
      tone: "info",
      headline: "Referral digest · Monday 9 March",
      sections: [
        { text: "*3 new referrals*\n• Dr. Lee: 2 (knee pain)" },
        {
          text: "*Thank Dr. Lee* · you personally\n2 referrals since your last thank-you",
          buttons: [{ label: "Mark thanked", actionId: "nudge.done", value: "{}" }],
        },
        { fields: [{ label: "Open", value: "*2*" }], context: "This week: 4 touches logged" },
      ],
    });
    expect(text).toBe(
      [
        "Referral digest · Monday 9 March",
        "================================",
        "",
        "3 new referrals",
        "• Dr. Lee: 2 (knee pain)",
        "",
        "Thank Dr. Lee · you personally",
        "2 referrals since your last thank-you",
        "",
        "Open: 2",
        "This week: 4 touches logged",
        "",
      ].join("\n"),
    );
  });
});
