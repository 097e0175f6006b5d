// Gifts count per calendar year in the practice's time zone: a lunch at 23:30 on 31 December, local time,
// belongs to that year even though it is already 1 January in UTC.
import { DateTime } from "luxon";
import { inZone } from "../time/local-date.ts";

/** The calendar year `at` falls in, in `zone`. */
export function calendarYearOf(at: Date, zone: string): number {
  return inZone(at, zone).year;
}

/** The year's first instant and the next year's, in `zone`: gifts with start <= givenAt < end count in it. */
export function calendarYearRange(year: number, zone: string): { start: Date; end: Date } {
  const start = DateTime.fromObject({ year, month: 1, day: 1 }, { zone });
  if (!start.isValid) throw new RangeError(`Invalid time zone: ${zone}`);
  return { start: start.toJSDate(), end: start.plus({ years: 1 }).toJSDate() };
}

/** The cents given in that calendar year, of any gifts (others are left out, so a wider read is harmless). */
export function yearTotalCents(
  gifts: ReadonlyArray<{ amountCents: number; givenAt: Date }>,
  year: number,
  zone: string,
): number {
  const { start, end } = calendarYearRange(year, zone);
  return gifts
    .filter((g) => g.givenAt.getTime() >= start.getTime() && g.givenAt.getTime() < end.getTime())
    .reduce((sum, g) => sum + g.amountCents, 0);
}
