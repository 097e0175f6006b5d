// Roles on Teams, signed in as in production (Bot Framework tokens checked), on the real core and
// database: the member who installed the app is an admin, anyone else is refused every admin
// command politely, nothing changes, and each attempt leaves an audit row.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { isLoopbackServiceUrl } from "../../../src/adapters/teams/service-url.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { messageActivity, personalChat, type TeamsUser, teamsActivity } from "../../support/teams-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";
import { type FakeOpenId, startFakeOpenId } from "./support/fake-openid.ts";
import { fakeOutboundToken } from "./support/fake-outbound-credentials.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const APP_ID = "00000000-0000-0000-0000-00000000abcd";
const TENANT = "tenant-roles";
const INSTALLER: TeamsUser = { id: "29:user-ina", aadObjectId: "aad-ina", name: "Ina Park" };
const OTHER: TeamsUser = { id: "29:user-omar", aadObjectId: "aad-omar", name: "Omar Haddad" };

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`Teams roles on ${provider}`, () => {
    let openId: FakeOpenId;
    let app: TestApp;
    let h: TeamsHarness;
    let practice: Practice;

    beforeAll(async () => {
      openId = await startFakeOpenId();
    });
    afterAll(async () => {
      await openId.close();
    });
    beforeEach(async () => {
      app = await createTestApp({ provider });
      h = await startTeamsHarness({
        core: app.core,
        repos: app.repos,
        env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "not-a-real-secret" },
        endpoints: {
          openIdMetadataUrl: openId.metadataUrl,
          acceptServiceUrl: isLoopbackServiceUrl,
          outboundToken: fakeOutboundToken,
        },
      });
      // Ina installs the app for the tenant; Teams tells the bot who did.
      const installed = await post(teamsActivity("installationUpdate", from(INSTALLER, { action: "add" })));
      expect(installed.status).toBe(200);
      const link = await app.repos.workspaces.find("teams", TENANT);
      practice = (await app.repos.practices.findById(link!.practiceId))!;
      const seed: Actor = { practiceId: practice.id, memberId: null, name: "seed", channel: "cli", role: null };
      await app.repos.referrers.create(practice.id, { displayName: "Dr. Jane Lee", lastName: "Lee" }, seed);
    }, 60_000);
    afterEach(async () => {
      h.assertAllCardsValid();
      await h.close();
      await app.close();
    });

    function from(user: TeamsUser, extra: Record<string, unknown> = {}) {
      return { ...h.base, from: user, conversation: personalChat(user.id, TENANT), extra };
    }

    function post(activity: Record<string, unknown>) {
      const token = openId.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl });
      return h.post(activity, { authorization: `Bearer ${token}` });
    }

    /** Sends a message as this user and returns the text of the card the bot answered with. */
    async function say(user: TeamsUser, text: string): Promise<string> {
      const before = h.connector.calls.length;
      const result = await post(messageActivity(text, from(user)));
      expect(result.status, text).toBe(200);
      const answers = h.connector.calls.slice(before);
      expect(answers.length, `an answer to "${text}"`).toBeGreaterThan(0);
      return answers.map((c) => cardText(cardOf(c.activity))).join("\n");
    }

    async function auditActions(): Promise<string[]> {
      const rows = await app.db.prisma.auditEvent.findMany({
        where: { practiceId: practice.id },
        orderBy: { createdAt: "asc" },
      });
      return rows.map((r) => r.action);
    }

    it("records the member who installed the app, once, and keeps the first installer", async () => {
      expect(await app.repos.workspaces.installerOf("teams", TENANT)).toBe("aad-ina");
      // Omar adds the bot to his own chat later: that does not make him the installer.
      await post(teamsActivity("installationUpdate", from(OTHER, { action: "add" })));
      expect(await app.repos.workspaces.installerOf("teams", TENANT)).toBe("aad-ina");
      expect((await auditActions()).filter((a) => a === "workspace.installer")).toHaveLength(1);
    });

    it("lets the installer give a role to a member named in a Teams mention", async () => {
      await say(OTHER, "help");
      const mention = {
        entities: [{ type: "mention", text: "<at>Omar Haddad</at>", mentioned: { id: OTHER.id, name: OTHER.name } }],
      };
      const before = h.connector.calls.length;
      const result = await post(
        messageActivity("referrals role <at>Omar Haddad</at> physician", { ...from(INSTALLER), extra: mention }),
      );
      expect(result.status).toBe(200);
      const answer = h.connector.calls.slice(before).map((c) => cardText(cardOf(c.activity)));
      expect(answer.join("\n")).toContain("Omar Haddad is now a physician");
      const omar = await app.db.prisma.member.findFirstOrThrow({ where: { displayName: "Omar Haddad" } });
      expect(omar.role).toBe("physician");
    });

    it("shows the installer the team card for “team”, and refuses another member politely", async () => {
      const refused = await say(OTHER, "team");
      expect(refused).toContain("Sorry, only practice admins can see the team's figures.");
      expect(refused).not.toContain("touch");
      expect(await auditActions()).toContain("denied.team");

      const shown = await say(INSTALLER, "referrals team");
      expect(shown).toContain("The team");
      expect(shown).toContain("Ina Park");
      expect(shown).toContain("Omar Haddad");
      expect(shown).toContain("0 touches · 0 nudges done, 0 snoozed, 0 dismissed · passed over 0");
      expect(shown).toContain("Going quiet");
    });

    it("lets the installer change a setting", async () => {
      const answer = await say(INSTALLER, "settings time 09:15");

      expect(answer).toContain("✓ Settings saved");
      expect((await app.repos.practices.findById(practice.id))?.digestTime).toBe("09:15");
      expect(await auditActions()).toContain("practice.settings");
    });

    it("refuses another member's settings, role, digest here, digest now and archive, changes nothing and audits each", async () => {
      const timeBefore = (await app.repos.practices.findById(practice.id))?.digestTime;
      const attempts: Array<[string, string]> = [
        ["settings time 06:00", "denied.settings"],
        ["referrals role <at>Ina Park</at> physician", "denied.role"],
        ["digest here", "denied.digest_here"],
        ["digest now", "denied.digest_now"],
        ["referrer archive Dr. Jane Lee", "denied.archive"],
      ];
      for (const [text, action] of attempts) {
        const answer = await say(OTHER, text);
        expect(answer, text).toContain("Sorry, only practice admins can");
        expect(answer, text).toContain("nothing was changed");
        // The installer has not talked to the bot, so she is named by what she did.
        expect(answer, text).toContain("whoever installed the app in Teams");
        expect(await auditActions(), text).toContain(action);
      }

      expect((await app.repos.practices.findById(practice.id))?.digestTime).toBe(timeBefore);
      expect((await app.repos.workspaces.find("teams", TENANT))?.digestConversation).toBeNull();
      const [lee] = await app.repos.referrers.listForPractice(practice.id, { includeArchived: true });
      expect(lee?.status).toBe("active");
      expect((await app.repos.members.listForPractice(practice.id)).map((m) => [m.displayName, m.role])).toEqual([
        ["Omar Haddad", "coordinator"],
      ]);
      expect(await app.db.prisma.digestRun.count()).toBe(0);
    });

    it("names the installer in a refusal once she has talked to the bot", async () => {
      await say(INSTALLER, "help");
      const answer = await say(OTHER, "settings time 06:00");
      expect(answer).toContain("Ask Ina Park (installed the app).");
    });

    it("lets the installer archive a referrer and restore them", async () => {
      expect(await say(INSTALLER, "referrer archive Dr. Jane Lee")).toContain("✓ Dr. Jane Lee archived");
      const [lee] = await app.repos.referrers.listForPractice(practice.id, { includeArchived: true });
      expect(lee?.status).toBe("archived");
      expect(await say(INSTALLER, "referrer restore Dr. Jane Lee")).toContain("✓ Dr. Jane Lee restored");
      expect((await app.repos.referrers.listForPractice(practice.id))[0]?.status).toBe("active");
      expect(await auditActions()).toEqual(expect.arrayContaining(["referrer.archive", "referrer.restore"]));
    });
  });
}
