import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { nowSeconds, postSigned, signSlackRequest, slashCommandBody } from "../../support/slack-requests.ts";
import { SIGNING_SECRET, type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";
import { createMemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

// The example on Slack's "Verifying requests from Slack" page.
const SLACK_EXAMPLE = {
  secret: "8f742231b10e8888abcd99yyyzzz85a5",
  timestamp: 1531420618,
  body:
    "token=xyzz0WbapA4vBCDEFasx0q6G&team_id=T1DC2JH3J&team_domain=testteamnow&channel_id=G8PSS9T3V&channel_name=foobar" +
    "&user_id=U2CERLKJA&user_name=roadrunner&command=%2Fwebhook-collect&text=&response_url=https%3A%2F%2Fhooks.slack.com" +
    "%2Fcommands%2FT1DC2JH3J%2F397700885554%2F96rGlfmibIGlgcZRskXaIFfN&trigger_id=398738663015.47445629121.803a0bc887a14d10d2c447fce8b6703c",
  signature: "v0=a2114d57b48eac39b9ad189dd8316235a7b4a8d21a10bd27519666489c69b503",
};

const FORM = "application/x-www-form-urlencoded";
const settle = () => new Promise((resolve) => setTimeout(resolve, 100));

describe("Slack request verification", () => {
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

  it("signs exactly like Slack's documented example", () => {
    expect(signSlackRequest(SLACK_EXAMPLE.secret, SLACK_EXAMPLE.timestamp, SLACK_EXAMPLE.body)).toBe(
      SLACK_EXAMPLE.signature,
    );
  });

  const body = () =>
    slashCommandBody({ ...TEAM, command: "/thanked", text: "Dr. Lee", responseUrl: h.fake.responseUrl() });

  it("accepts a correctly signed command and hands it to the core", async () => {
    const res = await postSigned(h.endpoint, body(), FORM, { signingSecret: SIGNING_SECRET });
    expect(res.status).toBe(200);
    await h.fake.waitForCalls("response_url");
    expect(core.commands()).toHaveLength(1);
  });

  it.each([
    ["an unsigned request", { signature: null }],
    ["a request signed with the wrong secret", { signature: signSlackRequest("not-the-secret", nowSeconds(), "x") }],
    ["a replayed request, its timestamp over 5 minutes old", { timestamp: nowSeconds() - 6 * 60 }],
  ])("answers 401 to %s, and no listener runs", async (_name, overrides) => {
    const res = await postSigned(h.endpoint, body(), FORM, { signingSecret: SIGNING_SECRET, ...overrides });
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.calls).toEqual([]);
    expect(core.calls).toEqual([]);
  });

  it("answers 401 when the body was changed after signing", async () => {
    const timestamp = nowSeconds();
    const signed = body();
    const signature = signSlackRequest(SIGNING_SECRET, timestamp, signed);
    const tampered = signed.replace("T0CLINIC", "T0OTHER");
    const res = await postSigned(h.endpoint, tampered, FORM, { signingSecret: SIGNING_SECRET, timestamp, signature });
    expect(res.status).toBe(401);
    await settle();
    expect(h.fake.calls).toEqual([]);
    expect(core.calls).toEqual([]);
  });
});
