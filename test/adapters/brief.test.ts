// `/brief Dr. Lee` and the profile's Brief button over the real Slack and Teams protocols, on SQLite and
// PostgreSQL: the same facts reach both, and nothing about a patient does.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/model.ts";
import { personalChat } from "../support/teams-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./slack/support/harness.ts";
import { cardButtons, cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./teams/support/teams-harness.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const DAY = 86_400_000;
const TENANT = "tenant-brief";

async function seedLee(app: TestApp, practiceId: string) {
  const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  const lee = await app.repos.referrers.create(practiceId, { displayName: "Dr. Jennifer Lee", lastName: "Lee" }, setup);
  const referral = (i: number, daysAgo: number, status: "received" | "seen") => ({
    id: `${practiceId}-ref${i}`,
    practiceId,
    referrerId: lee.id,
    sourceId: `S${i}`,
    receivedAt: new Date(NOW.getTime() - daysAgo * DAY),
    status,
    reason: "knee pain for Maria Gonzalez",
    ...(status === "seen" ? { seenAt: new Date(NOW.getTime() - 2 * DAY) } : {}),
  });
  await app.db.prisma.referral.createMany({
    data: [referral(1, 6, "received"), referral(2, 40, "seen"), referral(3, 400, "seen")],
  });
  await app.db.prisma.touch.create({
    data: {
      practiceId,
      referrerId: lee.id,
      kind: "call",
      actorName: "Ana Lopez",
      occurredAt: new Date(NOW.getTime() - 10 * DAY),
      channel: "slack",
      idempotencyKey: `${practiceId}-call`,
    },
  });
}

describe.each([
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
])("the brief ($provider)", ({ provider, skip }) => {
  let app: TestApp;
  let slack: SlackHarness;
  let teams: TeamsHarness;

  beforeAll(async () => {
    if (skip) return;
    app = await createTestApp({ provider, now: NOW });
    slack = await startSlackHarness({ core: app.core, repos: app.repos });
    teams = await startTeamsHarness({ core: app.core, repos: app.repos });
    const slackLink = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    await seedLee(app, slackLink.practiceId);
    const teamsLink = await app.repos.workspaces.getOrLink("teams", TENANT);
    await seedLee(app, teamsLink.practiceId);
  });
  afterAll(async () => {
    await slack?.close();
    await teams?.close();
    await app?.close();
  });

  const expectBrief = (text: string) => {
    expect(text).toContain("Brief: Dr. Jennifer Lee");
    expect(text).toContain("Not yet booked");
    expect(text).toContain("1 (oldest 6 days)");
    expect(text).toContain("Call by Ana Lopez");
    expect(text).toContain("Talking points");
    expect(text).toContain("1 referral of theirs not booked yet (oldest 6 days)");
    expect(text).not.toMatch(/Maria|Gonzalez|knee/);
  };

  it.skipIf(skip)("answers /brief on Slack with the referrer's facts and talking points", async () => {
    slack.fake.reset();
    await slack.command({ command: "/brief", text: "Dr. Lee", channelId: "C0CLINIC" });
    const [answer] = await slack.fake.waitForCalls("response_url");
    expectBrief(JSON.stringify(answer?.body["blocks"]));
  });

  it.skipIf(skip)("answers brief in a Teams chat, and from the Brief button of the profile", async () => {
    const chat = { conversation: personalChat(undefined, TENANT) };
    await teams.send("brief Dr. Lee", chat);
    expectBrief(cardText(cardOf(teams.connector.calls.at(-1)!.activity)));

    await teams.send("referrer Dr. Lee", chat);
    const profile = teams.connector.calls.at(-1)!;
    const brief = cardButtons(cardOf(profile.activity)).find((b) => b.verb === "referrer.brief");
    expect(brief?.title).toBe("Brief");
    const click = await teams.click({ verb: "referrer.brief", data: brief!.data, replyToId: profile.id }, chat);
    expect(click.status).toBe(200);
    expectBrief(cardText(cardOf(teams.connector.calls.at(-1)!.activity)));
    teams.assertAllCardsValid();
  });
});
