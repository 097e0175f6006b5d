// The Monday summary to each manager, sent through the real Slack delivery to a fake Slack: once per
// week and manager, however many instances or runs of the day try, and only on the week's first digest day.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor, Member, Practice } from "../../src/core/model.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { sendWeeklySummaries, type WeeklySummaryDeps } from "../../src/scheduler/send-weekly-summaries.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "../adapters/slack/support/harness.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

const MONDAY = new Date("2026-12-07T12:30:00Z");
const TUESDAY = new Date("2026-12-08T12:30:00Z");
const MO = { id: "U0MO", name: "mo", realName: "Mo Manager" };

for (const provider of ["sqlite", "postgresql"] as const) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`the weekly team summary on ${provider}`, () => {
    let app: TestApp;
    let h: SlackHarness;
    let practice: Practice;
    let mo: Member;
    let deps: WeeklySummaryDeps;

    beforeAll(async () => {
      app = await createTestApp({ provider, now: MONDAY });
      h = await startSlackHarness({ core: app.core, repos: app.repos });
      h.fake.addUser(MO);
      const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
      practice = (await app.repos.practices.findById(link.practiceId))!;
      const member = (externalUserId: string, displayName: string) =>
        app.repos.members.upsert({
          practiceId: practice.id,
          platform: "slack",
          externalUserId,
          displayName,
          workspaceExternalId: TEAM.teamId,
        });
      mo = await app.repos.members.setRole((await member(MO.id, MO.realName)).id, "manager");
      const ana = await app.repos.members.setRole((await member("U0ANA", "Ana Lopez")).id, "liaison");
      const asAna: Actor = {
        practiceId: practice.id,
        memberId: ana.id,
        name: "Ana Lopez",
        channel: "slack",
        role: "liaison",
      };
      const lee = await app.repos.referrers.create(
        practice.id,
        { displayName: "Dr. Jane Lee", lastName: "Lee" },
        asAna,
      );
      await app.repos.referrers.setOwner(asAna, lee.id, ana.id);
      await app.repos.touches.log(asAna, {
        referrerId: lee.id,
        kind: "thank_you",
        occurredAt: new Date(MONDAY.getTime() - 3 * 86_400_000),
        idempotencyKey: "weekly-thanks",
        answers: { closesNudges: [], closesLoops: false },
      });
      deps = {
        repos: app.repos,
        team: app.team,
        runs: app.teamSummaryRuns,
        deliveries: [h.adapter.delivery],
        logger: silentLogger(),
      };
    }, 60_000);
    afterAll(async () => {
      await h?.close();
      await app?.close();
    });
    beforeEach(() => h.fake.reset());

    it("sends each manager the team's figures in their own chat on Monday morning", async () => {
      const result = await sendWeeklySummaries(deps, practice, MONDAY, "instance-a");
      expect(result).toEqual({ week: "2026-W50", delivered: [mo.id], failed: [] });
      const [post] = await h.fake.waitForCalls("chat.postMessage");
      expect(h.fake.callsTo("conversations.open")[0]?.body["users"]).toBe(MO.id);
      const text = JSON.stringify(post?.body["blocks"]);
      expect(text).toContain("the team's work · week of 7 December");
      expect(text).toContain("*Ana Lopez* · liaison");
      expect(text).toContain("1 touch (1 thank-you)");
      expect(text).toContain("Looks after 1 referrer: Dr. Jane Lee 0 → (0 last month)");
    });

    it("sends it once a week, whichever instance or run of the day tries again", async () => {
      const again = await sendWeeklySummaries(deps, practice, new Date(MONDAY.getTime() + 60_000), "instance-b");
      expect(again).toEqual({ week: "2026-W50", delivered: [], failed: [] });
      expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
      expect(await app.db.prisma.teamSummaryRun.count()).toBe(1);
    });

    it("waits for the week's first digest day", async () => {
      expect(await sendWeeklySummaries(deps, practice, TUESDAY, "instance-a")).toBeNull();
      expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
    });
  });
}
