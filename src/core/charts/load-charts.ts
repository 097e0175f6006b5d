// Reads what each chart needs through the chart data port and builds its model. One function per
// chart, so any reply (a profile, a nudge, the App Home, the team view) can add the chart it wants.
import { DateTime } from "luxon";
import type { ChartDataPort } from "../ports/chart-data.ts";
import { localDateOf, startOfLocalWeek } from "../time/local-date.ts";
import type { ChartOf } from "./chart-model.ts";
import { managersWeekChart } from "./managers-week-data.ts";
import { monthStarts, monthWindow } from "./months.ts";
import { OVERVIEW_MONTHS, OVERVIEW_QUIET, OVERVIEW_TOP, practiceOverviewChart } from "./practice-overview-data.ts";
import { referrerTrendChart, TREND_MONTHS } from "./referrer-trend-data.ts";

export interface ChartScope {
  practiceId: string;
  zone: string;
  now: Date;
}

export async function loadReferrerTrend(
  port: ChartDataPort,
  scope: ChartScope,
  referrer: { id: string; displayName: string },
  lastReferralAt: Date | null,
): Promise<ChartOf<"referrer_trend">> {
  const window = monthWindow(scope.now, scope.zone, TREND_MONTHS);
  const { start } = window;
  // Counted per month by the database: the 24,000 dates of a busy referrer cost 40 ms to bring back.
  const [referralMonths, touches, complaints] = await Promise.all([
    port.referralMonths(scope.practiceId, referrer.id, monthStarts(window, scope.zone)),
    port.touchTimes(scope.practiceId, referrer.id, start),
    port.complaintTimes(scope.practiceId, referrer.id, start),
  ]);
  return referrerTrendChart({
    referrerName: referrer.displayName,
    referralMonths,
    touches,
    complaints,
    lastReferralAt,
    now: scope.now,
    zone: scope.zone,
  });
}

export async function loadPracticeOverview(
  port: ChartDataPort,
  scope: ChartScope,
  practiceName: string,
): Promise<ChartOf<"practice_overview">> {
  const window = monthWindow(scope.now, scope.zone, OVERVIEW_MONTHS);
  const first = DateTime.fromJSDate(window.start, { zone: scope.zone });
  const bounds = window.keys.map((_, i) => first.plus({ months: i }).toJSDate());
  bounds.push(first.plus({ months: window.keys.length }).toJSDate());
  const recentFrom = DateTime.fromJSDate(scope.now).minus({ months: 12 }).toJSDate();
  const previousFrom = DateTime.fromJSDate(scope.now).minus({ months: 24 }).toJSDate();
  const [counts, top, quiet] = await Promise.all([
    port.referralCounts(scope.practiceId, bounds),
    port.topReferrers(scope.practiceId, { previousFrom, recentFrom, until: scope.now }, OVERVIEW_TOP),
    port.quietReferrers(scope.practiceId, OVERVIEW_QUIET),
  ]);
  return practiceOverviewChart({
    practiceName,
    months: window.keys.map((month, i) => ({ month, count: counts[i] ?? 0 })),
    top,
    quiet,
    now: scope.now,
    zone: scope.zone,
  });
}

/** This local week so far (Monday on), member by member. */
export async function loadManagersWeek(port: ChartDataPort, scope: ChartScope): Promise<ChartOf<"managers_week">> {
  const from = startOfLocalWeek(scope.now, scope.zone);
  const members = await port.memberWeek(scope.practiceId, from, scope.now);
  return managersWeekChart({ weekOf: localDateOf(from, scope.zone), members });
}
