// The charts as pictures: each PNG decodes, has the size it should, changes when its data change, and
// looks like its golden image (within a few pixels: font hinting may differ by a shade between builds).
// UPDATE_CHART_GOLDENS=1 writes the goldens again, after a change to a chart was looked at and approved.
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { decode } from "fast-png";
import { describe, expect, it } from "vitest";
import { renderChartPng } from "../../src/charts/render-chart.ts";
import type { ChartModel } from "../../src/core/charts/chart-model.ts";
import { sampleOverview, sampleTrend, sampleWeek } from "../../src/demo/sample-charts.ts";

const GOLDEN_DIR = "test/fixtures/charts";
/** A pixel counts as different when a channel moves by more than this (of 255)… */
const CHANNEL_TOLERANCE = 24;
/** …and an image matches its golden while at most this share of its pixels differ. */
const PIXEL_TOLERANCE = 0.005;

function differingShare(a: ReturnType<typeof decode>, b: ReturnType<typeof decode>): number {
  if (a.width !== b.width || a.height !== b.height) return 1;
  const channels = a.channels;
  let differing = 0;
  for (let i = 0; i < a.data.length; i += channels) {
    for (let c = 0; c < channels; c++) {
      if (Math.abs((a.data[i + c] ?? 0) - (b.data[i + c] ?? 0)) > CHANNEL_TOLERANCE) {
        differing++;
        break;
      }
    }
  }
  return differing / (a.width * a.height);
}

const CHARTS: Array<[string, () => ChartModel]> = [
  ["referrer-trend", () => sampleTrend()],
  ["practice-overview", () => sampleOverview()],
  ["managers-week", () => sampleWeek()],
];

describe("chart images", () => {
  it("draw the referrer trend as a PNG of exactly 1280 × 600 pixels", async () => {
    const png = decode(await renderChartPng(sampleTrend()));
    expect([png.width, png.height]).toEqual([1280, 600]);
  });

  it.each(CHARTS)("draw %s as a PNG that decodes to a picture that is not blank", async (_name, chart) => {
    const png = decode(await renderChartPng(chart()));
    expect(png.width).toBeGreaterThan(800);
    expect(png.height).toBeGreaterThan(300);
    const first = png.data.slice(0, png.channels);
    const colours = new Set<string>();
    for (let i = 0; i < png.data.length && colours.size < 10; i += png.channels * 97) {
      colours.add(String(png.data.slice(i, i + png.channels)));
    }
    expect(colours.size, `only ${String(first)} in the picture`).toBeGreaterThan(3);
  });

  it("differ when the data differ", async () => {
    const lee = decode(await renderChartPng(sampleTrend("Dr. Jennifer Lee", 1)));
    const other = decode(await renderChartPng(sampleTrend("Dr. Jennifer Lee", 2)));
    expect(differingShare(lee, other)).toBeGreaterThan(0.002);
  });

  it.each(CHARTS)("draw %s like its golden image", async (name, chart) => {
    const path = `${GOLDEN_DIR}/${name}.png`;
    const drawn = await renderChartPng(chart());
    if (process.env.UPDATE_CHART_GOLDENS === "1") writeFileSync(path, drawn);
    expect(existsSync(path), `${path} is missing: UPDATE_CHART_GOLDENS=1 npx vitest run test/charts`).toBe(true);
    const share = differingShare(decode(drawn), decode(readFileSync(path)));
    expect(share, `${(share * 100).toFixed(2)} % of the pixels differ from ${path}`).toBeLessThanOrEqual(
      PIXEL_TOLERANCE,
    );
  });
});
