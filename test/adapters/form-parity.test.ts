// The same form input, accepted or refused identically on Slack and on Teams. Each form is opened the
// way a user opens it on each platform (a slash command or message, a button), filled in through the
// widgets each platform drew from the one definition, and submitted over real HTTP: a signed Slack
// view_submission, a Teams Action.Execute invoke. Both must name the same field errors and leave the
// database in the same state.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Practice } from "../../src/core/model.ts";
import type { Json } from "../support/slack-requests.ts";
import { personalChat } from "../support/teams-requests.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./slack/support/harness.ts";
import {
  cardButtons,
  cardInputs,
  cardOf,
  cardText,
  fieldErrorsOfCard,
  startTeamsHarness,
  type TeamsHarness,
} from "./teams/support/teams-harness.ts";

const NOW = new Date("2026-11-23T14:00:00Z");
const TENANT = "tenant-parity";

/** What a user types or picks, by field name: text, a number, a time, a choice, a list of choices, a toggle. */
type Typed = Record<string, string | number | boolean | string[]>;

/** What the platform answered: the field errors it shows, or the message it posted. */
type Outcome = { errors: Record<string, string> } | { accepted: string };

interface OpenedForm {
  submit(typed: Typed): Promise<Outcome>;
}

interface Platform {
  name: "slack" | "teams";
  practiceId: string;
  openFeedback(): Promise<OpenedForm>;
  openSettings(): Promise<OpenedForm>;
  openAddReferrer(name: string): Promise<OpenedForm>;
}

type SlackBlock = { type: string; block_id?: string; element?: Json; elements?: Json[] };

/** The view state Slack would send for this modal with `typed` entered and everything else as drawn. */
function slackState(blocks: SlackBlock[], typed: Typed): Record<string, Record<string, Json>> {
  const state: Record<string, Record<string, Json>> = {};
  for (const block of blocks) {
    if (block.type !== "input" || !block.block_id || !block.element) continue;
    const element = block.element;
    const type = String(element["type"]);
    const has = Object.hasOwn(typed, block.block_id);
    const input = typed[block.block_id];
    let entry: Json;
    switch (type) {
      case "plain_text_input":
      case "number_input":
        entry = { value: has ? String(input) : ((element["initial_value"] as string | undefined) ?? null) };
        break;
      case "timepicker":
        entry = { selected_time: has ? input : ((element["initial_time"] as string | undefined) ?? null) };
        break;
      case "static_select":
        entry = {
          selected_option: has ? (input === "" ? null : { value: input }) : (element["initial_option"] ?? null),
        };
        break;
      case "checkboxes":
      case "multi_static_select": {
        const options = element["options"] as { value: string }[];
        const picked = !has
          ? ((element["initial_options"] as { value: string }[] | undefined) ?? [])
          : typeof input === "boolean"
            ? options.slice(0, input ? 1 : 0)
            : (input as string[]).map((value) => ({ value }));
        entry = { selected_options: picked };
        break;
      }
      default:
        throw new Error(`no state for a ${type}`);
    }
    state[block.block_id] = { value: { type, ...entry } };
  }
  return state;
}

/** The data a Teams client sends for this form card with `typed` entered and everything else as drawn. */
function teamsInputs(card: unknown, typed: Typed): Record<string, unknown> {
  const data: Record<string, unknown> = {};
  for (const input of cardInputs(card)) {
    const has = Object.hasOwn(typed, input.id);
    const value = typed[input.id];
    if (input.type === "Input.Toggle") {
      const on = has ? value === true : input["value"] === input["valueOn"];
      data[input.id] = on ? input["valueOn"] : input["valueOff"];
    } else if (Array.isArray(value)) data[input.id] = value.join(",");
    else if (has) data[input.id] = value;
    else if (input["value"] !== undefined) data[input.id] = input["value"];
    else data[input.id] = "";
  }
  return data;
}

