// Universal Actions' refresh: a digest card carries a `refresh` section (an Action.Execute and the
// users whose view refreshes by itself), so each person who opens the chat sees the card as it stands
// for them now. Through the real scheduler path, Bot Framework activities over HTTP, the fake
// connector and a real SQLite database.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Member, Practice } from "../../../src/core/model.ts";
import { silentLogger } from "../../../src/logging/logger.ts";
import { sendDigest } from "../../../src/scheduler/send-digest.ts";
import type { ConnectorCall } from "../../support/fake-connector.ts";
import { compareDigests, seedDiverging, titleOf } from "../../support/personal-digest-scenario.ts";
import { channelConversation, DEFAULT_USER, personalChat, type TeamsUser } from "../../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const NOW = new Date("2026-11-23T14:00:00Z");
const LOCAL_DATE = "2026-11-23";
const TENANT = "tenant-a";
const DOCTOR: TeamsUser = { id: "29:user-maya", aadObjectId: "aad-maya", name: "Dr. Maya Chen" };
const CHANNEL = channelConversation("digests", TENANT);
const DOCTOR_CHAT = personalChat(DOCTOR.id, TENANT);

interface Refresh {
  action: { type: string; verb: string; data: { value: string } };
  userIds: string[];
}

function refreshOf(card: unknown): Refresh {
  const refresh = (card as { refresh?: Refresh }).refresh;
  if (!refresh) throw new Error(`the card has no refresh section:\n${JSON.stringify(card).slice(0, 300)}`);
  return refresh;
}

describe("Teams digest cards that refresh for each viewer", () => {
  let app: TestApp;
  let h: TeamsHarness;
  let practice: Practice;
  let doctor: Member;

  beforeEach(async () => {
    app = await createTestApp({ provider: "sqlite", now: NOW });
    h = await startTeamsHarness({ core: app.core, repos: app.repos });
    await h.send("help", { conversation: DOCTOR_CHAT, from: DOCTOR });
    await h.send("digest here", { conversation: CHANNEL });
    const link = await app.repos.workspaces.find("teams", TENANT);
    practice = (await app.repos.practices.findById(link!.practiceId)) as Practice;
    doctor = (await app.repos.members.listForPractice(practice.id)).find((m) => m.displayName === DOCTOR.name)!;
    await app.repos.members.setRole(doctor.id, "physician");
    await seedDiverging(app.repos, practice.id, NOW);
    h.connector.reset();
  }, 60_000);
  afterEach(async () => {
    h?.assertAllCardsValid();
    await h?.close();
    await app?.close();
  });

  async function sentDigest() {
    const result = await sendDigest(
      {
        repos: app.repos,
        store: app.digestRuns,
        data: app.digestData,
        deliveries: [h.teams.delivery],
        logger: silentLogger(),
      },
      (await app.repos.practices.findById(practice.id)) as Practice,
      LOCAL_DATE,
      { now: NOW, instanceId: "test" },
    );
    expect(result.outcome).toBe("delivered");
    const runId = result.runId as string;
    const sends = h.connector.calls.filter((c) => c.kind === "send");
    const channel = sends.find((c) => c.conversationId === CHANNEL.id) as ConnectorCall;
    const dm = sends.find((c) => c.conversationId === DOCTOR_CHAT.id) as ConnectorCall;
    const channelDigest = (await app.digestData.loadSnapshot(practice.id, runId))!;
    const dmDigest = (await app.digestData.loadSnapshot(practice.id, runId, doctor.id))!;
    return { runId, channel, dm, channelDigest, dmDigest, lists: compareDigests(dmDigest, channelDigest) };
  }

  it("sends the channel's and the personal chat's digest with a refresh for their own run and person", async () => {
    const { runId, channel, dm } = await sentDigest();

    const shared = refreshOf(cardOf(channel.activity));
    expect(shared.action).toMatchObject({ type: "Action.Execute", verb: "digest.refresh" });
    expect(JSON.parse(shared.action.data.value)).toEqual({ r: runId });
    // The practice's Teams users the bot knows by their personal chat: here the physician.
    expect(shared.userIds).toEqual([DOCTOR.id]);

    const own = refreshOf(cardOf(dm.activity));
    expect(JSON.parse(own.action.data.value)).toEqual({ r: runId, m: doctor.id });
    expect(own.userIds).toEqual([DOCTOR.id]);
  });

  it("shows a viewer of the channel a nudge the physician has since marked done, without rewriting the card for everyone", async () => {
    const { channel, dm, dmDigest, lists } = await sentDigest();
    const [both] = lists.own.filter((title) => lists.shared.includes(title)) as [string];
    const nudge = dmDigest.nudges.find((n) => titleOf(n) === both)!;
    const done = cardButtons(cardOf(dm.activity)).find(
      (b) => b.verb === "nudge.done" && JSON.parse(String(b.data["value"])).n === nudge.nudgeId,
    )!;
    // Maya marks it done in her personal chat: only that card is rewritten.
    await h.click({ verb: done.verb, data: done.data, replyToId: dm.id }, { conversation: DOCTOR_CHAT, from: DOCTOR });
    expect(cardText(cardOf(channel.activity))).not.toContain("by Dr. Maya Chen");
    h.connector.reset();

    // Ana opens the channel: Teams asks for her view of the card with its refresh action.
    const { action } = refreshOf(cardOf(channel.activity));
    const view = await h.click(
      { verb: action.verb, data: action.data, replyToId: channel.id },
      { conversation: CHANNEL, from: DEFAULT_USER, extra: { value: { action, trigger: "automatic" } } },
    );

    expect(view.status).toBe(200);
    const text = cardText(view.answer);
    expect(text).toContain("Today's nudges");
    expect(text).toContain("by Dr. Maya Chen");
    for (const title of lists.onlyMine) expect(text).not.toContain(title);
    // Her view, not a new version for everyone, and still refreshing.
    expect(h.connector.calls).toEqual([]);
    expect(refreshOf(view.answer).action.data.value).toBe(action.data.value);
  });

  it("keeps the refresh on a card rewritten for everyone after a click", async () => {
    const { channel, channelDigest, lists } = await sentDigest();
    const [theirs] = lists.onlyChannel as [string];
    const nudge = channelDigest.nudges.find((n) => titleOf(n) === theirs)!;
    const done = cardButtons(cardOf(channel.activity)).find(
      (b) => b.verb === "nudge.done" && JSON.parse(String(b.data["value"])).n === nudge.nudgeId,
    )!;
    const click = await h.click({ verb: done.verb, data: done.data, replyToId: channel.id }, { conversation: CHANNEL });

    const update = h.connector.calls.find((c) => c.kind === "update" && c.activityId === channel.id)!;
    for (const card of [click.answer, cardOf(update.activity)]) {
      expect(refreshOf(card).action.verb).toBe("digest.refresh");
      expect(refreshOf(card).userIds).toContain(DEFAULT_USER.id);
    }
  });
});
