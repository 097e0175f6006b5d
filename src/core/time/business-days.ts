// Business days are Monday to Friday in the practice's zone, optionally minus holidays given as local
// dates. "Two business days after Friday 23:30" is Tuesday 23:30 local: the local time of day is kept,
// so a promise made late on Friday is not due before the weekend is over.
import { DAY_MS, fromWallClock, toWallClock, wallDate, wallMidnight, wallWeekday } from "./wall-clock.ts";

export interface BusinessDayOptions {
  /** Local dates ("YYYY-MM-DD") that are not business days. */
  holidays?: ReadonlySet<string>;
}

function isBusinessWall(wall: number, opts?: BusinessDayOptions): boolean {
  if (wallWeekday(wall) > 5) return false;
  return !opts?.holidays?.has(wallDate(wall));
}

export function isBusinessDay(date: Date, zone: string, opts?: BusinessDayOptions): boolean {
  return isBusinessWall(toWallClock(date.getTime(), zone), opts);
}

/**
 * `n` business days after `date` (n ≥ 0), at the same local time (across daylight-saving changes too).
 * Starting on a weekend counts the next Monday as the first business day. n = 0 returns `date`.
 */
export function addBusinessDays(date: Date, n: number, zone: string, opts?: BusinessDayOptions): Date {
  if (!Number.isInteger(n) || n < 0) throw new RangeError(`Business days must be a whole number ≥ 0, got ${n}`);
  let wall = toWallClock(date.getTime(), zone);
  if (n === 0) return new Date(date.getTime());
  for (let left = n; left > 0; ) {
    wall += DAY_MS;
    if (isBusinessWall(wall, opts)) left--;
  }
  return new Date(fromWallClock(wall, zone));
}

/**
 * Business days strictly after `from`'s local date up to and including `to`'s local date; 0 when `to` is
 * on the same day or earlier. Friday → next Tuesday is 2.
 */
export function businessDaysBetween(from: Date, to: Date, zone: string, opts?: BusinessDayOptions): number {
  const end = wallMidnight(toWallClock(to.getTime(), zone));
  let count = 0;
  for (let wall = wallMidnight(toWallClock(from.getTime(), zone)) + DAY_MS; wall <= end; wall += DAY_MS) {
    if (isBusinessWall(wall, opts)) count++;
  }
  return count;
}
