// The manager's week: each member's touches by kind, and the nudges they did against those they
// passed over (dismissed or snoozed). Standalone, so the team view can show it beside its own lines.
import type { MemberWeekRow } from "../ports/chart-data.ts";
import type { ChartOf, ManagersWeekData } from "./chart-model.ts";

export const WEEK_MEMBERS = 20;

export function managersWeekChart(input: { weekOf: string; members: MemberWeekRow[] }): ChartOf<"managers_week"> {
  const touchesOf = (m: MemberWeekRow) => Object.values(m.touches).reduce((a, b) => a + (b ?? 0), 0);
  const members = [...input.members]
    .sort((a, b) => touchesOf(b) + b.nudgesDone - (touchesOf(a) + a.nudgesDone) || a.name.localeCompare(b.name))
    .slice(0, WEEK_MEMBERS);
  const data: ManagersWeekData = { weekOf: input.weekOf, members };
  return { kind: "managers_week", altText: weekWords(data, touchesOf), data };
}

/** "Week of 2026-12-07: 23 touches by 3 members, most by Ana (12); 9 nudges done, 2 passed over." */
function weekWords(data: ManagersWeekData, touchesOf: (m: MemberWeekRow) => number): string {
  if (data.members.length === 0) return `Week of ${data.weekOf}: no touches logged and no nudges handled yet.`;
  const touches = data.members.reduce((sum, m) => sum + touchesOf(m), 0);
  const done = data.members.reduce((sum, m) => sum + m.nudgesDone, 0);
  const passed = data.members.reduce((sum, m) => sum + m.nudgesPassed, 0);
  const busiest = data.members[0]!;
  return (
    `Week of ${data.weekOf}: ${touches} ${touches === 1 ? "touch" : "touches"} by ${data.members.length} ` +
    `${data.members.length === 1 ? "member" : "members"}, most by ${busiest.name} (${touchesOf(busiest)}); ` +
    `${done} ${done === 1 ? "nudge" : "nudges"} done, ${passed} passed over.`
  );
}
