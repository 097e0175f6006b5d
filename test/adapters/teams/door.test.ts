// Attacks on POST /api/messages: replies pointed at someone else's host (serviceUrl), a forged or
// newly seen tenant reaching for another practice's data, and ids too long to be real.
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from "vitest";
import { isBotFrameworkServiceUrl, isLoopbackServiceUrl } from "../../../src/adapters/teams/service-url.ts";
import type { ChatContext, ChatCore } from "../../../src/core/chat-api.ts";
import type { Actor } from "../../../src/core/model.ts";
import { DEFAULT_TENANT, messageActivity, personalChat } from "../../support/teams-requests.ts";
import { type FakeOpenId, startFakeOpenId } from "./support/fake-openid.ts";
import { cardOf, cardText, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const APP_ID = "00000000-0000-0000-0000-00000000abcd";

describe("which serviceUrls the bot will answer", () => {
  it.each([
    "https://smba.trafficmanager.net/teams/",
    "https://smba.trafficmanager.net/amer/",
    "https://europe.smba.botframework.com/",
    "https://smba.infra.gcc.teams.microsoft.com/teams",
    "https://smba.infra.gov.teams.microsoft.us/teams",
    "https://webchat.botframework.us/",
    "https://x.botframework.azure.us/",
  ])("accepts the Bot Framework's %s", (url) => {
    expect(isBotFrameworkServiceUrl(url)).toBe(true);
  });

  it.each([
    "http://smba.trafficmanager.net/teams/",
    "https://smba.trafficmanager.net.evil.example/",
    "https://evil.example/?smba.trafficmanager.net",
    "https://botframework.com.evil.example/",
    "https://evilbotframework.com/",
    "https://user@smba.trafficmanager.net/",
    "https://smba.trafficmanager.net:8443/",
    "http://127.0.0.1:3978/",
    "not a url",
  ])("refuses %s outside local mode", (url) => {
    expect(isBotFrameworkServiceUrl(url)).toBe(false);
  });

  it("keeps local mode's replies on this machine, over http or https", () => {
    expect(isLoopbackServiceUrl("http://127.0.0.1:56150/")).toBe(true);
    expect(isLoopbackServiceUrl("http://localhost:56150/")).toBe(true);
    expect(isLoopbackServiceUrl("http://[::1]:56150/")).toBe(true);
    expect(isLoopbackServiceUrl("http://10.0.0.5/")).toBe(false);
    expect(isLoopbackServiceUrl("http://127.0.0.1.evil.example/")).toBe(false);
    expect(isLoopbackServiceUrl("file:///etc/passwd")).toBe(false);
    expect(isLoopbackServiceUrl("http://x@127.0.0.1/")).toBe(false);
  });
});

describe("Teams in local mode, on the real core", () => {
  let h: TeamsHarness;
  let practiceA: string;

  beforeEach(async () => {
    h = await startTeamsHarness({ realCore: true });
    const link = await h.repos.workspaces.getOrLink("teams", DEFAULT_TENANT);
    practiceA = link.practiceId;
    const seed: Actor = { practiceId: practiceA, memberId: null, name: "seed", channel: "cli", role: null };
    await h.repos.referrers.create(practiceA, { displayName: "Dr. Jane Lee", lastName: "Lee" }, seed);
  });
  afterEach(() => h.close());

  it("refuses a serviceUrl off this machine with 403, contacts nobody and stores nothing", async () => {
    for (const serviceUrl of [
      "https://evil.example/",
      "http://10.0.0.5:3978/",
      "https://smba.trafficmanager.net/teams/",
    ]) {
      const result = await h.post(messageActivity("digest here", { serviceUrl, tenantId: "tenant-new" }));
      expect(result.status, serviceUrl).toBe(403);
    }
    expect(h.connector.calls).toHaveLength(0);
    expect(await h.repos.workspaces.find("teams", "tenant-new")).toBeNull();
  });

  it("gives a forged tenant a practice of its own: it cannot read or write another's referrers", async () => {
    const forged = { tenantId: "tenant-forged", conversation: personalChat("29:mallory", "tenant-forged") };
    await h.send("referrer Dr. Lee", forged);
    expect(cardText(cardOf(h.connector.calls.at(-1)!.activity))).not.toContain("Dr. Jane Lee");
    await h.send("thanked Dr. Jane Lee", forged);

    const link = await h.repos.workspaces.find("teams", "tenant-forged");
    expect(link?.practiceId).toBeDefined();
    expect(link?.practiceId).not.toBe(practiceA);
    expect(link?.practiceId).not.toBe((await h.repos.practices.getOrCreateDefault()).id);
    expect(await h.app!.db.prisma.touch.count({ where: { practiceId: practiceA } })).toBe(0);
  });

  it("refuses a 100 KB tenant id with 400 and stores nothing", async () => {
    const tenantId = "t".repeat(100_000);
    const result = await h.post(messageActivity("help", { ...h.base, tenantId }));
    expect(result.status).toBe(400);
    expect(h.connector.calls).toHaveLength(0);
    expect((await h.repos.workspaces.listAll()).map((w) => w.externalId)).toEqual([DEFAULT_TENANT]);
  });

  it.each([
    ["user id", { from: { id: `29:${"u".repeat(300)}`, name: "Ana" } }],
    ["user name", { from: { id: "29:ana", name: "n".repeat(300) } }],
    ["AAD object id", { from: { id: "29:ana", name: "Ana", aadObjectId: "a".repeat(300) } }],
    ["conversation id", { conversation: { id: `a:${"c".repeat(600)}`, conversationType: "personal" } }],
    ["team name", { channelData: { tenant: { id: DEFAULT_TENANT }, team: { id: "19:t", name: "n".repeat(300) } } }],
    ["message text", { text: "thanked Dr. Lee ".repeat(1000) }],
  ])("refuses an activity whose %s is longer than the door allows with 400", async (_name, extra) => {
    const result = await h.post(messageActivity("help", { ...h.base, extra }));
    expect(result.status).toBe(400);
    expect(h.connector.calls).toHaveLength(0);
  });
});

describe("Teams in local mode, as the core sees it", () => {
  it("tells the core everyone is an admin (the Playground's user is the operator)", async () => {
    const seen: ChatContext[] = [];
    const h0 = await startTeamsHarness();
    const core: ChatCore = {
      ...h0.standIn.core,
      runCommand: (ctx, command, text) => {
        seen.push(ctx);
        return h0.standIn.core.runCommand(ctx, command, text);
      },
    };
    await h0.close();
    const h = await startTeamsHarness({ core });
    try {
      await h.send("help");
      expect(seen[0]?.platformAdmin).toBe(true);
    } finally {
      await h.close();
    }
  });
});

describe("Teams signed in, with the Bot Framework's allow-list", () => {
  let openId: FakeOpenId;
  let h: TeamsHarness;

  beforeAll(async () => {
    openId = await startFakeOpenId();
  });
  afterAll(() => openId.close());
  beforeEach(async () => {
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterEach(async () => {
    await h.close();
    vi.restoreAllMocks();
  });

  it("refuses a genuine token whose serviceUrl is not a Bot Framework host with 403, changing nothing", async () => {
    h = await startTeamsHarness({
      realCore: true,
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "not-a-real-secret" },
      endpoints: { openIdMetadataUrl: openId.metadataUrl },
    });
    const genuine = openId.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl });
    const result = await h.post(messageActivity("digest here", h.base), { authorization: `Bearer ${genuine}` });
    expect(result.status).toBe(403);
    expect(h.connector.calls).toHaveLength(0);
    expect(await h.repos.workspaces.find("teams", DEFAULT_TENANT)).toBeNull();
  });

  it("gives a newly seen tenant a practice of its own, never the default one with its referrers", async () => {
    h = await startTeamsHarness({
      realCore: true,
      env: { MICROSOFT_APP_ID: APP_ID, MICROSOFT_APP_PASSWORD: "not-a-real-secret" },
      endpoints: { openIdMetadataUrl: openId.metadataUrl, acceptServiceUrl: isLoopbackServiceUrl },
    });
    const mine = await h.repos.practices.getOrCreateDefault();
    const seed: Actor = { practiceId: mine.id, memberId: null, name: "seed", channel: "cli", role: null };
    await h.repos.referrers.create(mine.id, { displayName: "Dr. Jane Lee", lastName: "Lee" }, seed);

    const genuine = openId.token({ aud: APP_ID, serviceurl: h.connector.serviceUrl });
    const result = await h.post(messageActivity("digest here", { ...h.base, tenantId: "tenant-outsider" }), {
      authorization: `Bearer ${genuine}`,
    });
    expect(result.status).toBe(200);
    const link = await h.repos.workspaces.find("teams", "tenant-outsider");
    expect(link).not.toBeNull();
    expect(link?.practiceId).not.toBe(mine.id);
    expect(await h.repos.workspaces.listForPractice(mine.id)).toEqual([]);
  });
});
