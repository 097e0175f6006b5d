// Who a Slack user is (name, and whether Slack makes them an admin), asked of a fake Slack over HTTP
// with the real WebClient, on a clock the test moves.

import { webApi } from "@slack/bolt";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { SlackUsers } from "../../../src/adapters/slack/slack-users.ts";
import { type FakeSlackApi, startFakeSlackApi } from "../../support/fake-slack-api.ts";

const MINUTE = 60_000;

describe("SlackUsers", () => {
  let fake: FakeSlackApi;
  let client: webApi.WebClient;
  let now: number;
  let users: SlackUsers;

  beforeAll(async () => {
    fake = await startFakeSlackApi();
    client = new webApi.WebClient("xoxb-test", { slackApiUrl: fake.apiUrl, retryConfig: { retries: 0 } });
  });
  afterAll(async () => {
    await fake.close();
  });
  beforeEach(() => {
    fake.reset();
    fake.addUser({ id: "U0SAM", name: "sam", realName: "Sam Admin", isAdmin: true });
    fake.addUser({ id: "U0OLGA", name: "olga", realName: "Olga Owner", isOwner: true });
    fake.addUser({ id: "U0NORA", name: "nora", realName: "Nora Quinn" });
    now = Date.parse("2026-12-04T10:00:00Z");
    users = new SlackUsers({ now: () => now, waitMs: 2000 });
  });

  const lookups = () => fake.callsTo("users.info").length;

  it("reads the name and the admin, owner and member flags from users.info", async () => {
    expect(await users.whoIs(client, "T1", "U0SAM", "sam")).toEqual({ name: "Sam Admin", admin: true });
    expect(await users.whoIs(client, "T1", "U0OLGA", "olga")).toEqual({ name: "Olga Owner", admin: true });
    expect(await users.whoIs(client, "T1", "U0NORA", "nora")).toEqual({ name: "Nora Quinn", admin: false });
  });

  it("asks once per user for ten minutes, then again, so a demoted admin is seen", async () => {
    await users.whoIs(client, "T1", "U0SAM", "sam");
    now += 9 * MINUTE;
    expect((await users.whoIs(client, "T1", "U0SAM", "sam")).admin).toBe(true);
    expect(lookups()).toBe(1);

    fake.addUser({ id: "U0SAM", name: "sam", realName: "Sam Admin" });
    now += 2 * MINUTE;
    expect((await users.whoIs(client, "T1", "U0SAM", "sam")).admin).toBe(false);
    expect(lookups()).toBe(2);
  });

  it("treats a failed lookup as not an admin, and asks again after a minute", async () => {
    fake.failNext("users.info", 1, { error: "ratelimited" });
    expect(await users.whoIs(client, "T1", "U0SAM", "sam.handle")).toEqual({ name: "sam.handle", admin: false });

    now += 30_000;
    expect((await users.whoIs(client, "T1", "U0SAM", "sam.handle")).admin).toBe(false);
    expect(lookups()).toBe(1);

    now += 31_000;
    expect(await users.whoIs(client, "T1", "U0SAM", "sam.handle")).toEqual({ name: "Sam Admin", admin: true });
    expect(lookups()).toBe(2);
  });

  it("keeps workspaces apart: the same user id in another workspace is asked about on its own", async () => {
    await users.whoIs(client, "T1", "U0SAM", "sam");
    await users.whoIs(client, "T2", "U0SAM", "sam");
    expect(lookups()).toBe(2);
  });
});
