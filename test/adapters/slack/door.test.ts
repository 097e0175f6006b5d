// Attacks on POST /slack/events with requests that carry a valid signature: a timestamp from the
// future, payloads Bolt cannot read (once, `payload=null` took the process down), oversized fields.
// Each is refused at the door, nothing reaches the core, and the server keeps answering.
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nowSeconds, postSigned, slashCommandBody } from "../../support/slack-requests.ts";
import { SIGNING_SECRET, type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";
import { createMemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

const FORM = "application/x-www-form-urlencoded";
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("the Slack door, to requests signed with the right secret", () => {
  let h: SlackHarness;
  let core: ScriptedCore;

  beforeAll(async () => {
    core = new ScriptedCore();
    h = await startSlackHarness({ core, repos: createMemoryRepos() });
  });
  afterAll(() => h.close());
  beforeEach(() => {
    core.calls.length = 0;
    h.fake.reset();
  });

  const command = (fields: Record<string, string> = {}) =>
    slashCommandBody({ ...TEAM, command: "/thanked", text: "Dr. Lee", responseUrl: h.fake.responseUrl(), ...fields });
  const signed = (body: string, contentType = FORM, timestamp?: number) =>
    postSigned(h.endpoint, body, contentType, { signingSecret: SIGNING_SECRET, ...(timestamp ? { timestamp } : {}) });

  async function expectStillServing() {
    const res = await signed(command());
    expect(res.status).toBe(200);
    await h.fake.waitForCalls("response_url");
    expect(core.commands()).toHaveLength(1);
  }

  it.each([
    ["10 minutes in the future", 10 * 60],
    ["6 minutes in the future", 6 * 60],
    ["6 minutes in the past", -6 * 60],
  ])("refuses a command stamped %s with 401, and no listener runs", async (_name, offset) => {
    const res = await signed(command(), FORM, nowSeconds() + offset);
    expect(res.status).toBe(401);
    await settle();
    expect(core.calls).toEqual([]);
    expect(h.fake.calls).toEqual([]);
  });

  it("accepts a command stamped 4 minutes ahead (clock drift within Slack's window)", async () => {
    const res = await signed(command(), FORM, nowSeconds() + 4 * 60);
    expect(res.status).toBe(200);
    await h.fake.waitForCalls("response_url");
    expect(core.commands()).toHaveLength(1);
  });

  it.each([
    ["payload=null", "payload=null"],
    ["payload=[]", "payload=%5B%5D"],
    ["payload=42", "payload=42"],
    ['payload="text"', "payload=%22text%22"],
    ["a payload that is not JSON", "payload=%7Bnope"],
    ["a payload without a user", `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions" }))}`],
    ["a command without its fields", "command=%2Fthanked"],
    [
      "a form submission without its view",
      `payload=${encodeURIComponent(JSON.stringify({ type: "view_submission", user: { id: "U0ANA" }, team: { id: "T0CLINIC" } }))}`,
    ],
    [
      "a click without actions",
      `payload=${encodeURIComponent(JSON.stringify({ type: "block_actions", user: { id: "U0ANA" }, team: { id: "T0CLINIC" } }))}`,
    ],
    ["two payloads", "payload=%7B%7D&payload=%7B%7D"],
  ])("answers 400 to a signed %s and keeps serving", async (_name, body) => {
    const res = await signed(body);
    expect(res.status).toBe(400);
    await settle();
    expect(core.calls).toEqual([]);
    await expectStillServing();
  });

  it.each([
    ["null", "null"],
    ["an array", "[]"],
    ["not JSON", "{"],
  ])("answers 400 to a signed event body that is %s and keeps serving", async (_name, body) => {
    const res = await signed(body, "application/json");
    expect(res.status).toBe(400);
    await expectStillServing();
  });

  it.each([
    ["team id", { teamId: `T${"X".repeat(300)}` }],
    ["user id", { userId: `U${"X".repeat(300)}` }],
    ["user name", { userName: "n".repeat(300) }],
    ["channel id", { channelId: `C${"X".repeat(300)}` }],
    ["command text", { text: "Dr. Lee ".repeat(2000) }],
  ])("refuses a command whose %s is longer than the door allows with 400", async (_name, fields) => {
    const res = await signed(command(fields as Record<string, string>));
    expect(res.status).toBe(400);
    await settle();
    expect(core.calls).toEqual([]);
  });

  it("refuses a click whose user id is 100 KB long with 400", async () => {
    const payload = {
      type: "block_actions",
      user: { id: "U".repeat(100_000) },
      team: { id: TEAM.teamId },
      actions: [{ action_id: "nudge.done#0" }],
    };
    const res = await signed(`payload=${encodeURIComponent(JSON.stringify(payload))}`);
    expect(res.status).toBe(400);
    await expectStillServing();
  });
});

describe("the shape check Bolt's middleware runs on every body (Socket Mode included)", () => {
  it("reads commands, clicks and events, and refuses what the listeners could not", async () => {
    const { isReadableSlackBody } = await import("../../../src/adapters/slack/slack-door.ts");
    const command = Object.fromEntries(
      new URLSearchParams(slashCommandBody({ ...TEAM, command: "/thanked", responseUrl: "https://hooks.slack.com/x" })),
    );
    expect(isReadableSlackBody(command)).toBe(true);
    expect(
      isReadableSlackBody({
        type: "block_actions",
        user: { id: "U1" },
        team: { id: "T1" },
        actions: [{ action_id: "a" }],
      }),
    ).toBe(true);
    expect(
      isReadableSlackBody({ type: "event_callback", team_id: "T1", event: { type: "app_home_opened", user: "U1" } }),
    ).toBe(true);

    expect(isReadableSlackBody(null)).toBe(false);
    expect(isReadableSlackBody([])).toBe(false);
    expect(isReadableSlackBody(42)).toBe(false);
    expect(isReadableSlackBody({ ...command, user_id: "U".repeat(1000) })).toBe(false);
    expect(isReadableSlackBody({ type: "view_submission" })).toBe(false);
    expect(isReadableSlackBody({ type: "event_callback", event: { type: "x", user: "U".repeat(1000) } })).toBe(false);
  });
});
