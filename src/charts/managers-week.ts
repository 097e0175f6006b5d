// The manager's week: each member's touches this week, stacked by kind, beside the nudges they did
// against those they passed over (dismissed or snoozed).
import type { ManagersWeekData } from "../core/charts/chart-model.ts";
import { TOUCH_KINDS } from "../core/model.ts";
import { BASE_CONFIG, COLORS, HEADING } from "./chart-style.ts";

const KIND_LABEL: Record<(typeof TOUCH_KINDS)[number], string> = {
  thank_you: "Thank-you",
  call: "Call",
  meeting: "Meeting",
  returned_referral: "Sent back",
  feedback_request: "Asked feedback",
  liaison_visit: "Visit",
  other: "Other",
};
const KIND_COLOR: Record<(typeof TOUCH_KINDS)[number], string> = {
  thank_you: COLORS.thank_you,
  call: COLORS.call,
  meeting: COLORS.meeting,
  returned_referral: COLORS.returned_referral,
  feedback_request: "#5b8def",
  liaison_visit: "#a6761d",
  other: "#999999",
};

export function managersWeekSpec(data: ManagersWeekData) {
  const touches = data.members.flatMap((m) =>
    TOUCH_KINDS.flatMap((k) => (m.touches[k] ? [{ name: m.name, kind: KIND_LABEL[k], count: m.touches[k] }] : [])),
  );
  const nudges = data.members.flatMap((m) => [
    { name: m.name, outcome: "Done", count: m.nudgesDone },
    { name: m.name, outcome: "Passed over", count: m.nudgesPassed },
  ]);
  return {
    $schema: "https://vega.github.io/schema/vega-lite/v6.json",
    config: BASE_CONFIG,
    params: [{ name: HEADING, value: `The team's week from ${data.weekOf}` }],
    title: { text: { expr: HEADING } },
    datasets: { touches, nudges },
    resolve: { scale: { color: "independent" } },
    hconcat: [
      {
        data: { name: "touches" },
        width: 300,
        height: { step: 20 },
        title: { text: "Touches by kind", fontSize: 12 },
        mark: { type: "bar", height: { band: 0.7 } },
        encoding: {
          y: { field: "name", type: "nominal", title: null, sort: null },
          x: { field: "count", type: "quantitative", title: null, stack: "zero", axis: { tickMinStep: 1 } },
          color: {
            field: "kind",
            type: "nominal",
            title: null,
            // In columns under their own panel: one long row would push the nudges panel aside.
            legend: { columns: 4 },
            scale: { domain: TOUCH_KINDS.map((k) => KIND_LABEL[k]), range: TOUCH_KINDS.map((k) => KIND_COLOR[k]) },
          },
        },
      },
      {
        data: { name: "nudges" },
        width: 200,
        height: { step: 20 },
        title: { text: "Nudges", fontSize: 12 },
        mark: { type: "bar", height: { band: 0.7 } },
        encoding: {
          y: { field: "name", type: "nominal", title: null, axis: null, sort: null },
          x: { field: "count", type: "quantitative", title: null, stack: "zero", axis: { tickMinStep: 1 } },
          color: {
            field: "outcome",
            type: "nominal",
            title: null,
            legend: { columns: 1 },
            scale: { domain: ["Done", "Passed over"], range: [COLORS.done, COLORS.passed] },
          },
        },
      },
    ],
  };
}
