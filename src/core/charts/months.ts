// Local months for charts: which month a moment falls in, in the practice's time zone, and the
// window of the last N months ending with the current one. A referral at 23:30 on 31 January in
// New York is January's, whatever the UTC date says.
import { DateTime } from "luxon";
import type { MonthCount } from "./chart-model.ts";

export interface MonthWindow {
  /** "2025-01" … "2026-12", oldest first. */
  keys: string[];
  /** The first moment of the oldest month. */
  start: Date;
}

export function monthWindow(now: Date, zone: string, count: number): MonthWindow {
  const current = DateTime.fromJSDate(now, { zone }).startOf("month");
  const keys: string[] = [];
  for (let back = count - 1; back >= 0; back--) keys.push(current.minus({ months: back }).toFormat("yyyy-LL"));
  return { keys, start: current.minus({ months: count - 1 }).toJSDate() };
}

export function monthKeyOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-LL");
}

export function dayKeyOf(at: Date, zone: string): string {
  return DateTime.fromJSDate(at, { zone }).toFormat("yyyy-LL-dd");
}

/** Counts moments per month of the window; months with none are 0, moments outside it are left out. */
export function countByMonth(times: readonly Date[], window: MonthWindow, zone: string): MonthCount[] {
  const counts = new Map(window.keys.map((k) => [k, 0]));
  for (const at of times) {
    const key = monthKeyOf(at, zone);
    const seen = counts.get(key);
    if (seen !== undefined) counts.set(key, seen + 1);
  }
  return window.keys.map((month) => ({ month, count: counts.get(month) ?? 0 }));
}

/** "down 35 % on the year before", "up 20 %", "level with", or "against none" when there was nothing. */
export function changeWords(current: number, previous: number): string {
  if (previous === 0) return current === 0 ? "none the year before either" : "none the year before";
  const change = Math.round(((current - previous) / previous) * 100);
  if (change === 0) return "level with the year before";
  return `${change > 0 ? "up" : "down"} ${Math.abs(change)} % on the year before`;
}

export function sumCounts(months: readonly MonthCount[]): number {
  return months.reduce((sum, m) => sum + m.count, 0);
}