function slackPlatform(h: SlackHarness, practiceId: string): Platform {
  async function opened(): Promise<OpenedForm> {
    const [open] = await h.fake.waitForCalls("views.open");
    const view = open!.body["view"] as { callback_id: string; private_metadata: string; blocks: SlackBlock[] };
    return {
      async submit(typed) {
        h.fake.reset();
        const res = await h.submit({
          callbackId: view.callback_id,
          privateMetadata: view.private_metadata,
          values: slackState(view.blocks, typed),
        });
        expect(res.status).toBe(200);
        if (res.body !== "") {
          const ack = JSON.parse(String(res.body)) as { response_action: string; errors: Record<string, string> };
          expect(ack.response_action).toBe("errors");
          return { errors: ack.errors };
        }
        const [answer] = await h.fake.waitForCalls("chat.postEphemeral");
        return { accepted: String(answer?.body["text"]) };
      },
    };
  }
  return {
    name: "slack",
    practiceId,
    async openFeedback() {
      h.fake.reset();
      await h.command({ command: "/feedback", text: "Dr. Lee", channelId: "C0FRONT" });
      return opened();
    },
    async openSettings() {
      h.fake.reset();
      await h.command({ command: "/referrals", text: "settings", channelId: "C0FRONT" });
      return opened();
    },
    async openAddReferrer(name) {
      h.fake.reset();
      await h.command({ command: "/thanked", text: name, channelId: "C0FRONT" });
      const [offer] = await h.fake.waitForCalls("response_url");
      const blocks = (offer?.body["blocks"] ?? []) as SlackBlock[];
      const add = blocks
        .flatMap((b) => (b.type === "actions" ? (b.elements ?? []) : []))
        .find((e) => String(e["action_id"]).startsWith("referrer.add#"));
      if (!add) throw new Error("no Add button offered");
      h.fake.reset();
      await h.click({
        actionId: String(add["action_id"]),
        value: String(add["value"]),
        container: { type: "message", channelId: "C0FRONT", messageTs: "1700000600.000100", ephemeral: true },
      });
      return opened();
    },
  };
}

function teamsPlatform(h: TeamsHarness, practiceId: string): Platform {
  const conversation = personalChat(undefined, TENANT);
  function opened(): OpenedForm {
    const formCall = h.connector.calls.at(-1)!;
    const card = cardOf(formCall.activity);
    const submit = cardButtons(card).find((b) => b.verb === "form.submit");
    if (!submit) throw new Error(`no form in:\n${cardText(card)}`);
    return {
      async submit(typed) {
        const result = await h.click(
          { verb: "form.submit", data: { ...submit.data, ...teamsInputs(card, typed) }, replyToId: formCall.id },
          { conversation },
        );
        expect(result.status).toBe(200);
        const errors = typeof result.answer === "object" ? fieldErrorsOfCard(result.answer) : {};
        if (Object.keys(errors).length > 0) return { errors };
        return { accepted: typeof result.answer === "string" ? result.answer : cardText(result.answer) };
      },
    };
  }
  return {
    name: "teams",
    practiceId,
    async openFeedback() {
      await h.send("feedback Dr. Lee", { conversation });
      return opened();
    },
    async openSettings() {
      await h.send("settings", { conversation });
      return opened();
    },
    async openAddReferrer(name) {
      await h.send(`thanked ${name}`, { conversation });
      const offer = h.connector.calls.at(-1)!;
      const add = cardButtons(cardOf(offer.activity)).find((b) => b.verb === "referrer.add");
      if (!add) throw new Error("no Add button offered");
      await h.click({ verb: add.verb, data: add.data, replyToId: offer.id }, { conversation });
      return opened();
    },
  };
}

const providers: ("sqlite" | "postgresql")[] = POSTGRES_TEST_URL ? ["sqlite", "postgresql"] : ["sqlite"];

