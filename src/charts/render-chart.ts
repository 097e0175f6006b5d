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

/** A spec's data and signal values, apart from what every chart of its kind shares. */
interface SpecParts {
  shape: string;
  datasets: Record<string, unknown[]>;
  params: Array<{ name: string; value: unknown }>;
}

function partsOf(spec: TopLevelSpec): SpecParts {
  const {
    datasets = {},
    params = [],
    ...rest
  } = spec as TopLevelSpec & {
    datasets?: Record<string, unknown[]>;
    params?: Array<{ name: string; value: unknown }>;
  };
  const emptyData = Object.fromEntries(Object.keys(datasets).map((name) => [name, []]));
  const blankParams = params.map((p) => ({ ...p, value: "" }));
  return { shape: JSON.stringify({ ...rest, datasets: emptyData, params: blankParams }), datasets, params };
}

/** Compiled and parsed Vega programs by shape: a chart's kind, without its data and title. */
const programs = new Map<string, vega.Runtime>();
const MAX_PROGRAMS = 50;

function programFor(shape: string): vega.Runtime {
  let program = programs.get(shape);
  if (!program) {
    program = vega.parse(compile(JSON.parse(shape) as TopLevelSpec).spec);
    if (programs.size >= MAX_PROGRAMS) programs.delete(programs.keys().next().value as string);
    programs.set(shape, program);
  }
  return program;
}

export async function chartSvg(chart: ChartModel): Promise<string> {
  const { shape, datasets, params } = partsOf(chartSpec(chart));
  const view = new vega.View(programFor(shape), { renderer: "none", logLevel: vega.Error });
  try {
    for (const [name, values] of Object.entries(datasets)) view.data(name, values);
    for (const p of params) view.signal(p.name, p.value);
    return await view.toSVG();
  } finally {
    view.finalize();
  }
}

/**
 * Drawing and compressing cost grows with pixels: a large chart (the overview) is drawn at less than
 * twice its size so that no PNG has more than about this many pixels, which chat clients scale down anyway.
 */
const MAX_PIXELS = 800_000;

/** The chart as a PNG at twice its logical size (less for large ones); a single-view chart is exactly 1280 × 600. */
export async function renderChartPng(chart: ChartModel): Promise<Buffer> {
  const svg = await chartSvg(chart);
  const size = /<svg[^>]*\swidth="(\d+(?:\.\d+)?)"[^>]*\sheight="(\d+(?:\.\d+)?)"/.exec(svg);
  const area = size ? Number(size[1]) * Number(size[2]) : CHART_WIDTH * CHART_WIDTH;
  const zoom = Math.min(PIXEL_RATIO, Math.sqrt(MAX_PIXELS / area));
  const resvg = new Resvg(svg, {
    font: { fontFiles: FONT_FILES, loadSystemFonts: false, defaultFontFamily: FONT_FAMILY },
    fitTo: { mode: "zoom", value: zoom },
    background: "white",
  });
  return resvg.render().asPng();
}
