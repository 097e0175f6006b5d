// Conversation references outlive the library that stored them: a reference stored by the
// botbuilder version must still receive the digest on the Teams SDK, and a reference to a chat the
// bot was removed from (or that Teams refuses, 403/404) is dropped, with an audit entry.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  BOT,
  channelConversation,
  DEFAULT_TENANT,
  DEFAULT_USER,
  personalChat,
  teamsActivity,
} from "../../support/teams-requests.ts";
import { digestWith } from "./support/digest-fixtures.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const DIGEST_CHANNEL = channelConversation("digests");

/**
 * Exactly what the botbuilder version (teams-ai 1.7, botbuilder 4.23) stored for a channel's
 * "digest here": TurnContext.getConversationReference without the activity id, the thread suffix
 * cut off the channel's conversation id. Only the serviceUrl is this test's fake connector.
 */
function botbuilderChannelReference(serviceUrl: string): string {
  return (
    '{"user":{"id":"29:user-ana","aadObjectId":"aad-ana","name":"Ana Ruiz"},' +
    '"bot":{"id":"28:referral-nudge-bot","name":"Referral Nudge"},' +
    `"conversation":{"isGroup":true,"conversationType":"channel","tenantId":"${DEFAULT_TENANT}","id":"${DIGEST_CHANNEL.id}"},` +
    `"channelId":"msteams","locale":"en-US","serviceUrl":"${serviceUrl}"}`
  );
}

/** The same for a physician's personal chat, as remember-conversations stored it. */
function botbuilderPersonalReference(serviceUrl: string): string {
  return (
    '{"user":{"id":"29:user-ana","aadObjectId":"aad-ana","name":"Ana Ruiz"},' +
    '"bot":{"id":"28:referral-nudge-bot","name":"Referral Nudge"},' +
    `"conversation":{"conversationType":"personal","tenantId":"${DEFAULT_TENANT}","id":"${personalChat().id}"},` +
    `"channelId":"msteams","locale":"en-US","serviceUrl":"${serviceUrl}"}`
  );
}

