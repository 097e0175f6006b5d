import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { TeamsDeliveryError } from "../../../src/adapters/teams/delivery/send-with-retry.ts";
import type { DeliveryTarget } from "../../../src/core/ports.ts";
import { channelConversation, DEFAULT_TENANT, personalChat } from "../../support/teams-requests.ts";
import { digestWith } from "./support/digest-fixtures.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const DIGEST_CHANNEL = channelConversation("digests");

describe("Teams digest delivery", () => {
  let h: TeamsHarness;
  let practiceId: string;
  let physicianId: string;

  beforeEach(async () => {
    h = await startTeamsHarness({
      realCore: true,
      // Real timers, short delays: the retries happen over HTTP, only faster than in production.
      delivery: { retryPolicy: { maxAttempts: 4, baseDelayMs: 20, maxDelayMs: 200 } },
    });
    await h.send("digest here", { conversation: DIGEST_CHANNEL });
    await h.send("help", { conversation: personalChat() });
    practiceId = (await h.repos.workspaces.find("teams", DEFAULT_TENANT))!.practiceId;
    const [member] = await h.repos.members.listForPractice(practiceId);
    physicianId = member!.id;
    await h.repos.members.setRole(physicianId, "physician");
    h.connector.reset();
  });
  afterEach(async () => {
    h.assertAllCardsValid();
    await h.close();
  });

  async function channelTarget(): Promise<DeliveryTarget> {
    const targets = await h.teams.delivery.targets(practiceId);
    return targets.find((t) => t.key.startsWith("teams:conv:"))!;
  }

  it("targets the digest chat and each physician's personal chat", async () => {
    const targets = await h.teams.delivery.targets(practiceId);

    expect(targets.map((t) => t.key).sort()).toEqual(
      [`teams:conv:${DIGEST_CHANNEL.id}`, `teams:dm:${physicianId}`].sort(),
    );
    expect(targets.find((t) => t.key.startsWith("teams:dm:"))?.memberId).toBe(physicianId);
  });

  it("leaves out members who are neither physicians nor liaisons", async () => {
    await h.repos.members.setRole(physicianId, "coordinator");
    const targets = await h.teams.delivery.targets(practiceId);
    expect(targets.map((t) => t.key)).toEqual([`teams:conv:${DIGEST_CHANNEL.id}`]);
  });

  it("sends the digest as a new post in the digest channel", async () => {
    await h.teams.delivery.deliver(await channelTarget(), digestWith({ referrers: 3, referrals: 7, nudges: 2 }));

    expect(h.connector.calls).toHaveLength(1);
    const call = h.connector.calls[0]!;
    expect(call).toMatchObject({ kind: "send", conversationId: DIGEST_CHANNEL.id });
    expect(call.activity.summary).toBe("Referral digest for 2026-03-02");
    expect(cardText(cardOf(call.activity))).toContain("Referral digest · Monday 2 March");
    expect(cardText(cardOf(call.activity))).toContain("7 new referrals");
  });

  it("keeps a digest of 500 referrals from 200 referrers within Teams' message size", async () => {
    const summarised = digestWith({ referrers: 200, referrals: 500, nudges: 10, shownGroups: 8 });
    // Even a digest that lists every referrer and 60 nudges (the builder never would) must fit.
    const everything = digestWith({ referrers: 200, referrals: 500, nudges: 60 });
    await h.teams.delivery.deliver(await channelTarget(), summarised);
    await h.teams.delivery.deliver(await channelTarget(), everything);

    for (const call of h.connector.calls) {
      expect(Buffer.byteLength(JSON.stringify(call.activity))).toBeLessThan(28 * 1024);
      expect(cardText(cardOf(call.activity))).toContain("500 new referrals");
    }
    expect(cardText(cardOf(h.connector.calls[0]!.activity))).toContain("more from 192 other referrers");
    expect(cardText(cardOf(h.connector.calls[1]!.activity))).toMatch(/…and \d+ more lines/);
  });

  it("survives 429 with Retry-After and delivers once", async () => {
    h.connector.failNext(2, { status: 429, retryAfter: 0 });
    await h.teams.delivery.deliver(await channelTarget(), digestWith({ referrers: 1, referrals: 1 }));
    expect(h.connector.failed.map((f) => f.status)).toEqual([429, 429]);
    expect(h.connector.calls).toHaveLength(1);
  });

  it("survives 429 without Retry-After, and 412, and delivers once", async () => {
    h.connector.failNext(1, { status: 429 });
    h.connector.failNext(1, { status: 412 });
    await h.teams.delivery.deliver(await channelTarget(), digestWith({ referrers: 1, referrals: 1 }));
    expect(h.connector.failed.map((f) => f.status)).toEqual([429, 412]);
    expect(h.connector.calls).toHaveLength(1);
  });

  it("survives 502 and 504 and delivers once", async () => {
    h.connector.failNext(1, { status: 502 });
    h.connector.failNext(1, { status: 504 });
    await h.teams.delivery.deliver(await channelTarget(), digestWith({ referrers: 1, referrals: 1 }));
    expect(h.connector.failed.map((f) => f.status)).toEqual([502, 504]);
    expect(h.connector.calls).toHaveLength(1);
  });

  it("throws at once on an error Teams will not get over (403: the bot was removed)", async () => {
    h.connector.failNext(1, { status: 403 });
    await expect(
      h.teams.delivery.deliver(await channelTarget(), digestWith({ referrers: 1, referrals: 1 })),
    ).rejects.toMatchObject({ statusCode: 403 });
    expect(h.connector.failed).toHaveLength(1);
    expect(h.connector.calls).toHaveLength(0);
  });

  it("gives up after a bounded number of attempts and says why", async () => {
    h.connector.failNext(50, { status: 412 });
    const error = await h.teams.delivery
      .deliver(await channelTarget(), digestWith({ referrers: 1, referrals: 1 }))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(TeamsDeliveryError);
    expect(error).toMatchObject({ code: "TEAMS_DELIVERY_FAILED", status: 412, attempts: 4 });
    expect(h.connector.failed).toHaveLength(4);
    expect(h.connector.calls).toHaveLength(0);
  });

  it("refuses a corrupt stored reference without retrying", async () => {
    const target: DeliveryTarget = { platform: "teams", key: "teams:conv:x", address: "{not json" };
    await expect(h.teams.delivery.deliver(target, digestWith({ referrers: 1, referrals: 1 }))).rejects.toMatchObject({
      code: "TEAMS_BAD_CONVERSATION_REFERENCE",
    });
    expect(h.connector.failed).toHaveLength(0);
  });
});
