// `/gift` over the real Slack protocol (a signed slash command) and the real Teams protocol (a Bot Framework
// message), on SQLite and PostgreSQL: the gift is logged once, its amount and the year's total reach only
// the giver (a Slack ephemeral reply, a Teams personal chat), and a Teams channel sees no amount at all.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/model.ts";
import { channelConversation, personalChat } from "../support/teams-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./slack/support/harness.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./teams/support/teams-harness.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const TENANT = "tenant-gift";

async function seedLee(app: TestApp, practiceId: string) {
  const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  await app.repos.referrers.create(practiceId, { displayName: "Dr. Jennifer Lee", lastName: "Lee" }, setup);
}

describe.each([
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
])("gifts and meals ($provider)", ({ provider, skip }) => {
  let app: TestApp;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  let slackPractice: string;
  let teamsPractice: string;

  beforeAll(async () => {
    if (skip) return;
    app = await createTestApp({ provider, now: NOW });
    slack = await startSlackHarness({ core: app.core, repos: app.repos });
    teams = await startTeamsHarness({ core: app.core, repos: app.repos });
    slackPractice = (await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain })).practiceId;
    await seedLee(app, slackPractice);
    teamsPractice = (await app.repos.workspaces.getOrLink("teams", TENANT)).practiceId;
    await seedLee(app, teamsPractice);
  });
  afterAll(async () => {
    await slack?.close();
    await teams?.close();
    await app?.close();
  });

  const giftsOf = (practiceId: string) => app.db.prisma.gift.findMany({ where: { practiceId } });

  it.skipIf(skip)("logs /gift on Slack once, answering only the giver with the year's total", async () => {
    slack.fake.reset();
    const triggerId = "1000001.47445629121.0000000000000000000000000000gift";
    const fields = {
      command: "/gift",
      text: "Dr. Lee lunch for the office $85",
      channelId: "C0CLINIC",
      userId: "U0ANA",
    };
    expect((await slack.command({ ...fields, triggerId })).status).toBe(200);
    const [answer] = await slack.fake.waitForCalls("response_url");
    expect(answer?.body["response_type"]).toBe("ephemeral");
    const text = JSON.stringify(answer?.body["blocks"]);
    expect(text).toContain("Gift to Dr. Jennifer Lee logged: $85");
    expect(text).toContain("$85 of $535 (15 %)");

    // The same request again (a retry carries the same trigger id): nothing new is logged.
    await slack.command({ ...fields, triggerId });
    await slack.fake.waitForCalls("response_url", 2);
    const gifts = await giftsOf(slackPractice);
    expect(gifts).toHaveLength(1);
    expect(gifts[0]).toMatchObject({ amountCents: 8_500, description: "lunch for the office" });
  });

  it.skipIf(skip)("shows the total in the giver's profile on Slack, and not in a colleague's", async () => {
    slack.fake.reset();
    await slack.command({ command: "/referrer", text: "Dr. Lee", channelId: "C0CLINIC", userId: "U0ANA" });
    await slack.command({ command: "/referrer", text: "Dr. Lee", channelId: "C0CLINIC", userId: "U0BEN" });
    const [giver, colleague] = await slack.fake.waitForCalls("response_url", 2);
    expect(JSON.stringify(giver?.body["blocks"])).toContain("$85 of $535 (15 %)");
    const other = JSON.stringify(colleague?.body["blocks"]);
    expect(other).toContain("Dr. Jennifer Lee");
    expect(other).not.toMatch(/\$\d/);
  });

  it.skipIf(skip)("answers /gift with a usage that says what to type when the amount is missing", async () => {
    slack.fake.reset();
    await slack.command({ command: "/gift", text: "Dr. Lee lunch for the office", channelId: "C0CLINIC" });
    const [answer] = await slack.fake.waitForCalls("response_url");
    const text = JSON.stringify(answer?.body);
    expect(text).toContain("How much was it?");
    expect(text).toContain("/gift Dr. Lee lunch for the office $85");
  });

  it.skipIf(skip)(
    "logs a gift in a Teams personal chat once, with the amount, however often the message comes",
    async () => {
      const chat = { conversation: personalChat(undefined, TENANT), extra: { id: "gift-message-1" } };
      await teams.send("gift Dr. Lee lunch for the office $85", chat);
      expect(cardText(cardOf(teams.connector.calls.at(-1)!.activity))).toContain("$85 of $535 (15 %)");
      await teams.send("gift Dr. Lee lunch for the office $85", chat);
      expect(await giftsOf(teamsPractice)).toHaveLength(1);
      teams.assertAllCardsValid();
    },
  );

  it.skipIf(skip)("in a Teams channel, logs the gift and shows no amount, in the reply or the profile", async () => {
    const channel = { conversation: channelConversation("general", TENANT) };
    await teams.send("gift Dr. Lee coffee $12", channel);
    const reply = cardText(cardOf(teams.connector.calls.at(-1)!.activity));
    expect(reply).toContain("Gift to Dr. Jennifer Lee logged");
    expect(reply).not.toMatch(/\$\d/);
    expect((await giftsOf(teamsPractice)).map((g) => g.amountCents).sort()).toEqual([1_200, 8_500]);

    await teams.send("referrer Dr. Lee", channel);
    const profile = cardText(cardOf(teams.connector.calls.at(-1)!.activity));
    expect(profile).toContain("Dr. Jennifer Lee");
    expect(profile).not.toMatch(/\$\d/);

    // The same giver in their personal chat sees both gifts.
    await teams.send("referrer Dr. Lee", { conversation: personalChat(undefined, TENANT) });
    expect(cardText(cardOf(teams.connector.calls.at(-1)!.activity))).toContain("$97 of $535 (18 %)");
    teams.assertAllCardsValid();
  });
});
