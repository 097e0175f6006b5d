// The Monday team summary in a Teams manager's personal chat with the bot, over the Bot Framework protocol.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { silentLogger } from "../../../src/logging/logger.ts";
import { sendWeeklySummaries } from "../../../src/scheduler/send-weekly-summaries.ts";
import { personalChat, type TeamsUser } from "../../support/teams-requests.ts";
import type { TestApp } from "../../support/test-app.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const MONDAY = new Date("2026-12-07T12:30:00Z");
const MO: TeamsUser = { id: "29:user-mo", aadObjectId: "aad-mo", name: "Mo Manager" };

describe("the weekly team summary on Teams", () => {
  let h: TeamsHarness;

  beforeAll(async () => {
    h = await startTeamsHarness({ realCore: true });
    await h.send("help", { conversation: personalChat(MO.id), from: MO });
    const app = h.app as TestApp;
    const [member] = await app.repos.members.listForPractice((await app.repos.practices.list())[0]!.id);
    await app.repos.members.setRole(member!.id, "manager");
    h.connector.reset();
  }, 60_000);
  afterAll(async () => {
    h?.assertAllCardsValid();
    await h?.close();
  });

  it("arrives as a card in the manager's personal chat, once", async () => {
    const app = h.app as TestApp;
    const [practice] = await app.repos.practices.list();
    const deps = {
      repos: app.repos,
      team: app.team,
      runs: app.teamSummaryRuns,
      deliveries: [h.teams.delivery],
      logger: silentLogger(),
    };
    const sent = await sendWeeklySummaries(deps, practice!, MONDAY, "a");
    expect(sent?.delivered).toHaveLength(1);
    const calls = h.connector.calls.filter((c) => c.kind === "send");
    expect(calls).toHaveLength(1);
    expect(calls[0]).toMatchObject({ conversationId: personalChat(MO.id).id });
    const text = cardText(cardOf(calls[0]!.activity));
    expect(text).toContain("the team's work · week of 7 December");
    expect(text).toContain("Mo Manager");
    expect((await sendWeeklySummaries(deps, practice!, MONDAY, "b"))?.delivered).toEqual([]);
    expect(h.connector.calls.filter((c) => c.kind === "send")).toHaveLength(1);
  });
});
