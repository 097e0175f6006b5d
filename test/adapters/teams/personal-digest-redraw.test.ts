// Each person sees their own list, in Teams: the digest goes to the "digest here" channel and to a
// physician's personal chat (through the real scheduler path), and a click in either redraws that
// card from its own snapshot. Bot Framework activities over HTTP, the fake connector, a real SQLite
// or PostgreSQL database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Digest } from "../../../src/core/digest/digest-model.ts";
import type { Member, Practice } from "../../../src/core/model.ts";
import type { SendDigestResult } from "../../../src/scheduler/send-digest.ts";
import type { ConnectorCall } from "../../support/fake-connector.ts";
import { compareDigests, seedDiverging, sendTodaysDigest, titleOf } from "../../support/personal-digest-scenario.ts";
import { notePostgresSkipped, POSTGRES_TEST_URL } from "../../support/scheduler-fixtures.ts";
import { channelConversation, personalChat, type TeamsUser } from "../../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

notePostgresSkipped("Teams personal digest redraw");

const NOW = new Date("2026-11-23T14:00:00Z");
const LOCAL_DATE = "2026-11-23";
const TENANT = "tenant-a";
const DOCTOR: TeamsUser = { id: "29:user-maya", aadObjectId: "aad-maya", name: "Dr. Maya Chen" };
const CHANNEL = channelConversation("digests", TENANT);
const DOCTOR_CHAT = personalChat(DOCTOR.id, TENANT);

type Button = ReturnType<typeof cardButtons>[number];

function buttonValue(button: Button): { n?: string; r?: string; m?: string } {
  return JSON.parse(String(button.data["value"])) as { n?: string; r?: string; m?: string };
}