describe.each(providers)("the same form input on Slack and on Teams (%s)", (provider) => {
  let app: TestApp;
  let slack: SlackHarness;
  let teams: TeamsHarness;
  let platforms: Platform[];

  beforeAll(async () => {
    app = await createTestApp({ provider, now: NOW });
    slack = await startSlackHarness({ core: app.core, repos: app.repos });
    teams = await startTeamsHarness({ core: app.core, repos: app.repos });
    slack.fake.addUser({ id: "U0ANA", name: "ana.lopez", realName: "Ana Lopez" });
    // Each platform's workspace has a practice of its own, set up alike: one referrer, and on Slack Ana
    // is the manager (Teams' local mode makes everyone an admin).
    const slackLink = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
    const teamsLink = await app.repos.workspaces.getOrLink("teams", TENANT);
    for (const practiceId of [slackLink.practiceId, teamsLink.practiceId]) {
      const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
      await app.repos.referrers.create(practiceId, { displayName: "Dr. Jane Lee", lastName: "Lee" }, setup);
    }
    const ana = await app.repos.members.upsert({
      practiceId: slackLink.practiceId,
      platform: "slack",
      externalUserId: "U0ANA",
      displayName: "Ana Lopez",
      workspaceExternalId: TEAM.teamId,
    });
    await app.repos.members.setRole(ana.id, "manager");
    platforms = [slackPlatform(slack, slackLink.practiceId), teamsPlatform(teams, teamsLink.practiceId)];
  });
  afterAll(async () => {
    expect(slack.fake.invalidPayloads).toEqual([]);
    teams.assertAllCardsValid();
    await slack?.close();
    await teams?.close();
    await app?.close();
  });

  /** Opens the form on each platform, submits the same input, and returns each platform's outcome. */
  async function onBoth(open: (p: Platform) => Promise<OpenedForm>, typed: Typed): Promise<Outcome[]> {
    const outcomes: Outcome[] = [];
    for (const platform of platforms) outcomes.push(await (await open(platform)).submit(typed));
    return outcomes;
  }

  async function stateOf(practiceId: string) {
    const practice = (await app.repos.practices.findById(practiceId)) as Practice;
    const referrers = await app.db.prisma.referrer.findMany({ where: { practiceId }, orderBy: { lastName: "asc" } });
    const feedback = await app.db.prisma.feedback.findMany({ where: { practiceId }, orderBy: { createdAt: "asc" } });
    return {
      settings: {
        digestTime: practice.digestTime,
        timeZone: practice.timeZone,
        digestWeekdays: practice.digestWeekdays,
        missedDigestCutoff: practice.missedDigestCutoff,
        skipEmptyDigest: practice.skipEmptyDigest,
        digestTopN: practice.settings.digestTopN,
        reasonDisplay: practice.reasonDisplay,
      },
      referrers: referrers.map((r) => [r.displayName, r.clinic, r.npi, r.credentials]),
      feedback: feedback.map((f) => [f.sentiment, f.text, f.needsFollowUp, f.status]),
      touches: await app.repos.touches.countSince(practiceId, new Date(0)),
    };
  }

  async function sameStateOnBoth() {
    const [onSlack, onTeams] = await Promise.all(platforms.map((p) => stateOf(p.practiceId)));
    expect(onTeams).toEqual(onSlack);
    return onSlack!;
  }

  it("refuses an empty feedback on both, naming the same fields, and stores nothing", async () => {
    const outcomes = await onBoth((p) => p.openFeedback(), { sentiment: "", text: "   " });
    for (const outcome of outcomes) {
      expect(outcome).toEqual({
        errors: { sentiment: "Choose positive, neutral or negative", text: "Write what they said" },
      });
    }
    expect((await sameStateOnBoth()).feedback).toEqual([]);
  });

  it("refuses a feedback text over 2,000 characters on both", async () => {
    const outcomes = await onBoth((p) => p.openFeedback(), { sentiment: "negative", text: "x".repeat(2001) });
    for (const outcome of outcomes) expect(outcome).toEqual({ errors: { text: "Keep it under 2,000 characters" } });
  });

  it("logs the same feedback on both", async () => {
    const outcomes = await onBoth((p) => p.openFeedback(), {
      sentiment: "negative",
      text: "Reports take a week",
      needsFollowUp: true,
    });
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ accepted: expect.stringContaining("✓ Feedback from Dr. Jane Lee logged") });
    expect((await sameStateOnBoth()).feedback).toEqual([["negative", "Reports take a week", true, "open"]]);
  });

  it("refuses the same add-referrer input on both: an empty name, an NPI too long, an NPI with a wrong check digit", async () => {
    const cases: [Typed, Record<string, string>][] = [
      [{ name: "  " }, { name: "Type the referrer's name, e.g. Dr. Jane Smith" }],
      [{ name: "Dr. Ada Byron", npi: "1".repeat(21) }, { npi: "Keep it under 20 characters" }],
      [{ name: "Dr. Ada Byron", npi: "1234567890" }, { npi: "An NPI is 10 digits with a valid check digit" }],
      [{ name: "Dr. Ada Byron", email: "not an email" }, { email: "That email address doesn't look right" }],
    ];
    for (const [typed, errors] of cases) {
      const outcomes = await onBoth((p) => p.openAddReferrer("Dr. Byron"), typed);
      for (const outcome of outcomes) expect(outcome, JSON.stringify(typed)).toEqual({ errors });
    }
    expect((await sameStateOnBoth()).referrers).toEqual([["Dr. Jane Lee", null, null, null]]);
  });

  it("adds the same referrer on both, NPI written with dashes, and logs the thank-you it was asked for", async () => {
    const outcomes = await onBoth((p) => p.openAddReferrer("Dr. Okafor"), {
      name: "Dr. Chidi Okafor, MD",
      clinic: "Westside Clinic",
      npi: "1234-567-893",
    });
    for (const outcome of outcomes) {
      expect(outcome).toMatchObject({ accepted: expect.stringContaining("✓ Added Dr. Chidi Okafor. ✓ Thanked") });
    }
    const state = await sameStateOnBoth();
    expect(state.referrers).toEqual([
      ["Dr. Jane Lee", null, null, null],
      ["Dr. Chidi Okafor", "Westside Clinic", "1234567893", "MD"],
    ]);
    expect(state.touches).toBe(1);
  });

  it("refuses the same settings on both, naming every wrong field at once, and changes nothing", async () => {
    const before = await sameStateOnBoth();
    const outcomes = await onBoth((p) => p.openSettings(), { timezone: "Mars/Olympus", top: 99, cutoff: "25:00" });
    for (const outcome of outcomes) {
      expect(outcome).toEqual({
        errors: {
          timezone: '"Mars/Olympus" is not a time zone; use one like America/New_York',
          top: "Give a whole number from 1 to 15",
          cutoff: "Give the time as HH:MM, e.g. 07:30",
        },
      });
    }
    expect(await sameStateOnBoth()).toEqual(before);
  });

  it("saves the same settings on both", async () => {
    const outcomes = await onBoth((p) => p.openSettings(), {
      time: "06:45",
      timezone: "America/Chicago",
      days: ["mon", "wed", "fri"],
      top: 7,
      skipempty: true,
      reasons: "category",
    });
    for (const outcome of outcomes)
      expect(outcome).toMatchObject({ accepted: expect.stringContaining("✓ Settings saved") });
    expect((await sameStateOnBoth()).settings).toEqual({
      digestTime: "06:45",
      timeZone: "America/Chicago",
      digestWeekdays: [1, 3, 5],
      missedDigestCutoff: "12:00",
      skipEmptyDigest: true,
      digestTopN: 7,
      reasonDisplay: "category",
    });
  });
});
