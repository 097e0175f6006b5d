// The neutral chart model a reply carries: which chart, the figures it draws, and the same trend in
// words. The core fills it; src/charts draws it as a PNG, and each chat adapter decides how to show it
// (an image, or the words where images are off). Names of referrers and members only, never patients.
import { z } from "zod/v4";
import { TOUCH_KINDS } from "../model.ts";

export const CHART_KINDS = ["referrer_trend", "practice_overview", "managers_week"] as const;
export type ChartKind = (typeof CHART_KINDS)[number];

/** A name as a chart may show it: a referrer's or a member's display name, kept short. */
const ZName = z.string().max(120);
/** A local month, "2026-03". */
const ZMonth = z.string().regex(/^\d{4}-\d{2}$/);

export const ZMonthCount = z.object({ month: ZMonth, count: z.number().int().min(0) });
export type MonthCount = z.infer<typeof ZMonthCount>;

/** The touches drawn on a trend's time line: the ones that can move a referrer. */
export const MARKED_TOUCH_KINDS = ["thank_you", "call", "meeting", "returned_referral", "complaint"] as const;
export type MarkedTouchKind = (typeof MARKED_TOUCH_KINDS)[number];

export const ZReferrerTrendData = z.object({
  referrerName: ZName,
  /** 24 local months, oldest first; a month without referrals is there with 0. */
  months: z.array(ZMonthCount).max(36),
  /** Touches (and complaints heard) on the time line, by local day "2026-03-14". */
  marks: z.array(z.object({ day: z.string().regex(/^\d{4}-\d{2}-\d{2}$/), kind: z.enum(MARKED_TOUCH_KINDS) })).max(200),
});
export type ReferrerTrendData = z.infer<typeof ZReferrerTrendData>;

export const ZPracticeOverviewData = z.object({
  practiceName: ZName,
  /** The practice's referrals per local month, oldest first (24 months). */
  months: z.array(ZMonthCount).max(36),
  /** The top referrers by their last 12 months, with the 12 months before. */
  top: z.array(z.object({ name: ZName, last12: z.number().int().min(0), previous12: z.number().int().min(0) })).max(10),
  /** Referrers going quiet, with the days since their last referral. */
  quiet: z.array(z.object({ name: ZName, daysSilent: z.number().int().min(0) })).max(10),
});
export type PracticeOverviewData = z.infer<typeof ZPracticeOverviewData>;

export const ZManagersWeekData = z.object({
  /** The week's first local day, "2026-12-07". */
  weekOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/),
  members: z
    .array(
      z.object({
        name: ZName,
        touches: z.partialRecord(z.enum(TOUCH_KINDS), z.number().int().min(0)),
        nudgesDone: z.number().int().min(0),
        /** Nudges let go: dismissed as not needed, or snoozed. */
        nudgesPassed: z.number().int().min(0),
      }),
    )
    .max(30),
});
export type ManagersWeekData = z.infer<typeof ZManagersWeekData>;

/** Every chart: its kind, its figures, and `altText`, the trend in words (the image's alt text). */
export const ZChartModel = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("referrer_trend"), altText: z.string().max(500), data: ZReferrerTrendData }),
  z.object({ kind: z.literal("practice_overview"), altText: z.string().max(500), data: ZPracticeOverviewData }),
  z.object({ kind: z.literal("managers_week"), altText: z.string().max(500), data: ZManagersWeekData }),
]);
export type ChartModel = z.infer<typeof ZChartModel>;
export type ChartOf<K extends ChartKind> = Extract<ChartModel, { kind: K }>;
