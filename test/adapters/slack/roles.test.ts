// Roles on Slack, over signed requests into the running adapter with the real core and database:
// Slack's own workspace owners and admins (users.info) are practice admins; anyone else is refused
// every admin command politely, nothing changes, and each attempt leaves an audit row.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { findViewViolations } from "../../../src/adapters/slack/render/block-kit-limits.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import type { RecordedCall } from "../../support/fake-slack-api.ts";
import { appHomeOpenedEvent } from "../../support/slack-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

/** Everything a response_url post shows: its text and the text of its blocks. */
function shown(call: RecordedCall | undefined): string {
  return `${String(call?.body["text"] ?? "")}\n${JSON.stringify(call?.body["blocks"] ?? [])}`;
}

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`Slack roles on ${provider}`, () => {
    let app: TestApp;
    let h: SlackHarness;
    let practice: Practice;

    beforeAll(async () => {
      app = await createTestApp({ provider });
      h = await startSlackHarness({ core: app.core, repos: app.repos });
      h.fake.addUser({ id: "U0NOBODY", name: "nora", realName: "Nora Quinn" });
      h.fake.addUser({ id: "U0ADMIN", name: "sam", realName: "Sam Admin", isAdmin: true });
      h.fake.addUser({ id: "U0OWNER", name: "olga", realName: "Olga Owner", isPrimaryOwner: true });
      h.fake.addUser({ id: "U0MANAGER", name: "mo", realName: "Mo Manager" });
      const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
      await app.repos.workspaces.setDigestConversation(link.id, "C0DIGEST");
      practice = (await app.repos.practices.findById(link.practiceId))!;
      const seed: Actor = { practiceId: practice.id, memberId: null, name: "seed", channel: "cli", role: null };
      await app.repos.referrers.create(practice.id, { displayName: "Dr. Jane Lee", lastName: "Lee" }, seed);
      const mo = await app.repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: "U0MANAGER",
        displayName: "Mo Manager",
        workspaceExternalId: TEAM.teamId,
      });
      await app.repos.members.setRole(mo.id, "manager");
    }, 60_000);
    afterAll(async () => {
      await h?.close();
      await app?.close();
    });
    beforeEach(() => h.fake.reset());

    async function command(userId: string, command: string, text: string): Promise<string> {
      const before = h.fake.callsTo("response_url").length;
      const result = await h.command({ command, text, userId, userName: userId.toLowerCase() });
      expect(result.status).toBe(200);
      const answers = await h.fake.waitForCalls("response_url", before + 1);
      return shown(answers.at(-1));
    }

    async function auditActions(): Promise<string[]> {
      const rows = await app.db.prisma.auditEvent.findMany({ where: { practiceId: practice.id } });
      return rows.map((r) => r.action);
    }

    it("refuses a non-admin's settings, role, digest here, digest now and archive, changes nothing and audits each", async () => {
      const before = await app.repos.practices.findById(practice.id);
      const attempts: Array<[string, string, string]> = [
        ["/referrals", "settings time 06:00", "denied.settings"],
        ["/referrals", "role <@U0NOBODY|nora> manager", "denied.role"],
        ["/referrals", "digest here", "denied.digest_here"],
        ["/referrals", "digest now", "denied.digest_now"],
        ["/referrer", "archive Dr. Jane Lee", "denied.archive"],
      ];
      for (const [verb, text, action] of attempts) {
        const answer = await command("U0NOBODY", verb, text);
        expect(answer, text).toContain("Sorry, only practice admins can");
        expect(answer, text).toContain("nothing was changed");
        expect(answer, text).toContain("Ask Mo Manager (manager) or a Slack workspace owner or admin.");
        expect(await auditActions(), text).toContain(action);
      }

      const after = await app.repos.practices.findById(practice.id);
      expect(after?.digestTime).toBe(before?.digestTime);
      expect((await app.repos.workspaces.find("slack", TEAM.teamId))?.digestConversation).toBe("C0DIGEST");
      const nora = (await app.repos.members.listForPractice(practice.id)).find((m) => m.externalUserId === "U0NOBODY");
      expect(nora?.role).toBe("coordinator");
      const [lee] = await app.repos.referrers.listForPractice(practice.id, { includeArchived: true });
      expect(lee?.status).toBe("active");
      expect(await app.db.prisma.digestRun.count()).toBe(0);
      expect(h.fake.callsTo("chat.postMessage")).toEqual([]);
    });

    it("shows a non-admin the settings without the form that changes them", async () => {
      const answer = await command("U0NOBODY", "/referrals", "settings");
      expect(answer).toContain("Only practice admins can change these.");
      expect(h.fake.callsTo("views.open")).toEqual([]);
    });

    it("lets a Slack workspace admin change a setting, which users.info alone makes them", async () => {
      const answer = await command("U0ADMIN", "/referrals", "settings time 09:15");

      expect(answer).toContain("✓ Settings saved");
      expect((await app.repos.practices.findById(practice.id))?.digestTime).toBe("09:15");
      const sam = (await app.repos.members.listForPractice(practice.id)).find((m) => m.externalUserId === "U0ADMIN");
      // Not a manager in the practice: the admin rights come from Slack.
      expect(sam?.role).toBe("coordinator");
      expect(await auditActions()).toContain("practice.settings");
    });

    it("lets the workspace's primary owner archive a referrer and restore them", async () => {
      expect(await command("U0OWNER", "/referrer", "archive Dr. Jane Lee")).toContain("✓ Dr. Jane Lee archived");
      const [lee] = await app.repos.referrers.listForPractice(practice.id, { includeArchived: true });
      expect(lee?.status).toBe("archived");
      expect(await command("U0OWNER", "/referrer", "archive Dr. Jane Lee")).toContain("archived already");
      expect(await command("U0OWNER", "/referrer", "restore Dr. Jane Lee")).toContain("✓ Dr. Jane Lee restored");
      const actions = await auditActions();
      expect(actions.filter((a) => a === "referrer.archive")).toHaveLength(1);
      expect(actions).toContain("referrer.restore");
    });

    it("shows a manager the team's figures with /referrals team, and refuses anyone else politely", async () => {
      const members = await app.repos.members.listForPractice(practice.id);
      const mo = members.find((m) => m.externalUserId === "U0MANAGER")!;
      const [lee] = await app.repos.referrers.listForPractice(practice.id);
      const asMo: Actor = {
        practiceId: practice.id,
        memberId: mo.id,
        name: "Mo Manager",
        channel: "slack",
        role: "manager",
      };
      await app.repos.referrers.setOwner(asMo, lee!.id, mo.id);
      await app.repos.touches.log(asMo, {
        referrerId: lee!.id,
        kind: "call",
        occurredAt: app.clock.now(),
        idempotencyKey: "team-view-call",
        answers: { closesNudges: [], closesLoops: true },
      });

      const refused = await command("U0NOBODY", "/referrals", "team");
      expect(refused).toContain("Sorry, only practice admins can see the team's figures.");
      expect(refused).not.toContain("nothing was changed");
      expect(refused).not.toContain("touch");
      expect(await auditActions()).toContain("denied.team");

      const shownToMo = await command("U0MANAGER", "/referrals", "team");
      expect(shownToMo).toContain("The team");
      expect(shownToMo).toContain("*Mo Manager* · manager");
      expect(shownToMo).toContain("1 touch (1 call) · 0 nudges done, 0 snoozed, 0 dismissed · passed over 0");
      expect(shownToMo).toContain("Looks after 1 referrer: Dr. Jane Lee 0 → (0 last month)");
      // The manager's week drawn as a chart, its words with it (the image's alt text, or in its place).
      expect(shownToMo).toMatch(/Week of \d{4}-\d{2}-\d{2}: /);
    });

    it("shows the team in a manager's App Home, and not in anyone else's", async () => {
      const homeOf = async (userId: string, eventId: string) => {
        h.fake.reset();
        const res = await h.event(appHomeOpenedEvent({ ...TEAM, userId, channelId: `D${userId}`, eventId }));
        expect(res.status).toBe(200);
        const [publish] = await h.fake.waitForCalls("views.publish");
        return publish?.body["view"] as { blocks: unknown[] };
      };
      const managers = await homeOf("U0MANAGER", "EvTeam1");
      expect(JSON.stringify(managers.blocks)).toContain("The team ·");
      expect(JSON.stringify(managers.blocks)).toContain("*Mo Manager* · manager");
      expect(managers.blocks.length).toBeLessThanOrEqual(100);
      expect(findViewViolations(managers as Parameters<typeof findViewViolations>[0])).toEqual([]);
      const someoneElses = await homeOf("U0NOBODY", "EvTeam2");
      expect(JSON.stringify(someoneElses.blocks)).not.toContain("The team");
    });

    it("lets a manager give someone a role", async () => {
      const answer = await command("U0MANAGER", "/referrals", "role <@U0NOBODY|nora> physician");
      expect(answer).toContain("is now a physician");
      const nora = (await app.repos.members.listForPractice(practice.id)).find((m) => m.externalUserId === "U0NOBODY");
      expect(nora?.role).toBe("physician");
      expect(await auditActions()).toContain("member.role");
    });
  });
}
