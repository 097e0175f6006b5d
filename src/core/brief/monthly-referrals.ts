// Referrals counted by calendar month in the practice's zone: a referral received at 23:30 on 31 March in
// New York is March's, although it is already April in UTC.
import { DateTime } from "luxon";
import { monthKeyBefore } from "../charts/months.ts";
import type { MonthlyReferrals } from "./brief-facts.ts";

/** The first instant of the month 23 months before `now`'s: what `monthlyReferrals` needs read. */
export function twoYearsOfMonthsSince(now: Date, zone: string): Date {
  return DateTime.fromJSDate(now, { zone }).startOf("month").minus({ months: 23 }).toJSDate();
}

export function monthlyReferrals(receivedAt: readonly Date[], now: Date, zone: string): MonthlyReferrals {
  const current = DateTime.fromJSDate(now, { zone }).startOf("month");
  const counts = new Array<number>(24).fill(0);
  for (const at of receivedAt) {
    const month = DateTime.fromJSDate(at, { zone }).startOf("month");
    const back = Math.round(current.diff(month, "months").months);
    if (back >= 0 && back < 24) counts[23 - back]! += 1;
  }
  const labels = Array.from({ length: 12 }, (_, i) => current.minus({ months: 11 - i }).toFormat("LLL"));
  return { labels, yearBefore: counts.slice(0, 12), thisYear: counts.slice(12) };
}

/** The same shape from a trend chart's 24 local months ("2026-03" with its count), oldest first. */
export function monthlyFromTrend(
  months: ReadonlyArray<{ month: string; count: number }>,
  now: Date,
  zone: string,
): MonthlyReferrals {
  const current = DateTime.fromJSDate(now, { zone }).startOf("month");
  const byMonth = new Map(months.map((m) => [m.month, m.count]));
  const count = (back: number) => byMonth.get(monthKeyBefore(current, back)) ?? 0;
  const labels = Array.from({ length: 12 }, (_, i) => current.minus({ months: 11 - i }).toFormat("LLL"));
  return {
    labels,
    thisYear: Array.from({ length: 12 }, (_, i) => count(11 - i)),
    yearBefore: Array.from({ length: 12 }, (_, i) => count(23 - i)),
  };
}
