// Whether a piece of feedback is a complaint that stays open until someone resolves it.
import type { Sentiment } from "../model.ts";

export type FeedbackStatus = "open" | "resolved";

/** Praise needs no follow-up; anything flagged, or negative, is a complaint and stays open until resolved. */
export function feedbackStatusFor(input: { sentiment: Sentiment; needsFollowUp: boolean }): FeedbackStatus {
  return input.needsFollowUp || input.sentiment === "negative" ? "open" : "resolved";
}
