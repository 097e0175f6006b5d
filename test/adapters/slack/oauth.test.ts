import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "../../../src/core/digest/digest-model.ts";
import { type SlackHarness, startSlackHarness } from "./support/harness.ts";
import { createMemoryRepos, type MemoryRepos } from "./support/memory-repos.ts";
import { ScriptedCore } from "./support/scripted-core.ts";

describe("installing into many workspaces with OAuth", () => {
  let h: SlackHarness;
  let core: ScriptedCore;
  let repos: MemoryRepos;

  beforeAll(async () => {
    core = new ScriptedCore();
    repos = createMemoryRepos();
    h = await startSlackHarness({
      core,
      repos,
      env: {
        SLACK_BOT_TOKEN: "",
        SLACK_CLIENT_ID: "111.222",
        SLACK_CLIENT_SECRET: "client-secret",
        SLACK_STATE_SECRET: "state-secret",
      },
    });
  });
  afterAll(() => h.close());

  it("installs a workspace: the install page, Slack's redirect back, the installation stored and linked", async () => {
    const page = await fetch(`${h.server.url}/slack/install`);
    expect(page.status).toBe(200);
    const html = await page.text();
    const authorizeUrl = new URL(
      /href="(https:\/\/slack.com\/oauth[^"]+)"/.exec(html)?.[1]?.replaceAll("&amp;", "&") ?? "",
    );
    expect(authorizeUrl.origin + authorizeUrl.pathname).toBe("https://slack.com/oauth/v2/authorize");
    expect(authorizeUrl.searchParams.get("scope")).toBe(
      "commands,chat:write,chat:write.public,im:write,users:read,channels:history,groups:history,im:history,files:write",
    );
    const state = authorizeUrl.searchParams.get("state") ?? "";
    const cookie = page.headers.get("set-cookie")?.split(";")[0] ?? "";

    const back = await fetch(`${h.server.url}/slack/oauth_redirect?code=abc&state=${encodeURIComponent(state)}`, {
      headers: { cookie },
      redirect: "manual",
    });
    expect(back.status).toBe(200);
    expect(h.fake.callsTo("oauth.v2.access")[0]?.body).toMatchObject({ code: "abc", client_id: "111.222" });
    const stored = JSON.parse(repos.installations.get("slack:T0INSTALLED") ?? "{}");
    expect(stored.bot.token).toBe("xoxb-installed-abc");
    expect(await repos.workspaces.find("slack", "T0INSTALLED")).toMatchObject({ name: "Installed Clinic" });
  });

  it("answers the installed workspace with its own bot token", async () => {
    h.fake.reset();
    await h.command({ command: "/nudges", teamId: "T0INSTALLED" });
    await h.fake.waitForCalls("response_url");
    expect(core.commands().at(-1)?.ctx.workspaceId).toBe("T0INSTALLED");
    expect(h.fake.callsTo("users.info")[0]?.token).toBe("xoxb-installed-abc");
  });

  it("runs nothing for a workspace that never installed the app", async () => {
    const before = core.calls.length;
    const res = await h.command({ command: "/nudges", teamId: "T0STRANGER" });
    expect(res.status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(core.calls.length).toBe(before);
  });

  it("delivers the digest with the token of the practice's installation", async () => {
    const link = await repos.workspaces.find("slack", "T0INSTALLED");
    await repos.workspaces.setDigestConversation(link?.id ?? "", "C0INSTALLED");
    h.fake.reset();
    const digest = {
      practiceId: link?.practiceId,
      practiceName: "Installed Clinic",
      localDate: "2026-03-02",
      timeZone: "UTC",
      runId: null,
      forMemberId: null,
      newReferrals: { total: 0, since: "2026-03-01", groups: [], otherReferrers: 0, otherCount: 0 },
      nudges: [],
      moreNudges: 0,
      weekSummary: { touchesThisWeek: 0, goingQuiet: 0 },
      empty: true,
    } as unknown as Digest;
    const [target] = await h.adapter.delivery.targets(link?.practiceId ?? "");
    expect(target).toMatchObject({ address: "C0INSTALLED" });
    await h.adapter.delivery.deliver(target as NonNullable<typeof target>, digest);
    expect(h.fake.successfulCallsTo("chat.postMessage")[0]?.token).toBe("xoxb-installed-abc");
  });
});