describe("Teams conversation references across the move to the Teams SDK", () => {
  let h: TeamsHarness;
  let practiceId: string;
  let workspaceId: string;
  let physicianId: string;

  beforeEach(async () => {
    h = await startTeamsHarness({
      realCore: true,
      delivery: { retryPolicy: { maxAttempts: 2, baseDelayMs: 5, maxDelayMs: 20 } },
    });
    const link = await h.repos.workspaces.getOrLink("teams", DEFAULT_TENANT);
    practiceId = link.practiceId;
    workspaceId = link.id;
    const physician = await h.repos.members.upsert({
      practiceId,
      platform: "teams",
      externalUserId: DEFAULT_USER.aadObjectId!,
      displayName: DEFAULT_USER.name,
      workspaceExternalId: DEFAULT_TENANT,
    });
    physicianId = physician.id;
    await h.repos.members.setRole(physicianId, "physician");
    // The database as the previous version left it.
    await h.repos.workspaces.setDigestConversation(workspaceId, botbuilderChannelReference(h.connector.serviceUrl));
    await h.repos.members.setDmConversation(physicianId, botbuilderPersonalReference(h.connector.serviceUrl));
  });
  afterEach(async () => {
    h.assertAllCardsValid();
    await h.close();
  });

  async function targetKeys(): Promise<string[]> {
    return (await h.teams.delivery.targets(practiceId)).map((t) => t.key).sort();
  }

  async function auditActions(): Promise<string[]> {
    const rows = await h.app!.db.prisma.auditEvent.findMany({ where: { practiceId }, orderBy: { createdAt: "asc" } });
    return rows.map((r) => r.action);
  }

  it("delivers the digest to a channel and a personal chat stored by the botbuilder version", async () => {
    const targets = await h.teams.delivery.targets(practiceId);
    expect(targets.map((t) => t.key).sort()).toEqual(
      [`teams:conv:${DIGEST_CHANNEL.id}`, `teams:dm:${physicianId}`].sort(),
    );
    for (const target of targets) await h.teams.delivery.deliver(target, digestWith({ referrers: 2, referrals: 3 }));

    expect(h.connector.calls.map((c) => [c.kind, c.conversationId]).sort()).toEqual(
      [
        ["send", DIGEST_CHANNEL.id],
        ["send", personalChat().id],
      ].sort(),
    );
    for (const call of h.connector.calls) {
      expect(call.activity.summary).toBe("Referral digest for 2026-03-02");
      expect(cardText(cardOf(call.activity))).toContain("3 new referrals");
      // Sent as the bot, to the conversation stored, not as a reply to anything.
      expect(call.activity).toMatchObject({ from: { id: BOT.id }, conversation: { id: call.conversationId } });
      expect(call.activity.replyToId).toBeUndefined();
    }
  });

  it("keeps a stored reference as it is when the same chat talks to the bot again", async () => {
    await h.send("help", { conversation: personalChat() });
    expect(await h.repos.members.getDmConversation(physicianId)).toBe(
      botbuilderPersonalReference(h.connector.serviceUrl),
    );
  });

  it("drops the digest channel when the bot is removed from the team, with an audit entry", async () => {
    const removed = teamsActivity("conversationUpdate", {
      ...h.base,
      conversation: DIGEST_CHANNEL,
      extra: { membersRemoved: [BOT], channelData: { tenant: { id: DEFAULT_TENANT }, eventType: "teamMemberRemoved" } },
    });
    expect((await h.post(removed)).status).toBe(200);

    expect((await h.repos.workspaces.find("teams", DEFAULT_TENANT))?.digestConversation).toBeNull();
    expect(await targetKeys()).toEqual([`teams:dm:${physicianId}`]);
    expect(await auditActions()).toContain("workspace.digest_conversation");
    expect(h.connector.calls).toHaveLength(0);
  });

  it("keeps the digest channel when someone else leaves the team", async () => {
    const left = teamsActivity("conversationUpdate", {
      ...h.base,
      conversation: DIGEST_CHANNEL,
      extra: { membersRemoved: [{ id: "29:someone-else" }] },
    });
    expect((await h.post(left)).status).toBe(200);
    expect(await targetKeys()).toEqual([`teams:conv:${DIGEST_CHANNEL.id}`, `teams:dm:${physicianId}`].sort());
    expect(await auditActions()).not.toContain("workspace.digest_conversation");
  });

  it("drops a physician's personal chat when they uninstall the app there, with an audit entry", async () => {
    const uninstalled = teamsActivity("installationUpdate", {
      ...h.base,
      conversation: personalChat(),
      extra: { action: "remove" },
    });
    expect((await h.post(uninstalled)).status).toBe(200);

    expect(await h.repos.members.getDmConversation(physicianId)).toBeNull();
    expect(await targetKeys()).toEqual([`teams:conv:${DIGEST_CHANNEL.id}`]);
    expect(await auditActions()).toContain("member.dm_conversation");
  });

  it.each([403, 404])("drops a chat whose digest Teams answers with %i, with an audit entry", async (status) => {
    const channel = (await h.teams.delivery.targets(practiceId)).find((t) => t.key.startsWith("teams:conv:"))!;
    h.connector.failNext(1, { status });
    await expect(h.teams.delivery.deliver(channel, digestWith({ referrers: 1, referrals: 1 }))).rejects.toMatchObject({
      statusCode: status,
    });

    expect(await targetKeys()).toEqual([`teams:dm:${physicianId}`]);
    expect(await auditActions()).toContain("workspace.digest_conversation");
    // The digest was tried once: 403 and 404 are not retried.
    expect(h.connector.failed).toHaveLength(1);
  });

  it("drops a personal chat whose digest Teams answers with 403", async () => {
    const dm = (await h.teams.delivery.targets(practiceId)).find((t) => t.key.startsWith("teams:dm:"))!;
    h.connector.failNext(1, { status: 403 });
    await expect(h.teams.delivery.deliver(dm, digestWith({ referrers: 1, referrals: 1 }))).rejects.toMatchObject({
      statusCode: 403,
    });
    expect(await h.repos.members.getDmConversation(physicianId)).toBeNull();
    expect(await targetKeys()).toEqual([`teams:conv:${DIGEST_CHANNEL.id}`]);
  });

  it("keeps the chat after a 502 that outlasts the retries: Teams may be back tomorrow", async () => {
    const channel = (await h.teams.delivery.targets(practiceId)).find((t) => t.key.startsWith("teams:conv:"))!;
    h.connector.failNext(5, { status: 502 });
    await expect(h.teams.delivery.deliver(channel, digestWith({ referrers: 1, referrals: 1 }))).rejects.toThrow();
    expect(await targetKeys()).toEqual([`teams:conv:${DIGEST_CHANNEL.id}`, `teams:dm:${physicianId}`].sort());
  });
});
