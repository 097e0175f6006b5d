// After `seed-demo`, a weekday digest through the real Slack and Teams protocols: the shared channel,
// a physician and a liaison each get at most five nudges (the practice's nudges a day), and "See all"
// opens the whole list of what is waiting for that reader.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "../../src/core/digest/digest-model.ts";
import type { Practice } from "../../src/core/model.ts";
import type { ChatDelivery } from "../../src/core/ports.ts";
import { localDateOf } from "../../src/core/time/local-date.ts";
import { seedDemo } from "../../src/demo/seed-demo.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { sendDigest } from "../../src/scheduler/send-digest.ts";
import { channelConversation, personalChat, type TeamsUser } from "../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./slack/support/harness.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./teams/support/teams-harness.ts";

/** A Monday morning, at the demo's digest time. */
const MONDAY = new Date("2026-12-07T12:30:00Z");
const CAP = 5;

async function sendDemoDigest(app: TestApp, practice: Practice, delivery: ChatDelivery) {
  const deps = { repos: app.repos, store: app.digestRuns, data: app.digestData, exposures: app.exposures };
  const result = await sendDigest(
    { ...deps, deliveries: [delivery], logger: silentLogger() },
    practice,
    localDateOf(MONDAY, practice.timeZone),
    { now: MONDAY, instanceId: "test" },
  );
  expect(result.outcome).toBe("delivered");
  return result;
}

/** Every digest the run kept: the channel's and each reader's own. */
async function digestsOf(app: TestApp, practice: Practice, runId: string, memberIds: string[]): Promise<Digest[]> {
  const kept = [await app.digestData.loadSnapshot(practice.id, runId)];
  for (const id of memberIds) kept.push(await app.digestData.loadSnapshot(practice.id, runId, id));
  return kept.filter((d): d is Digest => d !== null);
}

describe("the demo practice's Monday digest on Slack", () => {
  let app: TestApp;
  let h: SlackHarness;

  beforeAll(async () => {
    app = await createTestApp({ now: MONDAY });
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0KIM", name: "kim", realName: "Dr. Sun Kim" });
    h.fake.addUser({ id: "U0ANA", name: "ana", realName: "Ana Lopez" });
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    await app.repos.workspaces.setDigestConversation(link.id, "C0DIGEST");
    const practice = (await app.repos.practices.findById(link.practiceId))!;
    await seedDemo(app.demoStore, practice, { now: MONDAY });
    for (const [id, name, role] of [
      ["U0KIM", "Dr. Sun Kim", "physician"],
      ["U0ANA", "Ana Lopez", "liaison"],
    ] as const) {
      const m = await app.repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: id,
        displayName: name,
        workspaceExternalId: TEAM.teamId,
      });
      await app.repos.members.setRole(m.id, role);
    }
  }, 60_000);
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });

  it("gives the channel, the physician and the liaison at most five nudges each, with what else waits for them", async () => {
    const practice = (await app.repos.practices.getOrCreateDefault())!;
    const members = await app.repos.members.listForPractice(practice.id);
    const result = await sendDemoDigest(app, practice, h.adapter.delivery);
    const posts = h.fake.successfulCallsTo("chat.postMessage");
    expect(posts).toHaveLength(3);
    for (const post of posts) {
      const snoozes = JSON.stringify(post.body["blocks"]).match(/Snooze a week/g) ?? [];
      expect(snoozes.length).toBeGreaterThan(0);
      expect(snoozes.length).toBeLessThanOrEqual(CAP);
      expect(JSON.stringify(post.body["blocks"])).toContain("See all");
    }
    const digests = await digestsOf(
      app,
      practice,
      result.runId!,
      members.map((m) => m.id),
    );
    expect(digests).toHaveLength(3);
    for (const d of digests) expect(d.nudges.length).toBeLessThanOrEqual(CAP);
    const [channel, ...own] = digests;
    // What waits for one reader is less than what waits for the practice.
    for (const d of own) expect(d.moreNudges).toBeLessThan(channel!.moreNudges);
  });

  it("opens the whole list of what waits for the physician from See all in their direct message", async () => {
    const practice = (await app.repos.practices.getOrCreateDefault())!;
    const kim = (await app.repos.members.listForPractice(practice.id)).find((m) => m.role === "physician")!;
    type Blocks = Array<{ elements?: Array<{ action_id: string; value: string }> }>;
    const seeAlls = h.fake
      .successfulCallsTo("chat.postMessage")
      .flatMap((p) => (p.body["blocks"] as Blocks).flatMap((b) => b.elements ?? []))
      .filter((e) => e.action_id?.startsWith("nudges.more"));
    // One in the channel (everyone's list) and one in each reader's own message (theirs).
    expect(seeAlls).toHaveLength(3);
    const seeAll = seeAlls.find((e) => (JSON.parse(e.value) as { m?: string }).m === kim.id)!;
    expect(seeAll).toBeDefined();
    h.fake.reset();
    await h.click({ actionId: seeAll.action_id, value: seeAll.value, userId: "U0KIM" });
    const [answer] = await h.fake.waitForCalls("response_url");
    const text = JSON.stringify(answer?.body);
    expect(text).toMatch(/All \d+ nudges waiting for you/);
    expect(text).not.toContain("Thank ");
  });
});

describe("the demo practice's Monday digest on Teams", () => {
  let h: TeamsHarness;
  const KIM: TeamsUser = { id: "29:user-kim", aadObjectId: "aad-kim", name: "Dr. Sun Kim" };
  const ANA: TeamsUser = { id: "29:user-ana", aadObjectId: "aad-ana", name: "Ana Ruiz" };

  beforeAll(async () => {
    h = await startTeamsHarness({ realCore: true });
    await h.send("digest here", { conversation: channelConversation("digests") });
    await h.send("help", { conversation: personalChat(KIM.id), from: KIM });
    await h.send("help", { conversation: personalChat(ANA.id), from: ANA });
    const app = h.app as TestApp;
    const [practice] = await app.repos.practices.list();
    for (const member of await app.repos.members.listForPractice(practice!.id)) {
      await app.repos.members.setRole(member.id, member.displayName === KIM.name ? "physician" : "liaison");
    }
    await seedDemo(app.demoStore, practice!, { now: MONDAY });
    h.connector.reset();
  }, 60_000);
  afterAll(async () => {
    h?.assertAllCardsValid();
    await h?.close();
  });

  it("gives the channel, the physician and the liaison at most five nudges each", async () => {
    const app = h.app as TestApp;
    const [practice] = await app.repos.practices.list();
    const members = await app.repos.members.listForPractice(practice!.id);
    const result = await sendDemoDigest(app, practice!, h.teams.delivery);
    const sent = h.connector.calls.filter((c) => c.kind === "send");
    expect(sent).toHaveLength(3);
    for (const call of sent) {
      const text = cardText(cardOf(call.activity));
      const snoozes = text.match(/Snooze a week/g) ?? [];
      expect(snoozes.length).toBeGreaterThan(0);
      expect(snoozes.length).toBeLessThanOrEqual(CAP);
      expect(text).toContain("See all");
    }
    const digests = await digestsOf(
      app,
      practice!,
      result.runId!,
      members.map((m) => m.id),
    );
    for (const d of digests) expect(d.nudges.length).toBeLessThanOrEqual(CAP);
  });
});
