// What every chart shares: its size, the one font (shipped through npm, so rendering needs no system
// fonts and works offline), and colours that read on white and on Slack's and Teams' dark themes.
import { fileURLToPath } from "node:url";

/** Logical size of a single-view chart; the PNG is drawn at twice this, for sharp screens. */
export const CHART_WIDTH = 640;
export const CHART_HEIGHT = 300;
export const PIXEL_RATIO = 2;

export const FONT_FAMILY = "DejaVu Sans";
/**
 * DejaVu Sans as TrueType (resvg reads TTF/OTF, not the WOFF that web font packages ship), cut down to
 * Latin letters and punctuation (fonts/README.md says how): resvg reads the whole font file again for
 * every text on a chart, and the full 750 KB face made text most of a chart's drawing time.
 */
export const FONT_FILES = ["DejaVuSans-Latin.ttf", "DejaVuSans-Bold-Latin.ttf"].map((name) =>
  fileURLToPath(new URL(`./fonts/${name}`, import.meta.url)),
);

/**
 * The one signal a chart's title reads: with the title and the data set at draw time, every chart of a
 * kind compiles to the same Vega program, which is compiled and parsed once (render-chart.ts).
 */
export const HEADING = "heading";

export const COLORS = {
  recent: "#2f6fb3",
  previous: "#b7c4d3",
  thank_you: "#2e9d5b",
  call: "#e08a1e",
  meeting: "#7a4fb5",
  returned_referral: "#1aa3a3",
  complaint: "#d0393b",
  done: "#2e9d5b",
  passed: "#c7c7c7",
} as const;

/** The shared Vega-Lite config: one font, quiet grid lines, titles left-aligned like a chat message. */
export const BASE_CONFIG = {
  font: FONT_FAMILY,
  background: "white",
  view: { stroke: null },
  axis: { labelFontSize: 11, titleFontSize: 11, gridColor: "#e6e6e6", domainColor: "#999", tickColor: "#999" },
  legend: { labelFontSize: 11, titleFontSize: 11, orient: "bottom", direction: "horizontal" },
  title: { fontSize: 15, anchor: "start", subtitleFontSize: 11, subtitleColor: "#555" },
} as const;
