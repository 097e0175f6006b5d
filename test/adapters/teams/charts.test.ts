// Charts in Teams over the real Bot Framework protocol: "referrer Dr. Lee" into the bot, the real core
// and database, the card out through the fake connector. Its Image points at the bot's own chart link,
// which answers with the PNG; a forged or expired link gets 404.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createChartImages } from "../../../src/charts/chart-images.ts";
import type { Actor } from "../../../src/core/model.ts";
import { personalChat } from "../../support/teams-requests.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";
import { cardOf, startTeamsHarness, type TeamsHarness } from "./support/teams-harness.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const DAY = 86_400_000;
const TENANT = "tenant-charts";

interface Element {
  type: string;
  url?: string;
  altText?: string;
  items?: Element[];
}

function imagesIn(elements: Element[] | undefined): Element[] {
  return (elements ?? []).flatMap((e) => (e.type === "Image" ? [e] : imagesIn(e.items)));
}

describe("a referrer's profile in Teams", () => {
  let app: TestApp;
  let h: TeamsHarness;

  beforeAll(async () => {
    app = await createTestApp({ now: NOW });
    const charts = createChartImages({ secret: "teams-chart-test-secret-long-enough", clock: app.clock });
    h = await startTeamsHarness({ core: app.core, repos: app.repos, charts });
    const link = await app.repos.workspaces.getOrLink("teams", TENANT);
    const setup: Actor = { practiceId: link.practiceId, memberId: null, name: "setup", channel: "cli", role: null };
    const lee = await app.repos.referrers.create(
      link.practiceId,
      { displayName: "Dr. Jennifer Lee", lastName: "Lee" },
      setup,
    );
    for (let i = 0; i < 12; i++) {
      await app.repos.referrals.add(setup, {
        referrerId: lee.id,
        sourceId: `lee-${i}`,
        receivedAt: new Date(NOW.getTime() - (5 + i * 23) * DAY),
      });
    }
  });
  afterAll(async () => {
    await h?.close();
    await app?.close();
  });

  async function profileImage() {
    await h.send("referrer Dr. Lee", { conversation: personalChat(undefined, TENANT) });
    const card = cardOf(h.connector.calls.at(-1)!.activity) as unknown as { body?: Element[] };
    const [image] = imagesIn(card.body);
    return image;
  }

  it("shows an Image whose URL the bot serves as a PNG, with the trend in words as its alt text", async () => {
    const image = await profileImage();
    expect(image?.altText).toMatch(/^Dr\. Jennifer Lee: 12 referrals in 12 months, none the year before/);
    const res = await fetch(image!.url!);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    h.assertAllCardsValid();
  });

  it("links a chart that answers 404 once forged or expired", async () => {
    const url = (await profileImage())!.url!;
    expect((await fetch(url.replace(/\.png$/, "x.png"))).status).toBe(404);
    app.clock.set(new Date(NOW.getTime() + 7 * DAY + 60_000));
    try {
      expect((await fetch(url)).status).toBe(404);
    } finally {
      app.clock.set(NOW);
    }
  });
});
