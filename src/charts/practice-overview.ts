// The practice at a glance: referrals per month (24 months), the top referrers' last 12 months with a
// tick at the 12 months before, and the referrers going quiet by days since their last referral.
import type { PracticeOverviewData } from "../core/charts/chart-model.ts";
import { BASE_CONFIG, COLORS, HEADING } from "./chart-style.ts";

const WIDTH = 600;

export function practiceOverviewSpec(data: PracticeOverviewData) {
  const recentFrom = data.months.length - 12;
  const months = data.months.map((m, i) => ({
    month: `${m.month}-15`,
    count: m.count,
    period: i >= recentFrom ? "Last 12 months" : "Year before",
  }));
  // Drawn in the order given: most referrals first, longest silent first.
  const top = [...data.top]
    .sort((a, b) => b.last12 - a.last12)
    .map((t) => ({ name: t.name, last12: t.last12, previous12: t.previous12 }));
  const quiet = [...data.quiet]
    .sort((a, b) => b.daysSilent - a.daysSilent)
    .map((q) => ({ name: q.name, days: q.daysSilent }));
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: BASE_CONFIG,
    params: [{ name: HEADING, value: `${data.practiceName}: referrals at a glance` }],
    title: { text: { expr: HEADING } },
    datasets: { months, top, quiet },
    vconcat: [
      {
        data: { name: "months" },
        width: WIDTH,
        height: 150,
        title: { text: "Referrals per month (dark: the last 12 months)", fontSize: 12 },
        mark: { type: "bar", width: { band: 0.7 } },
        encoding: {
          x: { field: "month", type: "temporal", timeUnit: "yearmonth", title: null, axis: { format: "%b %y" } },
          y: { field: "count", type: "quantitative", title: null, axis: { tickMinStep: 1 } },
          color: {
            field: "period",
            type: "nominal",
            legend: null,
            scale: { domain: ["Year before", "Last 12 months"], range: [COLORS.previous, COLORS.recent] },
          },
        },
      },
      {
        data: { name: "top" },
        width: WIDTH - 160,
        height: { step: 18 },
        title: { text: "Top referrers, last 12 months (tick: the 12 months before)", fontSize: 12 },
        layer: [
          {
            mark: { type: "bar", color: COLORS.recent, height: { band: 0.7 } },
            encoding: {
              y: { field: "name", type: "nominal", sort: null, title: null },
              x: { field: "last12", type: "quantitative", title: null, axis: { tickMinStep: 1 } },
            },
          },
          {
            mark: { type: "tick", color: "#222", thickness: 2 },
            encoding: {
              y: { field: "name", type: "nominal", sort: null },
              x: { field: "previous12", type: "quantitative" },
            },
          },
        ],
      },
      {
        data: { name: "quiet" },
        width: WIDTH - 160,
        height: { step: 18 },
        title: { text: "Going quiet: days since their last referral", fontSize: 12 },
        mark: { type: "bar", color: COLORS.complaint, height: { band: 0.7 } },
        encoding: {
          y: { field: "name", type: "nominal", sort: null, title: null },
          x: { field: "days", type: "quantitative", title: null },
        },
      },
    ],
  };
}