const providers = [
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`a Teams digest in a personal chat and in the channel, on ${provider}`, () => {
    let app: TestApp;
    let h: TeamsHarness;
    let practice: Practice;
    let doctor: Member;

    function send(): Promise<SendDigestResult> {
      return sendTodaysDigest(app, h.teams.delivery, practice, LOCAL_DATE, NOW);
    }

    /** The digest as sent: the channel's card and the personal chat's, and the snapshots each was drawn from. */
    async function sentDigest() {
      const result = await send();
      expect(result.outcome).toBe("delivered");
      expect(result.delivered.sort()).toEqual([`teams:conv:${CHANNEL.id}`, `teams:dm:${doctor.id}`].sort());
      const sends = h.connector.calls.filter((c) => c.kind === "send");
      const channel = sends.find((c) => c.conversationId === CHANNEL.id) as ConnectorCall;
      const dm = sends.find((c) => c.conversationId === DOCTOR_CHAT.id) as ConnectorCall;
      expect(channel, "the channel should get the digest").toBeDefined();
      expect(dm, "the physician's personal chat should get the digest").toBeDefined();
      const runId = result.runId as string;
      const channelDigest = (await app.digestData.loadSnapshot(practice.id, runId)) as Digest;
      const dmDigest = (await app.digestData.loadSnapshot(practice.id, runId, doctor.id)) as Digest;
      const lists = compareDigests(dmDigest, channelDigest);
      // The scenario is only a test of the redraw if the two lists really differ.
      expect(lists.onlyMine, "the physician's digest should hold a nudge the channel's does not").not.toEqual([]);
      expect(lists.onlyChannel, "the channel's digest should hold a nudge the physician's does not").not.toEqual([]);
      return { runId, channel, dm, channelDigest, dmDigest, lists };
    }

    /** The "Mark done" button on a sent card for the nudge with this title in that card's digest. */
    function doneButton(call: ConnectorCall, digest: Digest, title: string): Button {
      const nudge = digest.nudges.find((n) => titleOf(n) === title);
      const button = cardButtons(cardOf(call.activity)).find(
        (b) => b.verb === "nudge.done" && buttonValue(b).n === nudge?.nudgeId,
      );
      if (!button) throw new Error(`no Mark done button for ${title} in:\n${cardText(cardOf(call.activity))}`);
      return button;
    }

    /** The card that replaced message `id` for everyone (the connector's PUTs to it). */
    function updatesOf(id: string): ConnectorCall[] {
      return h.connector.calls.filter((c) => c.kind === "update" && c.activityId === id);
    }

    beforeEach(async () => {
      app = await createTestApp({ provider, now: NOW });
      h = await startTeamsHarness({ core: app.core, repos: app.repos });
      // The physician talks to the bot once (so their personal chat is known); the channel asks for the digest.
      await h.send("help", { conversation: DOCTOR_CHAT, from: DOCTOR });
      await h.send("digest here", { conversation: CHANNEL });
      const link = await app.repos.workspaces.find("teams", TENANT);
      practice = (await app.repos.practices.findById(link!.practiceId)) as Practice;
      const members = await app.repos.members.listForPractice(practice.id);
      doctor = members.find((m) => m.displayName === DOCTOR.name) as Member;
      expect(doctor, "the physician should be a member after talking to the bot").toBeDefined();
      await app.repos.members.setRole(doctor.id, "physician");
      await seedDiverging(app.repos, practice.id, NOW);
      practice = (await app.repos.practices.findById(practice.id)) as Practice;
      h.connector.reset();
    }, 60_000);

    afterEach(async () => {
      h?.assertAllCardsValid();
      await h?.close();
      await app?.close();
    });

    it("marks buttons in the personal chat with the physician and buttons in the channel with no one", async () => {
      const { runId, channel, dm } = await sentDigest();
      const mine = cardButtons(cardOf(dm.activity)).filter((b) => b.verb.startsWith("nudge."));
      expect(mine).not.toEqual([]);
      for (const b of mine) expect(buttonValue(b)).toMatchObject({ r: runId, m: doctor.id });
      for (const b of cardButtons(cardOf(channel.activity)).filter((b) => b.verb.startsWith("nudge."))) {
        expect(buttonValue(b).r).toBe(runId);
        expect(buttonValue(b).m).toBeUndefined();
      }
    });

    it("redraws the physician's own list after a click in their personal chat, and logs one touch for two clicks", async () => {
      const { dm, dmDigest, lists } = await sentDigest();
      const [mine] = lists.onlyMine as [string];
      const button = doneButton(dm, dmDigest, mine);
      const touchesBefore = await app.repos.touches.countSince(practice.id, new Date(0));

      const action = { verb: button.verb, data: button.data, replyToId: dm.id };
      const first = await h.click(action, { conversation: DOCTOR_CHAT, from: DOCTOR });
      const second = await h.click(action, { conversation: DOCTOR_CHAT, from: DOCTOR });

      expect([first.status, second.status]).toEqual([200, 200]);
      expect(await app.repos.touches.countSince(practice.id, new Date(0))).toBe(touchesBefore + 1);
      const updates = updatesOf(dm.id);
      expect(updates).toHaveLength(2);
      for (const card of [first.answer, second.answer, ...updates.map((u) => cardOf(u.activity))]) {
        const text = cardText(card);
        expect(text).toContain("Your nudges for today");
        for (const title of lists.own) expect(text).toContain(title);
        for (const title of lists.onlyChannel) expect(text).not.toContain(title);
        expect(text).toContain("by Dr. Maya Chen");
        // The redrawn card's buttons still name the physician: the next click redraws their list again.
        const left = cardButtons(card).filter((b) => b.verb.startsWith("nudge."));
        expect(left.length).toBeGreaterThan(0);
        for (const b of left) expect(buttonValue(b).m).toBe(doctor.id);
      }
    });

    it("redraws the channel's list after a click in the channel", async () => {
      const { channel, channelDigest, lists } = await sentDigest();
      const [theirs] = lists.onlyChannel as [string];
      const button = doneButton(channel, channelDigest, theirs);

      const click = await h.click(
        { verb: button.verb, data: button.data, replyToId: channel.id },
        { conversation: CHANNEL },
      );

      expect(click.status).toBe(200);
      const [update] = updatesOf(channel.id);
      for (const card of [click.answer, cardOf(update!.activity)]) {
        const text = cardText(card);
        expect(text).toContain("Today's nudges");
        for (const title of lists.shared) expect(text).toContain(title);
        for (const title of lists.onlyMine) expect(text).not.toContain(title);
        expect(text).toContain("by Ana Ruiz");
      }
    });

    it("sends nothing the second time the digest runs, and a personal-chat click after it still redraws the physician's list", async () => {
      const { dm, dmDigest, lists } = await sentDigest();
      h.connector.reset();
      const again = await send();
      expect(again.outcome).toBe("already-done");
      expect(h.connector.calls.filter((c) => c.kind === "send")).toEqual([]);

      const [mine] = lists.onlyMine as [string];
      const button = doneButton(dm, dmDigest, mine);
      const click = await h.click(
        { verb: button.verb, data: button.data, replyToId: dm.id },
        { conversation: DOCTOR_CHAT, from: DOCTOR },
      );

      expect(await app.db.prisma.touch.count({ where: { practiceId: practice.id } })).toBe(1);
      const text = cardText(click.answer);
      for (const title of lists.own) expect(text).toContain(title);
      for (const title of lists.onlyChannel) expect(text).not.toContain(title);
    });
  });
}
