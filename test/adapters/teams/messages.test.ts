import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/core/model.ts";
import { channelConversation, DEFAULT_TENANT, messageActivity, personalChat } from "../../support/teams-requests.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

describe("Teams messages, on the real core", () => {
  let h: TeamsHarness;

  async function addReferrer(name: string, lastName: string) {
    const link = await h.repos.workspaces.getOrLink("teams", DEFAULT_TENANT);
    const actor: Actor = { practiceId: link.practiceId, memberId: null, name: "test", channel: "cli", role: null };
    return h.repos.referrers.create(link.practiceId, { displayName: name, lastName }, actor);
  }

  function lastCardText(): string {
    return cardText(cardOf(h.connector.calls.at(-1)!.activity));
  }

  beforeEach(async () => {
    h = await startTeamsHarness({ realCore: true });
    await addReferrer("Dr. Jane Lee", "Lee");
  });
  afterEach(async () => {
    h.assertAllCardsValid();
    await h.close();
  });

  it("answers a command in a personal chat with a card replying to the message", async () => {
    const activity = messageActivity("thanked Dr. Lee sent a card", h.base);
    const result = await h.post(activity);

    expect(result.status).toBe(200);
    expect(h.connector.calls).toHaveLength(1);
    const call = h.connector.calls[0]!;
    expect(call).toMatchObject({ kind: "reply", activityId: activity["id"] });
    expect(cardText(cardOf(call.activity))).toContain("✓ Thanked Dr. Jane Lee");
    expect(cardText(cardOf(call.activity))).toContain("Note: sent a card");
  });

  it("accepts the verb with a slash, as people used to Slack type it", async () => {
    await h.send("/thanked Dr. Lee");
    expect(lastCardText()).toContain("✓ Thanked Dr. Jane Lee");
  });

  it("strips the @mention in a channel before reading the command", async () => {
    await h.send("<at>Referral Nudge</at> thanked&nbsp;Dr. Lee", {
      conversation: channelConversation(),
      extra: {
        entities: [{ type: "mention", text: "<at>Referral Nudge</at>", mentioned: { id: "28:referral-nudge-bot" } }],
      },
    });
    expect(lastCardText()).toContain("✓ Thanked Dr. Jane Lee");
  });

  it("logs a retried message once", async () => {
    const activity = messageActivity("thanked Dr. Lee", h.base);
    await h.post(activity);
    await h.post(activity);
    const link = await h.repos.workspaces.find("teams", DEFAULT_TENANT);
    expect(await h.repos.touches.countSince(link!.practiceId, new Date(0))).toBe(1);
  });

  it("answers an empty mention with help", async () => {
    await h.send("<at>Referral Nudge</at>", { conversation: channelConversation() });
    expect(lastCardText()).toContain("Referral Nudge keeps your referral relationships warm");
  });

  it("offers to add a referrer it does not know, with a button", async () => {
    await h.send("thanked Dr. Nobody");
    expect(lastCardText()).toContain("I don't know Dr. Nobody yet");
    expect(cardButtons(cardOf(h.connector.calls.at(-1)!.activity))[0]).toMatchObject({ verb: "referrer.add" });
  });

  it("opens the feedback form as a card when no feedback text is given", async () => {
    await h.send("feedback Dr. Lee");
    expect(h.connector.calls).toHaveLength(1);
    const form = cardOf(h.connector.calls[0]!.activity);
    expect(cardText(form)).toContain("Feedback from Dr. Jane Lee");
    expect(cardButtons(form).map((b) => b.verb)).toEqual(["form.submit", "form.cancel"]);
  });

  it("stores the chat as the practice's digest conversation on 'digest here'", async () => {
    const thread = { ...channelConversation("digests"), id: "19:digests@thread.tacv2;messageid=17" };
    await h.send("digest here", { conversation: thread });

    expect(lastCardText()).toContain("The daily digest will be posted here");
    const link = await h.repos.workspaces.find("teams", DEFAULT_TENANT);
    const stored = JSON.parse(link?.digestConversation ?? "null");
    // A new post in the channel, not a reply in the thread "digest here" was typed in.
    expect(stored.conversation.id).toBe("19:digests@thread.tacv2");
    expect(stored.serviceUrl).toBe(h.connector.serviceUrl);
    expect(stored.activityId).toBeUndefined();
  });

  it("remembers a member's personal chat for the personal digest", async () => {
    await h.send("help", { conversation: personalChat() });

    const link = await h.repos.workspaces.find("teams", DEFAULT_TENANT);
    const [member] = await h.repos.members.listForPractice(link!.practiceId);
    const stored = JSON.parse((await h.repos.members.getDmConversation(member!.id)) ?? "null");
    expect(stored.conversation.id).toBe(personalChat().id);
  });

  it("uses one fixed tenant when the Playground sends none", async () => {
    await h.send("help", { tenantId: null });
    expect(await h.repos.workspaces.find("teams", "local")).not.toBeNull();
  });

  it("identifies the user by AAD object id when Teams gives one", async () => {
    await h.send("help", { from: { id: "29:x", aadObjectId: "aad-x", name: "Xu" } });
    const link = await h.repos.workspaces.find("teams", DEFAULT_TENANT);
    const members = await h.repos.members.listForPractice(link!.practiceId);
    expect(members.map((m) => m.externalUserId)).toEqual(["aad-x"]);
  });

  it("answers a failing core with an apology card, not silence", async () => {
    const broken = await startTeamsHarness({
      core: {
        ...h.app!.core,
        runCommand: async () => {
          throw new Error("database down");
        },
      },
      repos: h.repos,
    });
    try {
      const result = await broken.send("nudges");
      expect(result.status).toBe(200);
      expect(cardText(cardOf(broken.connector.calls[0]!.activity))).toContain("Something went wrong on our side");
    } finally {
      await broken.close();
    }
  });
});

describe("Teams /api/messages request checks", () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness();
  });
  afterEach(async () => {
    await h.close();
  });

  it("refuses a body that is not JSON with 400", async () => {
    expect((await h.post("{not json")).status).toBe(400);
  });

  it("refuses JSON that is not an activity with 400", async () => {
    expect((await h.post({ hello: "world" })).status).toBe(400);
    const badUrl = { type: "message", serviceUrl: "not a url", channelId: "msteams", conversation: { id: "c" } };
    expect((await h.post(badUrl)).status).toBe(400);
  });

  it("refuses a body over the size limit with 413", async () => {
    const activity = messageActivity("x".repeat(600 * 1024), h.base);
    expect((await h.post(activity)).status).toBe(413);
  });

  it("refuses a body that is not JSON by its content type with 415", async () => {
    const response = await fetch(h.botUrl, { method: "POST", headers: { "content-type": "text/plain" }, body: "hi" });
    expect(response.status).toBe(415);
  });

  it("in local mode, refuses an activity whose replies would go to another machine", async () => {
    const result = await h.post(messageActivity("help", { serviceUrl: "https://evil.example.com/" }));
    expect(result.status).toBe(403);
    expect(h.connector.calls).toHaveLength(0);
  });
});
