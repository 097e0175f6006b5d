// What a user typed is shown as they typed it, never as Slack markup: a typed <@U123>, <!channel> or
// <https://evil|x> in a note, or in a referrer's name, reaches Slack escaped and pings or links nobody.
// Signed requests in, the real core and database, Slack's side played by the fake.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import type { Actor } from "../../../src/core/model.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

/** Slack's markup for pings and links: what must not appear in anything the bot sends as mrkdwn. */
const LIVE_MARKUP = /<[@#!]|<https?:/;

/** The texts Slack reads as mrkdwn: the notification text and every mrkdwn object (plain_text is shown as is). */
function mrkdwnTexts(body: unknown): string {
  const texts: string[] = [String((body as { text?: unknown })?.text ?? "")];
  JSON.stringify(body, (_key, value) => {
    if (value && typeof value === "object" && (value as { type?: unknown }).type === "mrkdwn") {
      texts.push(String((value as { text?: unknown }).text));
    }
    return value;
  });
  return texts.join("\n");
}

describe("user text in Slack messages", () => {
  let app: TestApp;
  let h: SlackHarness;
  let seed: Actor;

  beforeAll(async () => {
    app = await createTestApp();
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    seed = { practiceId: link.practiceId, memberId: null, name: "seed", channel: "cli", role: null };
    await app.repos.referrers.create(link.practiceId, { displayName: "Dr. Jennifer Lee", lastName: "Lee" }, seed);
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });
  beforeEach(() => h.fake.reset());

  it("shows a note with a typed user mention, @channel and a disguised link as text", async () => {
    // Slack escapes what people type: a typed "<@U0BOB>" arrives as &lt;@U0BOB&gt;.
    await h.command({
      command: "/thanked",
      text: "Dr. Jennifer Lee &lt;@U0BOB&gt; &lt;!channel&gt; &lt;https://evil.example|reset your password&gt;",
    });
    const [answer] = await h.fake.waitForCalls("response_url");
    const sent = mrkdwnTexts(answer?.body);

    expect(sent).not.toMatch(LIVE_MARKUP);
    expect(sent).toContain("&lt;@U0BOB&gt; &lt;!channel&gt;");
    // The link itself is an identifier the note cleaner removes before it is stored.
    expect(sent).not.toContain("https://evil.example");
    // Typed, it is no mention: the touch is Ana's, logged with the text as its note.
    const [touch] = await app.db.prisma.touch.findMany({ where: { practiceId: seed.practiceId } });
    expect(touch?.actorName).toBe("Ana Lopez");
    expect(touch?.note).toBe("<@U0BOB> <!channel> <[removed] your password>");
  });

  it("shows a referrer whose name carries Slack markup as that name", async () => {
    await app.repos.referrers.create(
      seed.practiceId,
      { displayName: "Dr. <@U0BOB> <!here> Moss", lastName: "Moss" },
      seed,
    );
    await h.command({ command: "/referrer", text: "Moss" });
    const [answer] = await h.fake.waitForCalls("response_url");
    const sent = mrkdwnTexts(answer?.body);
    expect(sent).not.toMatch(LIVE_MARKUP);
    expect(sent).toContain("Dr. &lt;@U0BOB&gt; &lt;!here&gt; Moss");
  });
});
