// The Monday summary each manager gets in their own chat: the team view's figures, said as a week's
// opening. Once per practice, ISO week and manager (core/ports/team-summary-runs.ts claims it).
import { DateTime } from "luxon";
import type { Reply } from "../reply.ts";
import type { TeamFigures } from "./team-figures.ts";
import { teamSections } from "./team-reply.ts";

/** "2026-W50": the ISO week `now` falls in, in the practice's zone. */
export function isoWeekOf(now: Date, timeZone: string): string {
  const local = DateTime.fromJSDate(now, { zone: timeZone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, "0")}`;
}

/** The summary goes out with the first digest of the week, which for most practices is Monday morning. */
export function isWeeklySummaryDay(now: Date, timeZone: string, digestWeekdays: readonly number[]): boolean {
  const weekday = DateTime.fromJSDate(now, { zone: timeZone }).weekday;
  const first = Math.min(...digestWeekdays);
  return Number.isFinite(first) && weekday === first;
}

export function weeklySummaryReply(figures: TeamFigures, practiceName: string, now: Date, timeZone: string): Reply {
  const week = DateTime.fromJSDate(now, { zone: timeZone }).startOf("week").toFormat("d LLLL");
  return {
    ephemeral: false,
    tone: "info",
    headline: `${practiceName}: the team's work · week of ${week}`,
    sections: teamSections(figures),
  };
}
