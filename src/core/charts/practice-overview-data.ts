// The practice at a glance: its referrals per local month, the top referrers' 12 months against the
// 12 before, and who is going quiet, with the same said in words.
import { localDaysBetween } from "../time/local-date.ts";
import type { ChartOf, MonthCount, PracticeOverviewData } from "./chart-model.ts";
import { changeWords, sumCounts } from "./months.ts";

export const OVERVIEW_MONTHS = 24;
export const OVERVIEW_TOP = 10;
export const OVERVIEW_QUIET = 5;

export interface PracticeOverviewInput {
  practiceName: string;
  months: MonthCount[];
  top: PracticeOverviewData["top"];
  quiet: Array<{ name: string; lastReferralAt: Date | null }>;
  now: Date;
  zone: string;
}

export function practiceOverviewChart(input: PracticeOverviewInput): ChartOf<"practice_overview"> {
  const data: PracticeOverviewData = {
    practiceName: input.practiceName,
    months: input.months,
    top: input.top.slice(0, OVERVIEW_TOP),
    quiet: input.quiet.slice(0, OVERVIEW_QUIET).map((q) => ({
      name: q.name,
      daysSilent: q.lastReferralAt ? Math.max(0, localDaysBetween(q.lastReferralAt, input.now, input.zone)) : 0,
    })),
  };
  return { kind: "practice_overview", altText: overviewWords(data), data };
}

/** "My Practice: 412 referrals in 12 months, up 8 % on the year before; most from Dr. Lee (41); 2 going quiet: …". */
function overviewWords(data: PracticeOverviewData): string {
  const last12 = sumCounts(data.months.slice(-12));
  const previous12 = sumCounts(data.months.slice(0, -12));
  const parts = [
    `${data.practiceName}: ${last12} ${last12 === 1 ? "referral" : "referrals"} in 12 months, ${changeWords(last12, previous12)}`,
  ];
  const first = data.top[0];
  if (first) parts.push(`most from ${first.name} (${first.last12})`);
  parts.push(
    data.quiet.length
      ? `going quiet: ${data.quiet.map((q) => `${q.name} (${q.daysSilent} days)`).join(", ")}`
      : "nobody going quiet",
  );
  return `${parts.join("; ")}.`;
}
