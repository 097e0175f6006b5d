import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { createSlackDelivery } from "../../../src/adapters/slack/delivery.ts";
import { WebClientPool } from "../../../src/adapters/slack/slack-client.ts";
import type { Digest } from "../../../src/core/digest/digest-model.ts";
import { renderDigest } from "../../../src/core/digest/render-digest.ts";
import type { DeliveryTarget } from "../../../src/core/ports.ts";
import { silentLogger } from "../../../src/logging/logger.ts";
import { describeViolationsOf } from "./support/assertions.ts";
import { BOT_TOKEN, type SlackHarness, startSlackHarness } from "./support/harness.ts";
import { createMemoryRepos, type MemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

function digestFor(practiceId: string): Digest {
  return {
    practiceId,
    practiceName: "Lakeside Orthopedics",
    localDate: "2026-03-02",
    timeZone: "America/New_York",
    runId: "run-1",
    forMemberId: null,
    newReferrals: {
      total: 3,
      since: "2026-03-01",
      groups: [{ referrerId: "r1", referrerName: "Dr. Lee", count: 3, reasons: [] }],
      otherReferrers: 0,
      otherCount: 0,
    },
    nudges: [
      {
        nudgeId: "n1",
        referrerId: "r1",
        referrerName: "Dr. Lee",
        kind: "thank",
        reason: "3 referrals since your last thank-you",
        dueAt: "2026-03-02",
        priority: 1,
        personal: true,
      },
    ],
    moreNudges: 0,
    weekSummary: { touchesThisWeek: 4, goingQuiet: 1 },
    empty: false,
  };
}

describe("delivering the digest to Slack", () => {
  let h: SlackHarness;
  let repos: MemoryRepos;
  let practiceId: string;
  let physicianId: string;

  beforeAll(async () => {
    repos = createMemoryRepos();
    h = await startSlackHarness({ core: new ScriptedCore(), repos });
    const link = await repos.workspaces.getOrLink("slack", "T0CLINIC", { name: "clinic" });
    practiceId = link.practiceId;
    await repos.workspaces.setDigestConversation(link.id, "C0DIGEST");
    physicianId = repos.addMember({ practiceId, externalUserId: "U0DOC", role: "physician" }).id;
    repos.addMember({ practiceId, externalUserId: "U0ANA", role: "coordinator" });
    repos.addMember({ practiceId, externalUserId: "aad-object-id", platform: "teams", role: "physician" });
  });
  afterAll(() => h.close());
  beforeEach(() => h.fake.reset());
  afterEach(() => {
    expect(h.fake.invalidPayloads, describeViolationsOf(h.fake.invalidPayloads)).toEqual([]);
  });

  const channelTarget: DeliveryTarget = { platform: "slack", key: "slack:C0DIGEST", address: "C0DIGEST" };

  it("targets the digest channel and each Slack physician's DM", async () => {
    const targets = await h.adapter.delivery.targets(practiceId);
    expect(targets).toEqual([
      channelTarget,
      { platform: "slack", key: `slack:dm:${physicianId}`, address: "U0DOC", memberId: physicianId },
    ]);
  });

  it("survives a 429 and a 500 from Slack and posts the digest once, after the Retry-After", async () => {
    h.fake.failNext("chat.postMessage", 1, { status: 429, retryAfter: 1 });
    h.fake.failNext("chat.postMessage", 1, { status: 500 });
    const started = Date.now();
    await h.adapter.delivery.deliver(channelTarget, digestFor(practiceId));
    expect(Date.now() - started).toBeGreaterThanOrEqual(1000);
    expect(h.fake.callsTo("chat.postMessage").map((c) => c.status)).toEqual([429, 500, 200]);
    const [posted] = h.fake.successfulCallsTo("chat.postMessage");
    expect(posted?.token).toBe(BOT_TOKEN);
    expect(posted?.body).toMatchObject({ channel: "C0DIGEST", text: "Referral digest · Monday 2 March" });
  });

  it("opens a physician's DM once, remembers it, and posts there", async () => {
    const [, dmTarget] = await h.adapter.delivery.targets(practiceId);
    await h.adapter.delivery.deliver(dmTarget as DeliveryTarget, digestFor(practiceId));
    expect(h.fake.callsTo("conversations.open")[0]?.body).toMatchObject({ users: "U0DOC" });
    expect(h.fake.successfulCallsTo("chat.postMessage")[0]?.body["channel"]).toBe("D0DOC");
    expect(await repos.members.getDmConversation(physicianId)).toBe("D0DOC");

    h.fake.reset();
    const [, again] = await h.adapter.delivery.targets(practiceId);
    expect(again?.address).toBe("D0DOC");
    await h.adapter.delivery.deliver(again as DeliveryTarget, digestFor(practiceId));
    expect(h.fake.callsTo("conversations.open")).toEqual([]);
  });

  it("fails one channel on its own: the error is thrown for that target and the others are delivered", async () => {
    h.fake.rejectChannel("C0GONE", "channel_not_found");
    const gone: DeliveryTarget = { platform: "slack", key: "slack:C0GONE", address: "C0GONE" };
    const results = await Promise.allSettled([
      h.adapter.delivery.deliver(gone, digestFor(practiceId)),
      h.adapter.delivery.deliver(channelTarget, digestFor(practiceId)),
    ]);
    expect(results[0]).toMatchObject({ status: "rejected" });
    expect(String((results[0] as PromiseRejectedResult).reason)).toContain("channel_not_found");
    expect(results[1]).toMatchObject({ status: "fulfilled" });
    expect(h.fake.successfulCallsTo("chat.postMessage").map((c) => c.body["channel"])).toEqual(["C0DIGEST"]);
  });

  it("sends a physician's digest through the workspace they use when the practice has two", async () => {
    const first = await repos.workspaces.getOrLink("slack", "T0FIRST", { name: "first" });
    const second = await repos.workspaces.getOrLink("slack", "T0SECOND", { practiceId: first.practiceId });
    const doctor = repos.addMember({
      practiceId: first.practiceId,
      externalUserId: "U0SECONDDOC",
      role: "physician",
      workspaceExternalId: second.externalId,
    });
    await repos.workspaces.setDigestConversation(first.id, "C0FIRST");
    // Each workspace's installation has its own bot token, which reaches that workspace only.
    const delivery = createSlackDelivery({
      repos,
      clients: new WebClientPool({ slackApiUrl: h.fake.apiUrl, retryConfig: { retries: 0 } }),
      tokens: { tokenFor: async (link) => (link ? `xoxb-${link.externalId}` : null) },
      renderDigest,
      logger: silentLogger(),
    });

    const targets = await delivery.targets(first.practiceId);
    for (const target of targets) await delivery.deliver(target, digestFor(first.practiceId));

    expect(h.fake.callsTo("conversations.open").map((c) => [c.body["users"], c.token])).toEqual([
      ["U0SECONDDOC", "xoxb-T0SECOND"],
    ]);
    expect(h.fake.successfulCallsTo("chat.postMessage").map((c) => [c.body["channel"], c.token])).toEqual([
      ["C0FIRST", "xoxb-T0FIRST"],
      ["D0SECONDDOC", "xoxb-T0SECOND"],
    ]);
    expect(doctor.id).toBe(targets[1]?.memberId);
  });
});
