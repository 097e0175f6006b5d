// Charts in Slack over the real protocol: a signed /referrer command into the bot, the real core and
// database, and the fake Slack. With a public URL the profile has an image block whose URL the bot
// itself serves; without one the PNG is uploaded (files.uploadV2) and the block points at the file.
import { decode } from "fast-png";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChartImages, createChartImages } from "../../../src/charts/chart-images.ts";
import type { Actor } from "../../../src/core/model.ts";
import type { Route } from "../../../src/http/route.ts";
import type { Json } from "../../support/fake-slack-api.ts";
import { type RouteServer, startRouteServer } from "../../support/slack-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { type SlackHarness, startSlackHarness, TEAM } from "./support/harness.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const DAY = 86_400_000;
const SECRET = "slack-chart-test-secret-long-enough!";

interface Block {
  type: string;
  alt_text?: string;
  image_url?: string;
  slack_file?: { id: string };
}

function blocksOf(body: Json | undefined): Block[] {
  return (body?.["blocks"] ?? []) as Block[];
}

async function seedLee(app: TestApp) {
  const link = await app.repos.workspaces.getOrLink("slack", TEAM.teamId, { name: TEAM.teamDomain });
  const setup: Actor = { practiceId: link.practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  const lee = await app.repos.referrers.create(
    link.practiceId,
    { displayName: "Dr. Jennifer Lee", firstName: "Jennifer", lastName: "Lee" },
    setup,
  );
  for (let i = 0; i < 30; i++) {
    await app.repos.referrals.add(setup, {
      referrerId: lee.id,
      sourceId: `lee-${i}`,
      receivedAt: new Date(NOW.getTime() - (10 + i * 19) * DAY),
    });
  }
  return { id: lee.id, setup };
}

describe("a referrer's profile in Slack", () => {
  describe("with a public URL", () => {
    let app: TestApp;
    let h: SlackHarness;
    let bot: RouteServer;
    let charts: ChartImages;
    const botRoutes: Route[] = [];

    beforeAll(async () => {
      app = await createTestApp({ now: NOW });
      bot = await startRouteServer(botRoutes);
      charts = createChartImages({ secret: SECRET, publicUrl: bot.url, clock: app.clock });
      botRoutes.push(...charts.routes);
      h = await startSlackHarness({ core: app.core, repos: app.repos, adapter: { charts } });
      await seedLee(app);
    });
    afterAll(async () => {
      await h?.close();
      await bot?.close();
      await app?.close();
    });

    it("has an image block whose URL the bot serves as a PNG, with the trend in words as alt text", async () => {
      await h.command({ command: "/referrer", text: "Dr. Lee" });
      const [answer] = await h.fake.waitForCalls("response_url");
      const image = blocksOf(answer?.body).find((b) => b.type === "image");
      expect(image?.alt_text).toMatch(/^Dr\. Jennifer Lee: \d+ referrals in 12 months, /);
      expect(image?.image_url?.startsWith(`${bot.url}/charts/`)).toBe(true);
      const res = await fetch(image!.image_url!);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toBe("image/png");
      expect(decode(new Uint8Array(await res.arrayBuffer())).width).toBe(1280);
      expect(h.fake.callsTo("files.getUploadURLExternal")).toEqual([]);
    });

    it("links a chart that a forged or expired token cannot reach", async () => {
      h.fake.reset();
      await h.command({ command: "/referrer", text: "Dr. Lee" });
      const [answer] = await h.fake.waitForCalls("response_url");
      const url = blocksOf(answer?.body).find((b) => b.type === "image")!.image_url!;
      const forged = url.replace(/\/charts\/(.)/, (_m, c: string) => `/charts/${c === "A" ? "B" : "A"}`);
      expect((await fetch(forged)).status).toBe(404);
      app.clock.set(new Date(NOW.getTime() + 8 * DAY));
      try {
        expect((await fetch(url)).status).toBe(404);
      } finally {
        app.clock.set(NOW);
      }
    });
  });

  describe("without a public URL", () => {
    let app: TestApp;
    let h: SlackHarness;
    let lee: Awaited<ReturnType<typeof seedLee>>;

    beforeAll(async () => {
      app = await createTestApp({ now: NOW });
      const charts = createChartImages({ secret: SECRET, clock: app.clock });
      h = await startSlackHarness({ core: app.core, repos: app.repos, adapter: { charts } });
      lee = await seedLee(app);
    });
    afterAll(async () => {
      await h?.close();
      await app?.close();
    });

    it("uploads the chart with files.uploadV2 and points the image block at the uploaded file", async () => {
      await h.command({ command: "/referrer", text: "Dr. Lee" });
      const [answer] = await h.fake.waitForCalls("response_url");
      const image = blocksOf(answer?.body).find((b) => b.type === "image");
      const fileId = image?.slack_file?.id;
      expect(fileId).toMatch(/^F\d+$/);
      expect(image?.image_url).toBeUndefined();
      const [completed] = h.fake.successfulCallsTo("files.completeUploadExternal");
      expect(JSON.stringify(completed?.body["files"])).toContain(fileId!);
      const uploaded = h.fake.uploads.get(fileId!);
      expect(decode(new Uint8Array(uploaded!.bytes)).width).toBe(1280);
    });

    it("uploads the same chart for unchanged data only once", async () => {
      h.fake.reset();
      await h.command({ command: "/referrer", text: "Dr. Lee" });
      const [answer] = await h.fake.waitForCalls("response_url");
      expect(blocksOf(answer?.body).find((b) => b.type === "image")?.slack_file?.id).toMatch(/^F\d+$/);
      expect(h.fake.callsTo("files.getUploadURLExternal")).toEqual([]);
    });

    it("shows the chart's words instead when the upload fails", async () => {
      h.fake.reset();
      // New data, so a new chart that has not been uploaded yet.
      await app.repos.referrals.add(lee.setup, {
        referrerId: lee.id,
        sourceId: "lee-new",
        receivedAt: new Date(NOW.getTime() - DAY),
      });
      h.fake.failNext("files.getUploadURLExternal", 1, { error: "not_allowed_token_type" });
      await h.command({ command: "/referrer", text: "Dr. Lee" });
      const [answer] = await h.fake.waitForCalls("response_url");
      const blocks = blocksOf(answer?.body);
      expect(blocks.some((b) => b.type === "image")).toBe(false);
      expect(JSON.stringify(blocks)).toContain("Dr. Jennifer Lee: ");
    });
  });
});
