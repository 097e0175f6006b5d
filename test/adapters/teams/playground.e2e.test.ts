// The bot in a real Teams-like client: the Microsoft 365 Agents Playground, driven headless with
// Debian's chromium, on the real core and a real database. Types "digest here", receives the morning
// digest as a proactive message, clicks a nudge's button and sees the digest refreshed in place.
// Screenshots both screens (for the README on request). Skips, saying why, without chromium.
import { existsSync, mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { type BrowserContext, chromium, type Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type RunningPlayground, startPlayground } from "../../../scripts/playground.ts";
import type { Actor } from "../../../src/core/model.ts";
import { localDateOf } from "../../../src/core/time/local-date.ts";
import { createDigestRunStore } from "../../../src/db/digest-runs.ts";
import { silentLogger } from "../../../src/logging/logger.ts";
import { sendDigest } from "../../../src/scheduler/send-digest.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const CHROMIUM = "/usr/bin/chromium";
const hasChromium = existsSync(CHROMIUM);
// The README's pictures are refreshed on request only (they show the time, so every run differs):
// TEAMS_SCREENSHOTS=update npx vitest run test/adapters/teams/playground.e2e.test.ts
const SCREENSHOTS =
  process.env.TEAMS_SCREENSHOTS === "update"
    ? resolve(import.meta.dirname, "../../../docs/screenshots")
    : join(tmpdir(), "referral-nudge-teams-screenshots");
/** The tenant every Playground activity carries. */
const PLAYGROUND_TENANT = "00000000-0000-0000-0000-0000000000001";
const DAY = 86_400_000;

if (!hasChromium) {
  console.warn(`Skipping the Agents Playground test: ${CHROMIUM} not found (apt-get install -y chromium).`);
}

/** A few referrers with recent referrals, in the practice the Playground's tenant links to. */
async function seedDemo(app: TestApp): Promise<string> {
  const link = await app.repos.workspaces.getOrLink("teams", PLAYGROUND_TENANT);
  const actor: Actor = { practiceId: link.practiceId, memberId: null, name: "seed", channel: "import", role: null };
  const now = app.clock.now().getTime();
  const referrers = [
    { name: "Dr. Jane Lee", last: "Lee", reasons: ["knee pain", "shoulder", "knee pain"], daysAgo: [9, 4, 0.3] },
    { name: "Dr. Omar Haddad", last: "Haddad", reasons: ["lower back pain"], daysAgo: [0.5] },
    { name: "Dr. Priya Patel", last: "Patel", reasons: ["hip", "ankle sprain"], daysAgo: [6, 0.2] },
  ];
  for (const r of referrers) {
    const referrer = await app.repos.referrers.create(
      link.practiceId,
      { displayName: r.name, lastName: r.last },
      actor,
    );
    for (const [i, daysAgo] of r.daysAgo.entries()) {
      await app.repos.referrals.add(actor, {
        referrerId: referrer.id,
        sourceId: `${r.last}-${i}`,
        receivedAt: new Date(now - daysAgo * DAY),
        reason: r.reasons[i] ?? null,
      });
    }
  }
  return link.practiceId;
}

describe.skipIf(!hasChromium)("Teams bot in the Agents Playground", () => {
  let app: TestApp;
  let h: TeamsHarness;
  let playground: RunningPlayground;
  let browser: BrowserContext;
  let page: Page;
  let profile: string;
  let practiceId: string;

  beforeAll(async () => {
    app = await createTestApp();
    practiceId = await seedDemo(app);
    h = await startTeamsHarness({ core: app.core, repos: app.repos });
    playground = await startPlayground({ botUrl: h.botUrl, port: 56150 + Math.floor(Math.random() * 1000) });
    profile = mkdtempSync(join(tmpdir(), "teams-playground-chromium-"));
    browser = await chromium.launchPersistentContext(profile, {
      executablePath: CHROMIUM,
      headless: true,
      viewport: { width: 900, height: 900 },
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

  async function type(text: string) {
    const compose = page.locator('[role="textbox"][data-lexical-editor="true"]');
    await compose.click();
    await compose.pressSequentially(text);
    await page.keyboard.press("Enter");
  }

  it("delivers the digest to the chat chosen with 'digest here' and refreshes it in place after a click", async () => {
    mkdirSync(SCREENSHOTS, { recursive: true });
    await type("digest here");
    await page.getByText("digest", { exact: false }).last().waitFor({ timeout: 20_000 });
    await expect
      .poll(async () => (await app.repos.workspaces.listForPractice(practiceId))[0]?.digestConversation)
      .toBeTruthy();

    // The scheduler's own path: claim the day's run, build, deliver proactively through the Teams adapter.
    const practice = (await app.repos.practices.findById(practiceId))!;
    const sent = await sendDigest(
      {
        repos: app.repos,
        store: createDigestRunStore(app.db.prisma),
        data: app.digestData,
        deliveries: [h.teams.delivery],
        logger: silentLogger(),
      },
      practice,
      localDateOf(app.clock.now(), practice.timeZone),
      { now: app.clock.now(), instanceId: "playground-test" },
    );
    expect(sent.outcome).toBe("delivered");

    const digest = page.locator(".ac-adaptiveCard").filter({ hasText: "Referral digest" }).last();
    await digest.waitFor({ timeout: 20_000 });
    const button = digest.getByRole("button", { name: /^Mark / }).first();
    await button.waitFor({ timeout: 20_000 });
    await digest.screenshot({ path: join(SCREENSHOTS, "teams-digest.png") });

    const cardsBefore = await page.locator(".ac-adaptiveCard").count();
    await button.click();
    const refreshed = page.locator(".ac-adaptiveCard").filter({ hasText: "by Alex Wilber" }).last();
    await refreshed.waitFor({ timeout: 20_000 });
    await refreshed.screenshot({ path: join(SCREENSHOTS, "teams-refreshed.png") });

    // Refreshed in place: no new message, and one touch logged.
    expect(await page.locator(".ac-adaptiveCard").count()).toBe(cardsBefore);
    expect(await app.repos.touches.countSince(practiceId, new Date(0))).toBe(1);
    h.assertAllCardsValid();
  }, 90_000);

  it("opens the settings card on 'settings' and saves what is changed in it", async () => {
    await type("settings");
    const form = page.locator(".ac-adaptiveCard").filter({ hasText: "Digest settings" }).last();
    await form.waitFor({ timeout: 20_000 });
    const top = form.getByRole("spinbutton").first();
    await top.fill("7");
    await form.getByText("Saturday", { exact: true }).click();
    await form.screenshot({ path: join(SCREENSHOTS, "teams-settings.png") });
    await form.getByRole("button", { name: "Save settings" }).click();

    await page.locator(".ac-adaptiveCard").filter({ hasText: "Settings saved" }).last().waitFor({ timeout: 20_000 });
    const practice = (await app.repos.practices.findById(practiceId))!;
    expect(practice.settings.digestTopN).toBe(7);
    expect(practice.digestWeekdays).toEqual([1, 2, 3, 4, 5, 6]);
    h.assertAllCardsValid();
  }, 60_000);
});
