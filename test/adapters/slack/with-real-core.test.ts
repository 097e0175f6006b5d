// The Slack adapter end to end: signed requests into the bot's HTTP server, the real chat core over a
// real (SQLite) database, and Slack's side played by the fake. What the user would see is asserted on
// what the bot sent to Slack; what happened is asserted on the database.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { buildDailyDigest } from "../../../src/core/digest/build-daily-digest.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import type { DeliveryTarget } from "../../../src/core/ports.ts";
import type { RecordedCall } from "../../support/fake-slack-api.ts";
import { appHomeOpenedEvent, textValue } from "../../support/slack-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

const NOW = new Date("2026-11-23T14:00:00Z");
const DAY = 86_400_000;

interface Button {
  action_id: string;
  value: string;
}

function buttonsIn(call: RecordedCall | undefined): Button[] {
  const blocks = (call?.body["blocks"] ?? (call?.body["view"] as { blocks?: unknown })?.blocks ?? []) as {
    type: string;
    elements?: Button[];
  }[];
  return blocks.flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []));
}

describe("the Slack adapter over the real core and database", () => {
  let app: TestApp;
  let h: SlackHarness;
  let practice: Practice;
  let setup: Actor;

  async function addReferrer(name: string, last: string, referrals: number) {
    const referrer = await app.repos.referrers.create(practice.id, { displayName: name, lastName: last }, setup);
    for (let i = 0; i < referrals; i++) {
      await app.repos.referrals.add(setup, {
        referrerId: referrer.id,
        sourceId: `${last}-${i}`,
        receivedAt: new Date(NOW.getTime() - (i + 1) * 3600_000),
        reason: "knee pain",
      });
    }
    return referrer;
  }

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
    // The workspace gets a practice of its own on first sight; the test fills that one.
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    await app.repos.workspaces.setDigestConversation(link.id, "C0DIGEST");
    // Dr. Patel's three referrals are enough for a thank nudge before card day (thank.test.ts has the rule).
    practice = await app.repos.practices.updateSettings(link.practiceId, { settings: { thankTopUnthanked: 3 } });
    setup = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli", role: null };
    await addReferrer("Dr. Raj Patel", "Patel", 3);
    await addReferrer("Dr. Jennifer Lee", "Lee", 0);
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  beforeEach(() => h.fake.reset());
  afterEach(() => {
    expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  /** Delivers today's digest to the channel and returns the message Slack stored. */
  async function postDigest() {
    const digest = await buildDailyDigest(app.digestData, practice, "2026-11-23", { now: NOW });
    const target: DeliveryTarget = { platform: "slack", key: "slack:C0DIGEST", address: "C0DIGEST" };
    await h.adapter.delivery.deliver(target, digest);
    const [posted] = h.fake.successfulCallsTo("chat.postMessage");
    return { posted, ts: String(posted?.answer?.["ts"]) };
  }

  it("logs a /thanked touch and answers in Slack", async () => {
    await h.command({ command: "/thanked", text: "Dr. Lee for the shoulder referral" });
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(answer?.body["text"]).toBe("✓ Thanked Dr. Jennifer Lee");
    const touches = await app.db.prisma.touch.findMany({ where: { kind: "thank_you" } });
    expect(touches.map((t) => [t.actorName, t.note])).toEqual([["Ana Lopez", "for the shoulder referral"]]);
  });

  it("turns a double-clicked digest button into one touch, and shows ✓ in the digest", async () => {
    const { posted, ts } = await postDigest();
    const done = buttonsIn(posted).find(
      (b) => b.action_id.startsWith("nudge.done#") && JSON.stringify(b).includes("Mark thanked"),
    );
    expect(done, "the digest should offer a Mark thanked button for Dr. Patel").toBeDefined();
    const patel = await app.db.prisma.referrer.findFirstOrThrow({ where: { lastName: "Patel" } });
    const before = await app.db.prisma.touch.count({ where: { referrerId: patel.id } });

    const click = {
      actionId: done?.action_id ?? "",
      value: done?.value ?? "",
      container: { type: "message" as const, channelId: "C0DIGEST", messageTs: ts },
    };
    const [first, second] = await Promise.all([h.click(click), h.click(click)]);
    expect([first.status, second.status]).toEqual([200, 200]);
    const updates = await h.fake.waitForCalls("chat.update", 2);

    expect(await app.db.prisma.touch.count({ where: { referrerId: patel.id } })).toBe(before + 1);
    for (const update of updates) {
      expect(update.body).toMatchObject({ channel: "C0DIGEST", ts });
      expect(JSON.stringify(update.body["blocks"])).toContain("✓ Thanked by Ana Lopez");
    }
  });

  it("changes nothing when another workspace forges a button value naming this practice's nudge", async () => {
    const nudge = await app.db.prisma.nudge.create({
      data: {
        practiceId: practice.id,
        referrerId: (await app.db.prisma.referrer.findFirstOrThrow({ where: { lastName: "Lee" } })).id,
        kind: "meet",
        reason: "a top referrer you have not met this year",
        dueAt: NOW,
        priority: 1,
        triggeredAt: NOW,
        liveKey: "forged-test:meet",
      },
    });
    const touchesBefore = await app.db.prisma.touch.count();
    await h.click({
      teamId: "T0OTHER",
      teamDomain: "other-clinic",
      actionId: "nudge.done#0",
      value: JSON.stringify({ n: nudge.id }),
      container: { type: "message", channelId: "C0ELSEWHERE", messageTs: "1700000500.000100" },
    });
    const [notice] = await h.fake.waitForCalls("response_url");
    expect(notice?.body).toMatchObject({ response_type: "ephemeral", replace_original: false });
    expect(String(notice?.body["text"])).toContain("no longer matches");
    expect(await app.db.prisma.nudge.findUniqueOrThrow({ where: { id: nudge.id } })).toMatchObject({ status: "open" });
    expect(await app.db.prisma.touch.count()).toBe(touchesBefore);
    expect(h.fake.callsTo("chat.update")).toEqual([]);
  });

  it("adds an unknown referrer through the modal and then logs the thank-you", async () => {
    await h.command({ command: "/thanked", text: "Dr. Okafor" });
    const [offer] = await h.fake.waitForCalls("response_url");
    const add = buttonsIn(offer).find((b) => b.action_id.startsWith("referrer.add#"));
    expect(add).toBeDefined();

    await h.click({
      actionId: add?.action_id ?? "",
      value: add?.value ?? "",
      container: { type: "message", channelId: "C0CLINIC", messageTs: "1700000600.000100", ephemeral: true },
    });
    const [open] = await h.fake.waitForCalls("views.open");
    const view = open?.body["view"] as { callback_id: string; private_metadata: string; blocks: unknown[] };
    expect(JSON.stringify(view.blocks)).toContain('"initial_value":"Dr. Okafor"');

    const res = await h.submit({
      callbackId: view.callback_id,
      privateMetadata: view.private_metadata,
      values: {
        name: { value: textValue("Dr. Chidi Okafor, MD") },
        clinic: { value: textValue("Westside Clinic") },
        specialty: { value: textValue(null) },
        npi: { value: textValue(null) },
        phone: { value: textValue(null) },
        email: { value: textValue(null) },
      },
    });
    expect(res.body).toBe("");
    const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
    expect(answer?.body).toMatchObject({ channel: "C0CLINIC", user: "U0ANA" });
    expect(answer?.body["text"]).toBe("✓ Added Dr. Chidi Okafor. ✓ Thanked Dr. Chidi Okafor");
    expect(await app.db.prisma.referrer.count({ where: { lastName: "Okafor", clinic: "Westside Clinic" } })).toBe(1);
  });

  it("keeps the add-referrer modal open with the core's complaint under the NPI", async () => {
    const res = await h.submit({
      callbackId: "rn.form.add_referrer",
      privateMetadata: JSON.stringify({ m: "{}", c: "C0CLINIC" }),
      values: {
        name: { value: textValue("Dr. Ada Byron") },
        npi: { value: textValue("1234567890") },
      },
    });
    expect(JSON.parse(res.body)).toEqual({
      response_action: "errors",
      errors: { npi: "An NPI is 10 digits with a valid check digit" },
    });
    expect(await app.db.prisma.referrer.count({ where: { lastName: "Byron" } })).toBe(0);
  });

  it("stores this channel as the digest's destination on /referrals digest here", async () => {
    // Choosing where the digest goes is an admin's: Mo is the practice's manager.
    h.fake.addUser({ id: "U0MGR", name: "mo", realName: "Mo Manager" });
    const ana = await app.repos.members.upsert({
      practiceId: practice.id,
      platform: "slack",
      externalUserId: "U0MGR",
      displayName: "Mo Manager",
      workspaceExternalId: TEAM.teamId,
    });
    await app.repos.members.setRole(ana.id, "manager");
    await h.command({ command: "/referrals", text: "digest here", channelId: "C0NEWDIGEST", userId: "U0MGR" });
    const [answer] = await h.fake.waitForCalls("response_url");
    expect(answer?.body).toMatchObject({ response_type: "in_channel" });
    expect((await app.repos.workspaces.find("slack", TEAM.teamId))?.digestConversation).toBe("C0NEWDIGEST");
    const targets = await h.adapter.delivery.targets(practice.id);
    expect(targets.map((t) => t.address)).toContain("C0NEWDIGEST");
  });

  it("publishes the Home tab from the core's home reply", async () => {
    await h.event(appHomeOpenedEvent({ ...TEAM, userId: "U0ANA" }));
    const [publish] = await h.fake.waitForCalls("views.publish");
    expect(publish?.body["user_id"]).toBe("U0ANA");
    expect(JSON.stringify(publish?.body["view"])).toContain("Referrals this month");
  });

  it("delivers a digest of 500 new referrals from 200 referrers within Slack's limits", async () => {
    // A few referrers send most: 20 × 14, 40 × 2, 140 × 1 = 500.
    const counts = Array.from({ length: 200 }, (_, i) => (i < 20 ? 14 : i < 60 ? 2 : 1));
    const big = await app.repos.practices.create({ name: "Big Practice" });
    const link = await app.repos.workspaces.getOrLink("slack", "T0BIG", { practiceId: big.id });
    await app.repos.workspaces.setDigestConversation(link.id, "C0BIG");
    // Written in bulk: the point here is the size of the message, not the write path.
    await app.db.prisma.referrer.createMany({
      data: counts.map((_, i) => ({
        id: `big-ref-${i}`,
        practiceId: big.id,
        displayName: `Dr. Referrer ${i}`,
        lastName: `R${i}`,
      })),
    });
    await app.db.prisma.referral.createMany({
      data: counts.flatMap((count, i) =>
        Array.from({ length: count }, (_, k) => ({
          practiceId: big.id,
          referrerId: `big-ref-${i}`,
          sourceId: `big-${i}-${k}`,
          receivedAt: new Date(NOW.getTime() - (k + 1) * 60_000 - DAY / 4),
          reason: ["knee pain", "shoulder", "hip", "back"][k % 4] ?? null,
        })),
      ),
    });
    const digest = await buildDailyDigest(app.digestData, big, "2026-11-23", { now: NOW });
    expect(digest.newReferrals.total).toBe(500);
    const [target] = await h.adapter.delivery.targets(big.id);
    await h.adapter.delivery.deliver(target as DeliveryTarget, digest);
    const [posted] = h.fake.successfulCallsTo("chat.postMessage");
    expect(posted?.body["channel"]).toBe("C0BIG");
    expect((posted?.body["blocks"] as unknown[] | undefined)?.length).toBeLessThanOrEqual(50);
    expect(JSON.stringify(posted?.body["blocks"])).toContain("500 new referrals");
  });
});
