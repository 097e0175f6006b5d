// The morning digest shows a going-quiet referrer's trend beside the nudge, as /nudges does: sent by the
// real scheduler path (sendDigest) over the real protocols. Slack gets an image block that points at the
// bot's own chart link (or, without a public URL, at the uploaded PNG); Teams an Image in the card.
import { decode } from "fast-png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChartImages, createChartImages } from "../../src/charts/chart-images.ts";
import type { Actor, Practice } from "../../src/core/model.ts";
import type { ChatDelivery } from "../../src/core/ports.ts";
import type { Route } from "../../src/http/route.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { sendDigest } from "../../src/scheduler/send-digest.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "../adapters/slack/support/harness.ts";
import { cardOf, startTeamsHarness, type TeamsHarness } from "../adapters/teams/support/teams-harness.ts";
import type { Json } from "../support/fake-slack-api.ts";
import { type RouteServer, startRouteServer } from "../support/slack-requests.ts";
import { channelConversation } from "../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const NOW = new Date("2026-12-07T14:00:00Z");
const DAY = 86_400_000;
const SECRET = "digest-chart-test-secret-long-enough!";

interface Element {
  type: string;
  url?: string;
  altText?: string;
  alt_text?: string;
  image_url?: string;
  slack_file?: { id: string };
  items?: Element[];
}

/** Dr. Lee referred every 9 days for half a year, then stopped 45 days ago: going quiet. */
async function quietLee(app: TestApp, practiceId: string): Promise<void> {
  const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  const lee = await app.repos.referrers.create(
    practiceId,
    { displayName: "Dr. Jennifer Lee", firstName: "Jennifer", lastName: "Lee" },
    setup,
  );
  for (let i = 0; i < 20; i++) {
    await app.repos.referrals.add(setup, {
      referrerId: lee.id,
      sourceId: `lee-${i}`,
      receivedAt: new Date(NOW.getTime() - (45 + i * 9) * DAY),
    });
  }
}

function sendToday(app: TestApp, practice: Practice, delivery: ChatDelivery) {
  return sendDigest(
    {
      repos: app.repos,
      store: app.digestRuns,
      data: app.digestData,
      ...(app.deps.chartData ? { chartData: app.deps.chartData } : {}),
      deliveries: [delivery],
      logger: silentLogger(),
    },
    practice,
    "2026-12-07",
    { now: NOW, instanceId: "test" },
  );
}

function slackImages(body: Json | undefined): Element[] {
  return ((body?.["blocks"] ?? []) as Element[]).filter((b) => b.type === "image");
}

interface SlackDigest {
  app: TestApp;
  h: SlackHarness;
  practice: Practice;
  /** The bot's own server for chart links, when it has a public URL. */
  bot: RouteServer | null;
  close(): Promise<void>;
}

/** A practice with a digest channel in a Slack workspace, Dr. Lee going quiet, charts linked or uploaded. */
async function slackDigest(withPublicUrl: boolean): Promise<SlackDigest> {
  const app = await createTestApp({ now: NOW });
  const botRoutes: Route[] = [];
  const bot = withPublicUrl ? await startRouteServer(botRoutes) : null;
  const charts: ChartImages = createChartImages({
    secret: SECRET,
    ...(bot ? { publicUrl: bot.url } : {}),
    clock: app.clock,
  });
  botRoutes.push(...charts.routes);
  const h = await startSlackHarness({ core: app.core, repos: app.repos, adapter: { charts } });
  const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
  await app.repos.workspaces.setDigestConversation(link.id, "C0DIGEST");
  await quietLee(app, link.practiceId);
  const practice = (await app.repos.practices.findById(link.practiceId))!;
  return {
    app,
    h,
    practice,
    bot,
    async close() {
      await h.close();
      await bot?.close();
      await app.close();
    },
  };
}

describe("the morning digest's going-quiet chart in Slack", () => {
  describe("with a public URL", () => {
    let s: SlackDigest;
    beforeAll(async () => {
      s = await slackDigest(true);
    });
    afterAll(async () => s?.close());

    it("posts the going-quiet nudge with an image block whose URL the bot serves as a PNG", async () => {
      const result = await sendToday(s.app, s.practice, s.h.adapter.delivery);
      expect(result.outcome).toBe("delivered");
      const [post] = s.h.fake.successfulCallsTo("chat.postMessage");
      expect(JSON.stringify(post?.body["blocks"])).toContain("Dr. Jennifer Lee");
      const [image] = slackImages(post?.body);
      expect(image?.alt_text).toMatch(/^Dr\. Jennifer Lee: \d+ referrals in 12 months/);
      expect(image?.image_url?.startsWith(`${s.bot!.url}/charts/`)).toBe(true);
      const res = await fetch(image!.image_url!);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(decode(new Uint8Array(await res.arrayBuffer())).width).toBe(1280);
    });

    it("keeps the chart in the digest it redraws, so a later attempt sends the same picture", async () => {
      const run = await s.app.digestRuns.find(s.practice.id, "2026-12-07");
      const kept = JSON.parse(run!.snapshot!) as { nudges: Array<{ kind: string; chart?: { kind: string } }> };
      expect(kept.nudges.find((n) => n.kind === "going_quiet")?.chart?.kind).toBe("referrer_trend");
    });
  });

  describe("without a public URL", () => {
    let s: SlackDigest;
    beforeAll(async () => {
      s = await slackDigest(false);
    });
    afterAll(async () => s?.close());

    it("uploads the chart and points the digest's image block at the uploaded file", async () => {
      expect((await sendToday(s.app, s.practice, s.h.adapter.delivery)).outcome).toBe("delivered");
      const [post] = s.h.fake.successfulCallsTo("chat.postMessage");
      const [image] = slackImages(post?.body);
      const fileId = image?.slack_file?.id;
      expect(fileId).toMatch(/^F\d+$/);
      expect(decode(new Uint8Array(s.h.fake.uploads.get(fileId!)!.bytes)).width).toBe(1280);
    });
  });
});

describe("the morning digest's going-quiet chart in Teams", () => {
  let app: TestApp;
  let h: TeamsHarness;
  let practice: Practice;
  const TENANT = "tenant-digest-charts";

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    const charts = createChartImages({ secret: SECRET, clock: app.clock });
    h = await startTeamsHarness({ core: app.core, repos: app.repos, charts });
    await h.send("digest here", { conversation: channelConversation("digests", TENANT) });
    const link = await app.repos.workspaces.getOrLink("teams", TENANT);
    await quietLee(app, link.practiceId);
    practice = (await app.repos.practices.findById(link.practiceId))!;
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });

  it("sends the digest card with an Image whose URL the bot serves as a PNG", async () => {
    h.connector.reset();
    expect((await sendToday(app, practice, h.teams.delivery)).outcome).toBe("delivered");
    const card = cardOf(h.connector.calls.at(-1)!.activity) as unknown as { body?: Element[] };
    const images = (elements: Element[] | undefined): Element[] =>
      (elements ?? []).flatMap((e) => (e.type === "Image" ? [e] : images(e.items)));
    const [image] = images(card.body);
    expect(image?.altText).toMatch(/^Dr\. Jennifer Lee: \d+ referrals in 12 months/);
    const res = await fetch(image!.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    h.assertAllCardsValid();
  });
});
