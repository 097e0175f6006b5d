import { afterEach, beforeEach, describe, expect, it } from "vitest";
import {
  botAddedActivity,
  channelConversation,
  DEFAULT_TENANT,
  personalChat,
  teamsActivity,
} from "../../support/teams-requests.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

describe("Teams install, on the real core", () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness({ realCore: true });
  });
  afterEach(async () => {
    h.assertAllCardsValid();
    await h.close();
  });

  it("links a new tenant to a practice and greets with a welcome card that teaches the commands", async () => {
    const result = await h.post(botAddedActivity({ ...h.base, conversation: personalChat() }));

    expect(result.status).toBe(200);
    expect(await h.repos.workspaces.find("teams", DEFAULT_TENANT)).not.toBeNull();
    expect(h.connector.calls).toHaveLength(1);
    const text = cardText(cardOf(h.connector.calls[0]!.activity));
    expect(text).toContain("Hi, I'm Referral Nudge");
    expect(text).toContain("thanked Dr. Lee sent a card");
    expect(text).toContain("digest here");
  });

  it("greets a personal chat once, even when the install events come again (a Playground reload)", async () => {
    await h.post(botAddedActivity({ ...h.base, conversation: personalChat() }));
    await h.post(botAddedActivity({ ...h.base, conversation: personalChat() }));
    expect(h.connector.calls).toHaveLength(1);
  });

  it("greets a channel once and tells people there to @mention the bot", async () => {
    const channel = { ...h.base, conversation: channelConversation() };
    await h.post(botAddedActivity(channel));
    await h.post(botAddedActivity(channel));

    expect(h.connector.calls).toHaveLength(1);
    expect(cardText(cardOf(h.connector.calls[0]!.activity))).toContain("@mention me");
  });

  it("does not greet when someone else joins the conversation", async () => {
    await h.post(
      teamsActivity("conversationUpdate", { ...h.base, extra: { membersAdded: [{ id: "29:someone-else" }] } }),
    );
    expect(h.connector.calls).toHaveLength(0);
  });

  it("links the tenant on installationUpdate without a second greeting", async () => {
    const result = await h.post(teamsActivity("installationUpdate", { ...h.base, extra: { action: "add" } }));

    expect(result.status).toBe(200);
    expect(await h.repos.workspaces.find("teams", DEFAULT_TENANT)).not.toBeNull();
    expect(h.connector.calls).toHaveLength(0);
  });
});
