// How much a nudge matters, before the referrer is taken into account. A rule's priority is
// kind weight × severity × overdue; computeNudges then scales it by the referrer's volume, recency and risk.
import type { NudgeKind } from "../model.ts";

const DAY_MS = 86_400_000;

/**
 * Expected value of acting, by kind. A patient seen and not reported back, or an unresolved complaint,
 * is what loses referrers; asking for feedback is worthwhile but never urgent.
 */
export const KIND_WEIGHT: Readonly<Record<NudgeKind, number>> = {
  open_problem: 12,
  close_loop: 10,
  // A patient who never got an appointment: the referrer hears it from them.
  not_scheduled: 9,
  welcome: 8,
  going_quiet: 6,
  thank: 5,
  meet: 4,
  return_favor: 3,
  ask_feedback: 1.5,
};

/** Grows from 1 at the due time to 2 after two weeks past due, and stays there: late matters, very late no more. */
export function overdueFactor(dueAt: Date, now: Date): number {
  const daysLate = (now.getTime() - dueAt.getTime()) / DAY_MS;
  if (daysLate <= 0) return 1;
  return 1 + Math.min(daysLate, 14) / 14;
}

/** A rule's priority, rounded so that equal situations compare equal and the digest shows tidy numbers. */
export function rulePriority(kind: NudgeKind, severity: number, dueAt: Date, now: Date): number {
  return roundPriority(KIND_WEIGHT[kind] * severity * overdueFactor(dueAt, now));
}

export function roundPriority(value: number): number {
  return Math.round(value * 100) / 100;
}

/** A referrer's 12-month volume, log-scaled: 0 → 1, 9 → 2, 99 → 3. Big referrers matter more, not linearly more. */
export function volumeFactor(referralsIn12Months: number): number {
  return 1 + Math.log10(1 + Math.max(0, referralsIn12Months));
}

/** Halves over about six months of silence, from 1 (referred today) towards 0.5 (never, or long ago). */
export function recencyFactor(daysSinceLastReferral: number | null): number {
  if (daysSinceLastReferral === null) return 0.5;
  return 0.5 + 0.5 * 2 ** (-Math.max(0, daysSinceLastReferral) / 180);
}
