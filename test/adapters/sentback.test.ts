// Returning the favour over the real Slack and Teams protocols: `/sentback Dr. Okoro <note>` logs a
// returned-referral touch once, the profile's ledger counts it, and `/referrals needs <specialty>` ranks
// the referrers of that specialty who sent the most and had the least back. No patient detail reaches chat.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor } from "../../src/core/model.ts";
import { personalChat } from "../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./slack/support/harness.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./teams/support/teams-harness.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const DAY = 86_400_000;
const TENANT = "tenant-sentback";

/** Two cardiologists: Dr. Okoro sent six patients, Dr. Baptiste two; a family doctor sent nine. */
async function seed(app: TestApp, practiceId: string) {
  const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  const add = async (displayName: string, lastName: string, specialty: string, count: number) => {
    const r = await app.repos.referrers.create(practiceId, { displayName, lastName, specialty }, setup);
    for (let i = 0; i < count; i++) {
      await app.repos.referrals.add(setup, {
        referrerId: r.id,
        sourceId: `${lastName}-${i}`,
        receivedAt: new Date(NOW.getTime() - (3 + i * 20) * DAY),
      });
    }
    return r;
  };
  const okoro = await add("Dr. Chidi Okoro", "Okoro", "Cardiology", 6);
  await add("Dr. Marie Baptiste", "Baptiste", "Cardiology", 2);
  await add("Dr. Sam Whitfield", "Whitfield", "Family medicine", 9);
  return okoro;
}

const returned = (app: TestApp, referrerId: string) =>
  app.db.prisma.touch.findMany({ where: { referrerId, kind: "returned_referral" } });

describe("returning the favour", () => {
  let app: TestApp;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  let slackOkoro: { id: string };
  let teamsOkoro: { id: string };

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    slack = await startSlackHarness({ core: app.core, repos: app.repos });
    teams = await startTeamsHarness({ core: app.core, repos: app.repos });
    slackOkoro = await seed(app, (await app.repos.workspaces.getOrLink("slack", TEAM.teamId)).practiceId);
    teamsOkoro = await seed(app, (await app.repos.workspaces.getOrLink("teams", TENANT)).practiceId);
  });
  afterAll(async () => {
    await slack?.close();
    await teams?.close();
    await app?.close();
  });

  it("logs /sentback on Slack once, cleaned of the patient's details, and the profile counts it", async () => {
    slack.fake.reset();
    const text = "Dr. Okoro echo for Maria Gonzalez, call 555-123-4567";
    expect((await slack.command({ command: "/sentback", text })).status).toBe(200);
    const [answer] = await slack.fake.waitForCalls("response_url");
    const said = JSON.stringify(answer?.body);
    expect(said).toContain("Dr. Chidi Okoro");
    expect(said).not.toMatch(/555-123-4567/);
    const touches = await returned(app, slackOkoro.id);
    expect(touches).toHaveLength(1);
    expect(touches[0]!.note).not.toMatch(/555-123-4567/);

    slack.fake.reset();
    await slack.command({ command: "/referrer", text: "Dr. Okoro" });
    const [profile] = await slack.fake.waitForCalls("response_url");
    expect(JSON.stringify(profile?.body)).toContain("6 · 1 in 12 months");
  });

  it("ranks /referrals needs cardiology on Slack by what each relationship is owed", async () => {
    slack.fake.reset();
    await slack.command({ command: "/referrals", text: "needs cardiology" });
    const [answer] = await slack.fake.waitForCalls("response_url");
    const said = JSON.stringify(answer?.body);
    // Baptiste sent two and had none back; Okoro six with one back (3 owed each): most owed first, then recent.
    expect(said).toContain("Dr. Marie Baptiste");
    expect(said).toContain("Dr. Chidi Okoro");
    expect(said).not.toContain("Dr. Sam Whitfield");
  });

  it("logs sentback in Teams once and answers referrals needs with the same ranking rule", async () => {
    const chat = { conversation: personalChat(undefined, TENANT) };
    await teams.send("sentback Dr. Okoro stress echo", chat);
    expect(cardText(cardOf(teams.connector.calls.at(-1)!.activity))).toContain("Dr. Chidi Okoro");
    expect(await returned(app, teamsOkoro.id)).toHaveLength(1);

    await teams.send("referrals needs cardiology", chat);
    const ranking = cardText(cardOf(teams.connector.calls.at(-1)!.activity));
    expect(ranking).toContain("Dr. Marie Baptiste");
    expect(ranking).not.toContain("Dr. Sam Whitfield");
    teams.assertAllCardsValid();
  });
});
