// The app removed from a Slack workspace, as Slack tells it (a signed `app_uninstalled` or
// `tokens_revoked` event to /slack/events), over the real core and a real database: the installation and
// the digest targets are gone, the practice's data stays, an audit row says so, and the next digest is
// not even attempted there. Slack's retry of the event changes nothing twice.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { silentLogger } from "../../../src/logging/logger.ts";
import { sendDigest } from "../../../src/scheduler/send-digest.ts";
import type { Json } from "../../support/fake-slack-api.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";
import { type SlackHarness, startSlackHarness } from "./support/harness.ts";

const NOW = new Date("2026-11-23T14:00:00Z");
const OAUTH = {
  SLACK_BOT_TOKEN: "",
  SLACK_CLIENT_ID: "111.222",
  SLACK_CLIENT_SECRET: "client-secret",
  SLACK_STATE_SECRET: "state-secret",
};

function removedEvent(teamId: string, event: Json, eventId: string): Json {
  return {
    token: "verification-token-unused",
    team_id: teamId,
    api_app_id: "A0FAKE",
    event: { ...event, event_ts: "1700000000.000100" },
    type: "event_callback",
    event_id: eventId,
    event_time: 1_700_000_000,
  };
}

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`the app removed from a Slack workspace, on ${provider}`, () => {
    let app: TestApp;
    let h: SlackHarness;

    beforeAll(async () => {
      app = await createTestApp({ provider, now: NOW });
      h = await startSlackHarness({ core: app.core, repos: app.repos, env: OAUTH });
    });
    afterAll(async () => {
      await h?.close();
      await app?.close();
    });

    /** An installed workspace with a digest channel, a physician and a referrer with a referral. */
    async function installedWorkspace(teamId: string): Promise<Practice> {
      const installation = { team: { id: teamId, name: teamId }, bot: { token: `xoxb-${teamId}`, userId: "UBOT" } };
      const link = await app.repos.workspaces.saveInstallation("slack", teamId, JSON.stringify(installation), teamId);
      await app.repos.workspaces.setDigestConversation(link.id, `C-${teamId}`);
      const physician = await app.repos.members.upsert({
        practiceId: link.practiceId,
        platform: "slack",
        externalUserId: `U-${teamId}`,
        displayName: "Dr. Maya Chen",
        workspaceExternalId: teamId,
      });
      await app.repos.members.setRole(physician.id, "physician");
      const setup: Actor = { practiceId: link.practiceId, memberId: null, name: "setup", channel: "cli", role: null };
      const referrer = await app.repos.referrers.create(
        link.practiceId,
        { displayName: "Dr. Raj Patel", lastName: "Patel" },
        setup,
      );
      await app.repos.referrals.add(setup, {
        referrerId: referrer.id,
        sourceId: `${teamId}-1`,
        receivedAt: new Date(NOW.getTime() - 3_600_000),
        reason: "knee pain",
      });
      return (await app.repos.practices.findById(link.practiceId)) as Practice;
    }

    function digestFor(practice: Practice) {
      const deps = { repos: app.repos, store: app.digestRuns, data: app.digestData, deliveries: [h.adapter.delivery] };
      return sendDigest({ ...deps, logger: silentLogger() }, practice, "2026-11-23", { now: NOW, instanceId: "t" });
    }

    it("forgets the installation and the digest targets on app_uninstalled, keeps the data, and audits once", async () => {
      const practice = await installedWorkspace("T0GONE");
      expect(await h.adapter.delivery.targets(practice.id)).toHaveLength(2);

      const event = removedEvent("T0GONE", { type: "app_uninstalled" }, "EvGONE1");
      expect((await h.event(event)).status).toBe(200);
      // Slack's retry of the same event, after a slow first answer.
      expect((await h.event(event, { retryNum: 1 })).status).toBe(200);

      await expect.poll(() => app.repos.workspaces.findInstallation("slack", "T0GONE")).toBeNull();
      const link = await app.repos.workspaces.find("slack", "T0GONE");
      expect(link).toMatchObject({ digestConversation: null, uninstalledAt: expect.any(Date) });
      expect(await h.adapter.delivery.targets(practice.id)).toEqual([]);
      const audits = () => app.db.prisma.auditEvent.findMany({ where: { action: "workspace.uninstalled" } });
      await expect.poll(async () => (await audits()).map((a) => a.practiceId)).toEqual([practice.id]);
      // The practice's data stays.
      expect(await app.db.prisma.referrer.count({ where: { practiceId: practice.id } })).toBe(1);
      expect(await app.db.prisma.member.count({ where: { practiceId: practice.id } })).toBe(1);

      h.fake.reset();
      const sent = await digestFor(practice);
      expect(sent.delivered).toEqual([]);
      expect(h.fake.calls.filter((c) => c.method === "chat.postMessage" || c.method === "conversations.open")).toEqual(
        [],
      );
    });

    it("treats the bot's revoked token as a removal, and someone's revoked user token as nothing", async () => {
      const practice = await installedWorkspace("T0REVOKED");
      await h.event(removedEvent("T0REVOKED", { type: "tokens_revoked", tokens: { oauth: ["U123"] } }, "EvREV1"));
      await new Promise((resolve) => setTimeout(resolve, 100));
      expect(await h.adapter.delivery.targets(practice.id)).toHaveLength(2);

      await h.event(removedEvent("T0REVOKED", { type: "tokens_revoked", tokens: { bot: ["UBOT"] } }, "EvREV2"));
      await expect.poll(() => h.adapter.delivery.targets(practice.id)).toEqual([]);
    });

    it("sends to the workspace again once it is installed again", async () => {
      const practice = await installedWorkspace("T0BACK");
      await h.event(removedEvent("T0BACK", { type: "app_uninstalled" }, "EvBACK1"));
      await expect.poll(() => h.adapter.delivery.targets(practice.id)).toEqual([]);
      await installedWorkspace("T0BACK");
      expect(await app.repos.workspaces.find("slack", "T0BACK")).toMatchObject({ uninstalledAt: null });
      expect(await h.adapter.delivery.targets(practice.id)).toHaveLength(2);
    });
  });
}
