// Chart model → PNG: the chart's Vega-Lite specification compiled to Vega, drawn to SVG by Vega's own
// SVG renderer (no canvas, no native code), and rasterised by resvg (prebuilt binaries from npm)
// with the font shipped in npm, so the same data gives the same pixels on every machine.
import { Resvg } from "@resvg/resvg-js";
import * as vega from "vega";
import { compile, type TopLevelSpec } from "vega-lite";
import type { ChartModel } from "../core/charts/chart-model.ts";
import { CHART_WIDTH, FONT_FAMILY, FONT_FILES, PIXEL_RATIO } from "./chart-style.ts";
import { managersWeekSpec } from "./managers-week.ts";
import { practiceOverviewSpec } from "./practice-overview.ts";
import { referrerTrendSpec } from "./referrer-trend.ts";

export function chartSpec(chart: ChartModel): TopLevelSpec {
  switch (chart.kind) {
    case "referrer_trend":
      return referrerTrendSpec(chart.data) as TopLevelSpec;
    case "practice_overview":
      return practiceOverviewSpec(chart.data) as TopLevelSpec;
    case "managers_week":
      return managersWeekSpec(chart.data) as TopLevelSpec;
  }
}

export async function chartSvg(chart: ChartModel): Promise<string> {
  const { spec } = compile(chartSpec(chart));
  const view = new vega.View(vega.parse(spec), { renderer: "none", logLevel: vega.Error });
  try {
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/** The chart as a PNG at twice its logical size; a single-view chart is exactly 1280 × 600 pixels. */
export async function renderChartPng(chart: ChartModel): Promise<Buffer> {
  const svg = await chartSvg(chart);
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "zoom", value: PIXEL_RATIO },
    background: "white",
  });
  return resvg.render().asPng();
}

export const SINGLE_CHART_PIXELS = { width: CHART_WIDTH * PIXEL_RATIO };
