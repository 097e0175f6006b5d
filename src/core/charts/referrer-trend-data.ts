// The referrer trend: referrals per local month over 24 months (this year against the year before),
// with the touches that might move them on the same time line, and the trend said in words.
import type { TouchKind } from "../model.ts";
import type { ReferralMonths } from "../ports/chart-data.ts";
import { localDaysBetween, shortDateOf } from "../time/local-date.ts";
import type { ChartOf, MarkedTouchKind, ReferrerTrendData } from "./chart-model.ts";
import { changeWords, countByMonth, dayKeyOf, monthWindow, sumCounts } from "./months.ts";

export const TREND_MONTHS = 24;
/** Silent this long and the words say "none since", not "last on". */
const NONE_SINCE_DAYS = 30;
const MAX_MARKS = 200;
const DAY_MS = 86_400_000;

const MARKED: Partial<Record<TouchKind, MarkedTouchKind>> = {
  thank_you: "thank_you",
  call: "call",
  meeting: "meeting",
  returned_referral: "returned_referral",
};

export interface ReferrerTrendInput {
  referrerName: string;
  /** Referral arrivals; those before the window are ignored. */
  referralTimes?: readonly Date[];
  /** Or the referrals counted already, per month of the window (as the database counts them). */
  referralMonths?: ReferralMonths;
  touches: ReadonlyArray<{ at: Date; kind: TouchKind }>;
  complaints: readonly Date[];
  /** Their last referral ever, which may be older than the window; null: the latest in the window. */
  lastReferralAt: Date | null;
  now: Date;
  zone: string;
}

export function referrerTrendChart(input: ReferrerTrendInput): ChartOf<"referrer_trend"> {
  const window = monthWindow(input.now, input.zone, TREND_MONTHS);
  const counted = input.referralMonths;
  const months = counted
    ? window.keys.map((month, i) => ({ month, count: counted.counts[i] ?? 0 }))
    : countByMonth(input.referralTimes ?? [], window, input.zone);
  const data = { referrerName: input.referrerName, months, marks: trendMarks(input, window.start) };
  const latest = counted
    ? counted.latest
    : (input.referralTimes ?? []).reduce<Date | null>((a, b) => (a && a >= b ? a : b), null);
  return {
    kind: "referrer_trend",
    altText: trendWords(data, { ...input, lastReferralAt: input.lastReferralAt ?? latest }),
    data,
  };
}

/**
 * The touches and complaints in the window by local day, the newest MAX_MARKS of them. Only the moments
 * that can be among those get a day key: luxon costs about 5 µs a moment, 8 ms for a referrer of 1,700
 * touches. A local day lasts at most 25 hours, so a moment two days older than the MAX_MARKS-th newest is on
 * an earlier day than each of the newest MAX_MARKS: it sorts before them all and would be cut anyway.
 */
function trendMarks(input: ReferrerTrendInput, windowStart: Date): ReferrerTrendData["marks"] {
  const inWindow = (at: Date) => at >= windowStart && at <= input.now;
  const moments: Array<{ at: Date; kind: MarkedTouchKind }> = [
    ...input.touches.flatMap((t) => {
      const kind = MARKED[t.kind];
      return kind && inWindow(t.at) ? [{ at: t.at, kind }] : [];
    }),
    ...input.complaints.filter(inWindow).map((at) => ({ at, kind: "complaint" as const })),
  ];
  let kept = moments;
  if (moments.length > MAX_MARKS) {
    const newestFirst = moments.map((m) => m.at.getTime()).sort((a, b) => b - a);
    const from = newestFirst[MAX_MARKS - 1]! - 2 * DAY_MS;
    kept = moments.filter((m) => m.at.getTime() >= from);
  }
  return kept
    .map((m) => ({ day: dayKeyOf(m.at, input.zone), kind: m.kind }))
    .sort((a, b) => a.day.localeCompare(b.day))
    .slice(-MAX_MARKS);
}

/** "Dr. Lee: 41 referrals in 12 months, down 35 % on the year before; none since Oct 14". */
function trendWords(data: ReferrerTrendData, input: ReferrerTrendInput): string {
  const last12 = sumCounts(data.months.slice(-12));
  const previous12 = sumCounts(data.months.slice(0, -12));
  const name = data.referrerName;
  if (last12 === 0 && previous12 === 0) {
    return input.lastReferralAt
      ? `${name}: no referrals in 24 months; the last was on ${shortDateOf(input.lastReferralAt, input.zone)} ${input.lastReferralAt.getUTCFullYear()}.`
      : `${name}: no referrals yet.`;
  }
  const count = `${last12} ${last12 === 1 ? "referral" : "referrals"} in 12 months`;
  const last = input.lastReferralAt;
  const tail = last
    ? localDaysBetween(last, input.now, input.zone) > NONE_SINCE_DAYS
      ? `none since ${shortDateOf(last, input.zone)}`
      : `the last on ${shortDateOf(last, input.zone)}`
    : "";
  return `${name}: ${count}, ${changeWords(last12, previous12)}${tail ? `; ${tail}` : ""}.`;
}
