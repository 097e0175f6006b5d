// Dates as the practice sees them. Instants are stored and compared as UTC `Date`s; anything a person
// reads ("on Tuesday", "today", a digest's date) or a rule counts in calendar days is taken in the
// practice's IANA zone, so 23:30 on a Friday in Los Angeles stays a Friday.
import { DateTime } from "luxon";
import {
  DAY_MS,
  fromWallClock,
  isKnownTimeZone,
  toWallClock,
  wallDate,
  wallMidnight,
  wallWeekday,
} from "./wall-clock.ts";

/** English names because reasons are English sentences; index = ISO weekday − 1. */
const WEEKDAY_NAMES = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"] as const;
const MONTH_SHORT = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"] as const;

export function isValidTimeZone(zone: string): boolean {
  return isKnownTimeZone(zone);
}

/** The local calendar date, "YYYY-MM-DD". Throws RangeError on an unknown zone rather than using UTC. */
export function localDateOf(date: Date, zone: string): string {
  return wallDate(toWallClock(date.getTime(), zone));
}

/**
 * Days since 1970-01-01 in UTC, the unit of `ReferrerFacts.referralDays` (the stats row buckets by UTC day
 * so it never depends on a zone setting that can change).
 */
export function epochDayOf(date: Date): number {
  return Math.floor(date.getTime() / DAY_MS);
}

/** The UTC midnight that starts an epoch day. */
export function dateOfEpochDay(day: number): Date {
  return new Date(day * DAY_MS);
}

/** Whole days from `from` to `to` (negative if `to` is earlier); 36 hours is 1 day. */
export function daysBetween(from: Date, to: Date): number {
  return Math.floor((to.getTime() - from.getTime()) / DAY_MS);
}

/** Local calendar days from `from`'s date to `to`'s date: Friday 23:30 to Saturday 00:10 is 1. */
export function localDaysBetween(from: Date, to: Date, zone: string): number {
  const a = Math.floor(toWallClock(from.getTime(), zone) / DAY_MS);
  const b = Math.floor(toWallClock(to.getTime(), zone) / DAY_MS);
  return b - a;
}

/** ISO weekday in the zone: 1 = Monday … 7 = Sunday. */
export function isoWeekdayOf(date: Date, zone: string): number {
  return wallWeekday(toWallClock(date.getTime(), zone));
}

/** "Monday" … "Sunday", in the zone. */
export function weekdayName(date: Date, zone: string): string {
  return WEEKDAY_NAMES[isoWeekdayOf(date, zone) - 1]!;
}

/** "Jun 4": the local month and day, for dates too far back for a weekday name. */
export function shortDateOf(date: Date, zone: string): string {
  const wall = new Date(toWallClock(date.getTime(), zone));
  return `${MONTH_SHORT[wall.getUTCMonth()]} ${wall.getUTCDate()}`;
}

/** The instant the local day containing `date` begins. */
export function startOfLocalDay(date: Date, zone: string): Date {
  return new Date(fromWallClock(wallMidnight(toWallClock(date.getTime(), zone)), zone));
}

/** The instant the local ISO week (Monday 00:00) containing `date` begins. */
export function startOfLocalWeek(date: Date, zone: string): Date {
  const wall = toWallClock(date.getTime(), zone);
  const monday = wallMidnight(wall) - (wallWeekday(wall) - 1) * DAY_MS;
  return new Date(fromWallClock(monday, zone));
}

/** The instant the local calendar month containing `date` begins (the 1st, 00:00). */
export function startOfLocalMonth(date: Date, zone: string): Date {
  const wall = new Date(toWallClock(date.getTime(), zone));
  return new Date(fromWallClock(Date.UTC(wall.getUTCFullYear(), wall.getUTCMonth(), 1), zone));
}

/**
 * The instant of a local date ("YYYY-MM-DD") and time ("HH:MM") in the zone. A time inside a
 * spring-forward gap moves forward by the gap (02:30 becomes 03:30); in a fall-back overlap the earlier
 * instant is used.
 */
export function atLocalTime(localDate: string, time: string, zone: string): Date {
  const t = /^(\d{1,2}):(\d{2})$/.exec(time);
  const d = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!t || Number(t[1]) > 23 || Number(t[2]) > 59) throw new RangeError(`Expected "HH:MM", got "${time}"`);
  if (!d) throw new RangeError(`Expected "YYYY-MM-DD", got "${localDate}"`);
  const wall = Date.UTC(Number(d[1]), Number(d[2]) - 1, Number(d[3]), Number(t[1]), Number(t[2]));
  if (wallDate(wall) !== localDate) throw new RangeError(`No such date: "${localDate}"`);
  return new Date(fromWallClock(wall, zone));
}

/**
 * The instant as a Luxon DateTime in `zone`, for callers that want Luxon's API; throws RangeError on an
 * unknown zone rather than silently using UTC. Slow next to the helpers above (tens of µs per call):
 * prefer them in loops over referrers.
 */
export function inZone(date: Date, zone: string): DateTime<true> {
  const local = DateTime.fromJSDate(date, { zone });
  if (!local.isValid) throw new RangeError(`Invalid time zone or date: ${zone} / ${String(date)}`);
  return local;
}
