// Each person sees their own list, in Slack: the digest goes to the channel and to a physician's DM
// (through the real scheduler path), and a click in either redraws that message from its own
// snapshot. Signed requests into the bot, the fake Slack Web API, a real SQLite or PostgreSQL database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Digest } from "../../../src/core/digest/digest-model.ts";
import type { Member, Practice } from "../../../src/core/model.ts";
import type { SendDigestResult } from "../../../src/scheduler/send-digest.ts";
import type { RecordedCall } from "../../support/fake-slack-api.ts";
import { compareDigests, seedDiverging, sendTodaysDigest, titleOf } from "../../support/personal-digest-scenario.ts";
import { notePostgresSkipped, POSTGRES_TEST_URL } from "../../support/scheduler-fixtures.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

notePostgresSkipped("Slack personal digest redraw");

const NOW = new Date("2026-11-23T14:00:00Z");
const LOCAL_DATE = "2026-11-23";
const DOCTOR = { id: "U0DOC", name: "maya.chen", realName: "Dr. Maya Chen" };
const COORDINATOR = { id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" };

interface Button {
  action_id: string;
  value: string;
}

function buttonsIn(call: RecordedCall | undefined): Button[] {
  const blocks = (call?.body["blocks"] ?? []) as { type: string; elements?: Button[] }[];
  return blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
}

function textOf(call: RecordedCall | undefined): string {
  return JSON.stringify(call?.body["blocks"] ?? []);
}

function buttonValue(button: Button): { n?: string; r?: string; m?: string } {
  return JSON.parse(button.value) as { n?: string; r?: string; m?: string };
}

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`a Slack digest in a DM and in the channel, on ${provider}`, () => {
    let app: TestApp;
    let h: SlackHarness;
    let practice: Practice;
    let doctor: Member;

    function send(): Promise<SendDigestResult> {
      return sendTodaysDigest(app, h.adapter.delivery, practice, LOCAL_DATE, NOW);
    }

    /** The digest as sent: the channel's post and the DM's, and the snapshots each was drawn from. */
    async function sentDigest() {
      const result = await send();
      expect(result.outcome).toBe("delivered");
      const posts = h.fake.successfulCallsTo("chat.postMessage");
      const channel = posts.find((p) => p.body["channel"] === "C0DIGEST");
      const dm = posts.find((p) => p.body["channel"] !== "C0DIGEST");
      const runId = result.runId as string;
      const channelDigest = (await app.digestData.loadSnapshot(practice.id, runId)) as Digest;
      const dmDigest = (await app.digestData.loadSnapshot(practice.id, runId, doctor.id)) as Digest;
      const lists = compareDigests(dmDigest, channelDigest);
      // The scenario is only a test of the redraw if the two lists really differ.
      expect(lists.onlyMine, "the physician's digest should hold a nudge the channel's does not").not.toEqual([]);
      expect(lists.onlyChannel, "the channel's digest should hold a nudge the physician's does not").not.toEqual([]);
      return { runId, channel, dm, channelDigest, dmDigest, lists };
    }

    /** The "Mark done" button in a posted message for the nudge with this title in that message's digest. */
    function doneButton(post: RecordedCall | undefined, digest: Digest, title: string): Button {
      const nudge = digest.nudges.find((n) => titleOf(n) === title);
      const button = buttonsIn(post).find(
        (b) => b.action_id.startsWith("nudge.done#") && buttonValue(b).n === nudge?.nudgeId,
      );
      if (!button) throw new Error(`no Mark done button for ${title} in ${textOf(post)}`);
      return button;
    }

    beforeEach(async () => {
      app = await createTestApp({ provider, now: NOW });
      h = await startSlackHarness({ core: app.core, repos: app.repos });
      h.fake.addUser(DOCTOR);
      h.fake.addUser(COORDINATOR);
      const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
      await app.repos.workspaces.setDigestConversation(link.id, "C0DIGEST");
      practice = (await app.repos.practices.findById(link.practiceId)) as Practice;
      doctor = await app.repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: DOCTOR.id,
        displayName: DOCTOR.realName,
        workspaceExternalId: TEAM.teamId,
      });
      await app.repos.members.setRole(doctor.id, "physician");
      await seedDiverging(app.repos, practice.id, NOW);
      practice = (await app.repos.practices.findById(practice.id)) as Practice;
    }, 60_000);

    afterEach(async () => {
      expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
      await h?.close();
      await app?.close();
    });

    it("marks buttons in the DM with the physician and buttons in the channel with no one", async () => {
      const { runId, channel, dm } = await sentDigest();
      expect(dm?.body["channel"]).toBe(await app.repos.members.getDmConversation(doctor.id));
      const nudgeButtons = buttonsIn(dm).filter((b) => b.action_id.startsWith("nudge."));
      expect(nudgeButtons).not.toEqual([]);
      for (const b of nudgeButtons) expect(buttonValue(b)).toMatchObject({ r: runId, m: doctor.id });
      for (const b of buttonsIn(channel).filter((b) => b.action_id.startsWith("nudge."))) {
        expect(buttonValue(b).r).toBe(runId);
        expect(buttonValue(b).m).toBeUndefined();
      }
    });

    it("redraws the physician's own list after a double click in their DM, and logs one touch", async () => {
      const { dm, dmDigest, lists } = await sentDigest();
      const [mine] = lists.onlyMine as [string];
      const button = doneButton(dm, dmDigest, mine);
      const touchesBefore = await app.repos.touches.countSince(practice.id, new Date(0));
      h.fake.reset();

      const click = {
        actionId: button.action_id,
        value: button.value,
        userId: DOCTOR.id,
        userName: DOCTOR.name,
        container: {
          type: "message" as const,
          channelId: String(dm?.body["channel"]),
          messageTs: String(dm?.answer?.["ts"]),
        },
      };
      const answers = await Promise.all([h.click(click), h.click(click)]);
      expect(answers.map((a) => a.status)).toEqual([200, 200]);
      const updates = await h.fake.waitForCalls("chat.update", 2);

      expect(await app.repos.touches.countSince(practice.id, new Date(0))).toBe(touchesBefore + 1);
      for (const update of updates) {
        expect(update.body).toMatchObject({ channel: dm?.body["channel"], ts: dm?.answer?.["ts"] });
        const text = textOf(update);
        expect(text).toContain("Your nudges for today");
        for (const title of lists.own) expect(text).toContain(title);
        for (const title of lists.onlyChannel) expect(text).not.toContain(title);
        expect(text).toContain("by Dr. Maya Chen");
        // The redrawn DM's buttons still name the physician: the next click redraws their list again.
        expect(buttonsIn(update).length).toBeGreaterThan(0);
        for (const b of buttonsIn(update).filter((b) => b.action_id.startsWith("nudge."))) {
          expect(buttonValue(b).m).toBe(doctor.id);
        }
      }
    });

    it("redraws the channel's list after a click in the channel", async () => {
      const { channel, channelDigest, lists } = await sentDigest();
      const [theirs] = lists.onlyChannel as [string];
      const button = doneButton(channel, channelDigest, theirs);
      h.fake.reset();

      await h.click({
        actionId: button.action_id,
        value: button.value,
        userId: COORDINATOR.id,
        userName: COORDINATOR.name,
        container: { type: "message", channelId: "C0DIGEST", messageTs: String(channel?.answer?.["ts"]) },
      });
      const [update] = await h.fake.waitForCalls("chat.update");

      expect(update?.body).toMatchObject({ channel: "C0DIGEST", ts: channel?.answer?.["ts"] });
      const text = textOf(update);
      expect(text).toContain("Today's nudges");
      for (const title of lists.shared) expect(text).toContain(title);
      for (const title of lists.onlyMine) expect(text).not.toContain(title);
      expect(text).toContain("by Ana Lopez");
    });

    it("sends nothing the second time the digest runs, and a DM click after it still redraws the physician's list", async () => {
      const { dm, dmDigest, lists } = await sentDigest();
      h.fake.reset();
      const again = await send();
      expect(again.outcome).toBe("already-done");
      expect(h.fake.callsTo("chat.postMessage")).toEqual([]);

      const [mine] = lists.onlyMine as [string];
      const button = doneButton(dm, dmDigest, mine);
      const container = {
        type: "message" as const,
        channelId: String(dm?.body["channel"]),
        messageTs: String(dm?.answer?.["ts"]),
      };
      await h.click({ actionId: button.action_id, value: button.value, userId: DOCTOR.id, container });
      await h.click({ actionId: button.action_id, value: button.value, userId: DOCTOR.id, container });
      const updates = await h.fake.waitForCalls("chat.update", 2);

      const touches = await app.db.prisma.touch.count({ where: { practiceId: practice.id } });
      expect(touches).toBe(1);
      for (const update of updates) {
        for (const title of lists.own) expect(textOf(update)).toContain(title);
        for (const title of lists.onlyChannel) expect(textOf(update)).not.toContain(title);
      }
    });
  });
}
