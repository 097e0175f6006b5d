// Every command in the catalogue, sent the way a user sends it on each platform: as a signed Slack
// slash command (its own, or `/referrals <name>` for the umbrella-only ones) and as a Teams message.
// Each gets a useful answer in time (never Slack's 404 for an unregistered command, never "something
// went wrong"), and no answer names a slash command that Slack does not have registered.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { SLASH_COMMANDS } from "../../src/adapters/slack/listeners/commands/slash-commands.ts";
import { COMMAND_CATALOGUE, type CommandSpec } from "../../src/core/commands/catalogue.ts";
import { UMBRELLA_COMMAND } from "../../src/core/commands/command-names.ts";
import type { Actor } from "../../src/core/model.ts";
import type { ChatDelivery } from "../../src/core/ports.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { createDigestNow } from "../../src/scheduler/digest-now.ts";
import type { RecordedCall } from "../support/fake-slack-api.ts";
import { personalChat } from "../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";
import { startSlackHarness, TEAM } from "./slack/support/harness.ts";
import { unregisteredCommandsIn } from "./support/registered-commands.ts";
import { cardText, startTeamsHarness } from "./teams/support/teams-harness.ts";

const NOW = new Date("2026-11-23T14:00:00Z");
const FAILURE = /something went wrong|try again in a minute|don't know th|not available/i;
const ANSWERS = new Set(["response_url", "views.open", "chat.postMessage", "chat.postEphemeral"]);

/** What a user types after the verb: nothing, then each example (so `digest here` comes before `digest now`). */
function inputsOf(spec: CommandSpec): string[] {
  return [...new Set(["", ...spec.examples])];
}

async function seedReferrers(app: TestApp, practiceId: string): Promise<void> {
  const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  for (const [displayName, lastName, specialty] of [
    ["Dr. Jennifer Lee", "Lee", "Primary Care"],
    ["Dr. Raj Patel", "Patel", "Family Medicine"],
    ["Dr. Amy Nguyen", "Nguyen", "Internal Medicine"],
    ["Dr. Luis Garcia", "Garcia", "Primary Care"],
  ] as const) {
    const referrer = await app.repos.referrers.create(practiceId, { displayName, lastName, specialty }, setup);
    await app.repos.referrals.add(setup, {
      referrerId: referrer.id,
      sourceId: `${lastName}-1`,
      receivedAt: new Date(NOW.getTime() - 3 * 86_400_000),
      reason: "knee pain",
    });
  }
}

/** `/referrals digest now` sends through this delivery, as serve wires it for every platform. */
function wireDigestNow(app: TestApp, delivery: ChatDelivery): void {
  app.deps.digestNow = createDigestNow({
    repos: app.repos,
    store: app.digestRuns,
    data: app.digestData,
    deliveries: [delivery],
    logger: silentLogger(),
    instanceId: "test",
    now: () => app.clock.now(),
  });
}

/** The text a user reads in what the bot sent to Slack: message text, blocks and modal views. */
function slackTextOf(calls: RecordedCall[]): string {
  return calls.map((c) => JSON.stringify([c.body["text"], c.body["blocks"], c.body["view"]])).join("\n");
}

describe("every catalogue command on Slack", () => {
  let app: TestApp;
  let h: Awaited<ReturnType<typeof startSlackHarness>>;
  const answers: string[] = [];
  const callsByInput = new Map<string, RecordedCall[]>();

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    h = await startSlackHarness({ core: app.core, repos: app.repos });
    h.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
    const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    await seedReferrers(app, link.practiceId);
    // Ana runs the practice, so the admin-only commands do their work rather than refuse.
    const ana = await app.repos.members.upsert({
      practiceId: link.practiceId,
      platform: "slack",
      externalUserId: "U0ANA",
      displayName: "Ana Lopez",
      workspaceExternalId: TEAM.teamId,
    });
    await app.repos.members.setRole(ana.id, "manager");
    wireDigestNow(app, h.adapter.delivery);
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });

  const cases = COMMAND_CATALOGUE.flatMap((spec) =>
    inputsOf(spec).map((input) => {
      const [command, text] = spec.umbrellaOnly
        ? [`/${UMBRELLA_COMMAND}`, `${spec.name} ${input}`.trim()]
        : [`/${spec.name}`, input];
      return { spec, command, text };
    }),
  );

  it.each(cases)("answers $command $text usefully within Slack's three seconds", async ({ command, text }) => {
    h.fake.reset();
    const started = Date.now();
    const result = await h.command({ command, text, channelId: "C0DIGEST" });
    expect(result.status, `${command} must be registered`).toBe(200);
    expect(Date.now() - started).toBeLessThan(3000);
    await h.fake.waitFor((calls) => calls.some((c) => ANSWERS.has(c.method)), `an answer to ${command} ${text}`);
    const answer = `${result.body ?? ""}\n${slackTextOf(h.fake.calls)}`;
    expect(answer).not.toMatch(FAILURE);
    answers.push(answer);
    callsByInput.set(`${command} ${text}`, [...h.fake.calls]);
  });

  it("names only slash commands that are registered, in every answer above", () => {
    const registered = SLASH_COMMANDS.map((c) => c.command);
    expect(unregisteredCommandsIn(answers.join("\n"), registered)).toEqual([]);
  });

  it("posts today's digest to the conversation chosen with digest here when asked for digest now", () => {
    const calls = callsByInput.get(`/${UMBRELLA_COMMAND} digest now`) ?? [];
    const posted = calls.filter((c) => c.method === "chat.postMessage" && c.status === 200);
    expect(posted.map((c) => c.body["channel"])).toContain("C0DIGEST");
    expect(slackTextOf(posted)).toContain("Dr. Jennifer Lee");
  });
});

describe("every catalogue command on Teams", () => {
  let h: Awaited<ReturnType<typeof startTeamsHarness>>;
  const answers: string[] = [];
  const TENANT = "tenant-every-command";

  beforeAll(async () => {
    h = await startTeamsHarness({ realCore: true });
    const app = h.app as TestApp;
    const link = await app.repos.workspaces.getOrLink("teams", TENANT);
    await seedReferrers(app, link.practiceId);
    wireDigestNow(app, h.teams.delivery);
  });
  afterAll(async () => {
    h?.assertAllCardsValid();
    await h?.close();
  });

  const cases = COMMAND_CATALOGUE.flatMap((spec) =>
    inputsOf(spec).map((input) => ({ spec, text: `${spec.name} ${input}`.trim() })),
  );

  it.each(cases)("answers “$text” usefully in a personal chat", async ({ text }) => {
    const before = h.connector.calls.length;
    const result = await h.send(text, { conversation: personalChat(undefined, TENANT) });
    expect(result.status).toBeLessThan(300);
    const sent = h.connector.calls.slice(before);
    expect(sent.length, `no answer to “${text}”`).toBeGreaterThan(0);
    const answer = sent.map((c) => `${c.activity.text ?? ""}\n${cardText(c.activity.attachments ?? [])}`).join("\n");
    expect(answer.trim()).not.toBe("");
    expect(answer).not.toMatch(FAILURE);
    answers.push(answer);
  });

  it("names only slash commands that are registered, in every answer above", () => {
    const registered = SLASH_COMMANDS.map((c) => c.command);
    expect(unregisteredCommandsIn(answers.join("\n"), registered)).toEqual([]);
  });
});
