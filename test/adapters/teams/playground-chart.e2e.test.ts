// A chart in a real Teams-like client: the Microsoft 365 Agents Playground in headless chromium, the real
// core and database. "referrer Dr. Lee" shows the profile card with its trend chart, loaded from the bot's
// own GET /charts/<token>.png (the image's natural width is not 0). The same reply is then drawn as the
// Block Kit Slack gets, in a small page laid out like a Slack message, for the README's side-by-side.
// TEAMS_SCREENSHOTS=update writes both pictures into docs/screenshots. Skips, saying why, without chromium.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlayground, startPlayground } from "../../../scripts/playground.ts";
import { replyToBlocks } from "../../../src/adapters/slack/render/reply-to-blocks.ts";
import { type ChartImages, createChartImages } from "../../../src/charts/chart-images.ts";
import type { Actor } from "../../../src/core/model.ts";
import { referralTimes } from "../../../src/demo/sample-charts.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { slackMessagePage } from "./support/slack-mock-page.ts";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
const SCREENSHOTS =
  process.env.TEAMS_SCREENSHOTS === "update"
    ? resolve(import.meta.dirname, "../../../docs/screenshots")
    : join(tmpdir(), "referral-nudge-teams-screenshots");
const PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001";
const NOW = new Date("2026-12-07T15:00:00Z");

if (!hasChromium) {
  console.warn(`Skipping the Agents Playground chart test: ${CHROMIUM} not found (apt-get install -y chromium).`);
}

/** Dr. Lee with two years of referrals slowing down lately, a few touches and a complaint. */
async function seedLee(app: TestApp): Promise<void> {
  const link = await app.repos.workspaces.getOrLink("teams", PLAYGROUND_TENANT);
  const actor: Actor = { practiceId: link.practiceId, memberId: null, name: "Ana Lopez", channel: "cli", role: null };
  const lee = await app.repos.referrers.create(
    link.practiceId,
    { displayName: "Dr. Jennifer Lee", firstName: "Jennifer", lastName: "Lee", clinic: "Riverside Family Health" },
    actor,
  );
  for (const [i, at] of referralTimes().entries()) {
    await app.repos.referrals.add(actor, { referrerId: lee.id, sourceId: `lee-${i}`, receivedAt: at });
  }
  const touches = [
    ["2025-04-14", "thank_you"],
    ["2025-11-03", "meeting"],
    ["2026-02-20", "call"],
    ["2026-06-09", "returned_referral"],
  ] as const;
  for (const [day, kind] of touches) {
    await app.repos.touches.log(actor, {
      referrerId: lee.id,
      kind,
      occurredAt: new Date(`${day}T15:00:00Z`),
      idempotencyKey: `seed-${day}`,
      answers: { closesNudges: [], closesLoops: false },
    });
  }
}

describe.skipIf(!hasChromium)("a chart in the Agents Playground", () => {
  let app: TestApp;
  let h: TeamsHarness;
  let charts: ChartImages;
  let playground: RunningPlayground;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    await seedLee(app);
    charts = createChartImages({ secret: "playground-chart-secret-long-enough", clock: app.clock });
    h = await startTeamsHarness({ core: app.core, repos: app.repos, charts });
    playground = await startPlayground({ botUrl: h.botUrl, port: 57150 + Math.floor(Math.random() * 1000) });
    profile = mkdtempSync(join(tmpdir(), "teams-playground-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 900, height: 1000 },
      args: [
        "--headless",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    });
    page = browser.pages()[0] ?? (await browser.newPage());
    await page.goto(playground.url);
    await page.getByText("Connected.").first().waitFor({ timeout: 30_000 });
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await playground?.stop();
    await h?.close();
    await app?.close();
    if (profile) rmSync(profile, { recursive: true, force: true });
  });

  it("shows 'referrer Dr. Lee' as a card whose chart has loaded, and Slack's rendering of the same reply", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    const compose = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await compose.click();
    await compose.pressSequentially("referrer Dr. Lee");
    await page.keyboard.press("Enter");

    const card = page.locator(".ac-adaptiveCard").filter({ hasText: "Riverside Family Health" }).last();
    await card.waitFor({ timeout: 20_000 });
    const image = card.locator("img").first();
    await image.waitFor({ timeout: 20_000 });
    await expect
      .poll(() => image.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth), {
        timeout: 20_000,
      })
      .toBeGreaterThan(0);
    expect(await image.getAttribute("src")).toMatch(/\/charts\/[\w-]+\.png$/);
    expect(await image.getAttribute("alt")).toMatch(/^Dr\. Jennifer Lee: \d+ referrals in 12 months/);
    await card.screenshot({ path: join(SCREENSHOTS, "teams-referrer-chart.png") });

    // The same reply, as the Block Kit the Slack adapter sends, in a page laid out like Slack's message view.
    const ctx = {
      platform: "teams" as const,
      workspaceId: PLAYGROUND_TENANT,
      userId: "playground-user",
      userName: "Alex Wilber",
      requestKey: "slack-mock",
    };
    const { reply } = await app.core.runCommand(ctx, "referrer", "Dr. Lee");
    const chart = reply.sections.find((s) => s.chart)?.chart;
    expect(chart).toBeDefined();
    const png = await charts.png(chart!);
    const message = replyToBlocks(reply, {
      chartImages: () => ({ image_url: `data:image/png;base64,${png.toString("base64")}` }),
    });
    const slack = await browser.newPage();
    await slack.setViewportSize({ width: 760, height: 900 });
    await slack.setContent(slackMessagePage(message.blocks));
    const slackImage = slack.locator("img.block-image");
    await expect
      .poll(() => slackImage.evaluate((img) => (img as unknown as { naturalWidth: number }).naturalWidth))
      .toBeGreaterThan(0);
    await slack.locator(".message").screenshot({ path: join(SCREENSHOTS, "slack-referrer-chart.png") });
    await slack.close();
  }, 90_000);
});
