// The same charts every time: fixed data for the golden images, the bench and the README's pictures.
import type { ChartModel } from "../core/charts/chart-model.ts";
import { managersWeekChart } from "../core/charts/managers-week-data.ts";
import { monthWindow } from "../core/charts/months.ts";
import { practiceOverviewChart } from "../core/charts/practice-overview-data.ts";
import { referrerTrendChart } from "../core/charts/referrer-trend-data.ts";

export const SAMPLE_NOW = new Date("2026-12-07T15:00:00Z");
const ZONE = "America/New_York";
const DAY = 86_400_000;

/** Referral times with a steady rhythm that slows down in the last months (`gapDays` apart, then wider). */
export function referralTimes(seed = 1): Date[] {
  const times: Date[] = [];
  let at = SAMPLE_NOW.getTime() - 60 * DAY;
  for (let i = 0; at > SAMPLE_NOW.getTime() - 730 * DAY; i++) {
    times.push(new Date(at));
    at -= (5 + ((i * 7 + seed * 3) % 9)) * DAY;
  }
  return times;
}

export function sampleTrend(name = "Dr. Jennifer Lee", seed = 1): Extract<ChartModel, { kind: "referrer_trend" }> {
  const times = referralTimes(seed);
  return referrerTrendChart({
    referrerName: name,
    referralTimes: times,
    touches: [
      { at: new Date("2025-04-14T15:00:00Z"), kind: "thank_you" },
      { at: new Date("2025-11-03T15:00:00Z"), kind: "meeting" },
      { at: new Date("2026-02-20T15:00:00Z"), kind: "call" },
      { at: new Date("2026-06-09T15:00:00Z"), kind: "returned_referral" },
    ],
    complaints: [new Date("2026-08-28T15:00:00Z")],
    lastReferralAt: times[0] ?? null,
    now: SAMPLE_NOW,
    zone: ZONE,
  });
}

export function sampleOverview(referrers = 10): Extract<ChartModel, { kind: "practice_overview" }> {
  const window = monthWindow(SAMPLE_NOW, ZONE, 24);
  return practiceOverviewChart({
    practiceName: "Lakeside Orthopedics",
    months: window.keys.map((month, i) => ({ month, count: 120 + ((i * 37) % 45) - (i > 20 ? 30 : 0) })),
    top: Array.from({ length: referrers }, (_, i) => ({
      name: `Dr. ${["Lee", "Patel", "Nguyen", "Garcia", "Okoro", "Smith", "Kim", "Rossi", "Haddad", "Müller"][i % 10]}`,
      last12: 80 - i * 6,
      previous12: 70 - i * 3 + (i % 3) * 8,
    })),
    quiet: [
      { name: "Dr. Okafor", lastReferralAt: new Date(SAMPLE_NOW.getTime() - 58 * DAY) },
      { name: "Dr. Brandt", lastReferralAt: new Date(SAMPLE_NOW.getTime() - 41 * DAY) },
    ],
    now: SAMPLE_NOW,
    zone: ZONE,
  });
}

export function sampleWeek(): Extract<ChartModel, { kind: "managers_week" }> {
  return managersWeekChart({
    weekOf: "2026-12-07",
    members: [
      { name: "Ana Lopez", touches: { thank_you: 6, call: 3, meeting: 1 }, nudgesDone: 8, nudgesPassed: 1 },
      { name: "Ben Carter", touches: { liaison_visit: 4, feedback_request: 2 }, nudgesDone: 3, nudgesPassed: 4 },
      { name: "Dr. Kim", touches: { call: 2, returned_referral: 1 }, nudgesDone: 2, nudgesPassed: 0 },
    ],
  });
}
