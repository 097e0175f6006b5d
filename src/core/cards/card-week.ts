// Card weeks are ISO weeks in the practice's zone ("2026-W49"): one batch of cards per practice and week.
import { DateTime } from "luxon";
import type { Practice } from "../model.ts";
import { isoWeekdayOf } from "../time/local-date.ts";
import { cardWeekdayOf } from "./card-settings.ts";

const WEEK_KEY = /^(\d{4})-W(\d{2})$/;

/** The ISO week containing `date` in the zone, "YYYY-Www". */
export function cardWeekOf(date: Date, zone: string): string {
  const local = DateTime.fromJSDate(date, { zone });
  return `${local.weekYear}-W${String(local.weekNumber).padStart(2, "0")}`;
}

/** A typed week ("2026-W49") when it is a real ISO week, else null. */
export function parseCardWeek(text: string): string | null {
  const match = WEEK_KEY.exec(text.trim());
  if (!match) return null;
  const week = DateTime.fromObject({ weekYear: Number(match[1]), weekNumber: Number(match[2]), weekday: 1 });
  return week.isValid && week.weekNumber === Number(match[2]) ? `${match[1]}-W${match[2]}` : null;
}

/** The local date ("YYYY-MM-DD") of the practice's card day in that ISO week. */
export function cardDateOf(week: string, practice: Pick<Practice, "settings">): string {
  const match = WEEK_KEY.exec(week);
  if (!match) throw new RangeError(`Not an ISO week: ${week}`);
  const day = DateTime.fromObject(
    {
      weekYear: Number(match[1]),
      weekNumber: Number(match[2]),
      weekday: cardWeekdayOf(practice.settings) as 1 | 2 | 3 | 4 | 5 | 6 | 7,
    },
    { zone: "UTC" },
  );
  return day.toISODate() ?? "";
}

/** Whether `now` falls on the card day (the settings' card weekday) in the zone. */
export function isCardDay(now: Date, zone: string, settings: { cardWeekday?: number }): boolean {
  return isoWeekdayOf(now, zone) === cardWeekdayOf(settings);
}
