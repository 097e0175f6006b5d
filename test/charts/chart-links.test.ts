// The chart links: GET /charts/<token>.png over the real HTTP server. A link names its chart and data
// version, sealed: no name or id can be read from it; a forged, altered or expired one gets 404; and
// the same chart for unchanged data is one drawing, answered with cache headers (and 304 when asked).
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { type ChartImages, createChartImages } from "../../src/charts/chart-images.ts";
import { chartKeys, chartVersion, openChart, sealChart } from "../../src/charts/chart-token.ts";
import { SAMPLE_NOW, sampleOverview, sampleTrend } from "../../src/demo/sample-charts.ts";
import type { Route } from "../../src/http/route.ts";
import { type RouteServer, startRouteServer } from "../support/slack-requests.ts";
import { settableClock } from "../support/test-app.ts";

const SECRET = "a-test-secret-that-is-long-enough-for-charts";
const DAY = 86_400_000;

describe("chart links", () => {
  const clock = settableClock(SAMPLE_NOW);
  const routes: Route[] = [];
  let server: RouteServer;
  let charts: ChartImages;

  beforeAll(async () => {
    server = await startRouteServer(routes);
    charts = createChartImages({ secret: SECRET, publicUrl: server.url, clock });
    routes.push(...charts.routes);
  });
  afterAll(async () => server?.close());

  it("serve the chart as a PNG with its data version as ETag and caching until the link expires", async () => {
    clock.set(SAMPLE_NOW);
    const url = charts.urlFor(sampleTrend())!;
    const res = await fetch(url);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("image/png");
    expect(res.headers.get("etag")).toBe(`"${chartVersion(sampleTrend())}"`);
    expect(res.headers.get("cache-control")).toBe(`public, max-age=${7 * 86_400}, immutable`);
    const body = Buffer.from(await res.arrayBuffer());
    expect(body.subarray(1, 4).toString()).toBe("PNG");
  });

  it("answer 304 to a client that already has this data version", async () => {
    const url = charts.urlFor(sampleTrend())!;
    const res = await fetch(url, { headers: { "if-none-match": `"${chartVersion(sampleTrend())}"` } });
    expect(res.status).toBe(304);
  });

  it("carry no referrer or practice name in the URL", () => {
    const url = charts.urlFor(sampleOverview())!;
    for (const word of ["Lee", "Patel", "Lakeside", "referrer", "overview"]) expect(url).not.toContain(word);
  });

  it("give the same data version, and so one drawing, for the same data in another link", async () => {
    const first = charts.urlFor(sampleTrend())!;
    const second = charts.urlFor(sampleTrend())!;
    expect(first).not.toBe(second);
    const [a, b] = await Promise.all([fetch(first), fetch(second)]);
    expect(a.headers.get("etag")).toBe(b.headers.get("etag"));
    expect(await charts.png(sampleTrend())).toBe(await charts.png(sampleTrend()));
    expect(chartVersion(sampleTrend("Dr. Jennifer Lee", 2))).not.toBe(chartVersion(sampleTrend()));
  });

  it("answer 404 to a link that has expired", async () => {
    clock.set(SAMPLE_NOW);
    const url = charts.urlFor(sampleTrend())!;
    clock.set(new Date(SAMPLE_NOW.getTime() + 7 * DAY + 1000));
    expect((await fetch(url)).status).toBe(404);
    clock.set(SAMPLE_NOW);
    expect((await fetch(url)).status).toBe(200);
  });

  it("answer 404 to a forged, altered or malformed link", async () => {
    clock.set(SAMPLE_NOW);
    const good = charts.urlFor(sampleTrend())!;
    const token = good.slice(good.lastIndexOf("/") + 1, -".png".length);
    const flipped = `${token.slice(0, 30)}${token[30] === "A" ? "B" : "A"}${token.slice(31)}`;
    const forged = sealChart(
      chartKeys("another-secret-that-is-long-enough-too"),
      sampleTrend(),
      new Date(SAMPLE_NOW.getTime() + DAY),
    );
    for (const path of [
      `/charts/${flipped}.png`,
      `/charts/${forged}.png`,
      `/charts/${token}`,
      `/charts/${token.slice(0, 40)}.png`,
      "/charts/not-a-token.png",
      "/charts/",
    ]) {
      const res = await fetch(`${server.url}${path}`);
      expect(res.status, path).toBe(404);
    }
  });

  it("open only with the key that sealed them, to the same chart", () => {
    const keys = chartKeys(SECRET);
    const token = sealChart(keys, sampleTrend(), new Date(SAMPLE_NOW.getTime() + DAY));
    expect(openChart(keys, token, SAMPLE_NOW)?.chart).toEqual(sampleTrend());
    expect(openChart(chartKeys(`${SECRET}!`), token, SAMPLE_NOW)).toBeNull();
  });

  it("are not made without an address a client could reach", () => {
    const offline = createChartImages({ secret: SECRET });
    expect(offline.urlFor(sampleTrend())).toBeNull();
    offline.useLocalBase("http://127.0.0.1:3978");
    expect(offline.urlFor(sampleTrend())).toMatch(/^http:\/\/127\.0\.0\.1:3978\/charts\/[\w-]+\.png$/);
    expect(offline.publicUrlFor(sampleTrend())).toBeNull();
  });
});
