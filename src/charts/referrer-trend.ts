// The referrer trend: 24 months of referrals as bars (the last 12 strong, the 12 before pale), the
// same month a year earlier as a dashed line over the last 12, and touches as thin lines on the day
// they happened, coloured by kind, so a thank-you before a rise (or a complaint before a fall) shows.
import type { ReferrerTrendData } from "../core/charts/chart-model.ts";
import { BASE_CONFIG, CHART_HEIGHT, CHART_WIDTH, COLORS, HEADING } from "./chart-style.ts";

const MARK_LABEL = {
  thank_you: "Thank-you",
  call: "Call",
  meeting: "Meeting",
  returned_referral: "Sent back",
  complaint: "Complaint",
} as const;

export function referrerTrendSpec(data: ReferrerTrendData) {
  const recentFrom = data.months.length - 12;
  const months = data.months.map((m, i) => ({
    month: `${m.month}-15`,
    count: m.count,
    period: i >= recentFrom ? "Last 12 months" : "Year before",
    yearBefore: i >= recentFrom ? (data.months[i - 12]?.count ?? null) : null,
  }));
  const marks = data.marks.map((m) => ({ day: m.day, touch: MARK_LABEL[m.kind] }));
  const kinds = Object.keys(MARK_LABEL) as Array<keyof typeof MARK_LABEL>;
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    width: CHART_WIDTH,
    height: CHART_HEIGHT,
    autosize: { type: "fit", contains: "padding" },
    config: BASE_CONFIG,
    // A title wider than the plot would shrink the plot (autosize "fit" keeps everything within the size).
    params: [{ name: HEADING, value: `${data.referrerName}: referrals per month` }],
    title: {
      text: { expr: HEADING },
      subtitle: "Dark: last 12 months · pale: the year before · dashed: a year earlier · lines: touches",
    },
    datasets: { months, marks },
    resolve: { scale: { color: "independent" } },
    layer: [
      {
        data: { name: "marks" },
        mark: { type: "rule", strokeWidth: 1.5, opacity: 0.8 },
        encoding: {
          x: { field: "day", type: "temporal" },
          color: {
            field: "touch",
            type: "nominal",
            title: null,
            scale: { domain: kinds.map((k) => MARK_LABEL[k]), range: kinds.map((k) => COLORS[k]) },
          },
        },
      },
      {
        data: { name: "months" },
        layer: [
          {
            mark: { type: "bar", width: { band: 0.7 } },
            encoding: {
              x: { field: "month", type: "temporal", timeUnit: "yearmonth", title: null, axis: { format: "%b %y" } },
              y: { field: "count", type: "quantitative", title: "Referrals", axis: { tickMinStep: 1 } },
              color: {
                field: "period",
                type: "nominal",
                legend: null,
                scale: { domain: ["Year before", "Last 12 months"], range: [COLORS.previous, COLORS.recent] },
              },
            },
          },
          {
            mark: { type: "line", strokeDash: [4, 3], color: "#444", point: { size: 18, color: "#444" } },
            encoding: {
              x: { field: "month", type: "temporal", timeUnit: "yearmonth", bandPosition: 0.5 },
              y: { field: "yearBefore", type: "quantitative" },
            },
          },
        ],
      },
    ],
  };
}
