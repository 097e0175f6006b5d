// Small pieces of the one-line reasons. Reasons are read by physicians: plain words, real numbers,
// local weekday names, and no patient ever.
import { localDaysBetween, shortDateOf, weekdayName } from "../time/local-date.ts";

const AVERAGE_MONTH_DAYS = 30.44;

/** "1 referral", "3 referrals". */
export function countOf(n: number, singular: string, plural = `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** A length of time the way people say it: "9 days", "4 months", "2 years". */
export function durationPhrase(days: number): string {
  if (days < 60) return countOf(days, "day");
  if (days < 730) return countOf(Math.round(days / AVERAGE_MONTH_DAYS), "month");
  return countOf(Math.floor(days / 365), "year");
}

/** "every day", "every 9 days": a gap between referrals, rounded to whole days. */
export function everyPhrase(days: number): string {
  const whole = Math.max(1, Math.round(days));
  return whole === 1 ? "every day" : `every ${whole} days`;
}

/**
 * When something happened, relative to now, in the practice's zone: "today", "yesterday", "on Tuesday"
 * within the last week (a weekday name is ambiguous beyond that), else "on May 28".
 */
export function dayPhrase(date: Date, now: Date, zone: string): string {
  const ago = localDaysBetween(date, now, zone);
  if (ago === 0) return "today";
  if (ago === 1) return "yesterday";
  if (ago > 1 && ago < 7) return `on ${weekdayName(date, zone)}`;
  return `on ${shortDateOf(date, zone)}`;
}

/** The same moment as a "since …" phrase: "today", "since yesterday", "since Tuesday", "since May 28". */
export function sincePhrase(date: Date, now: Date, zone: string): string {
  const on = dayPhrase(date, now, zone);
  if (on === "today") return on;
  return `since ${on.replace(/^on /, "")}`;
}
