// How a nudge is named wherever it is shown: the digest, a list, a confirmation ("Thank Dr. Lee").
import { DateTime } from "luxon";
import type { NudgeKind } from "../model.ts";

export const NUDGE_KIND_LABEL: Record<NudgeKind, string> = {
  thank: "Thank",
  close_loop: "Close the loop with",
  welcome: "Welcome",
  meet: "Meet",
  ask_feedback: "Ask for feedback from",
  going_quiet: "Check in with",
  open_problem: "Fix an open problem for",
  return_favor: "Send a patient back to",
  not_scheduled: "Schedule the referrals from",
};

export function nudgeTitle(kind: NudgeKind, referrerName: string): string {
  return `${NUDGE_KIND_LABEL[kind]} ${referrerName}`;
}

/** "Snoozed *Thank Dr. Lee* until Thu 10 Dec": the day in the practice's own zone, not UTC. */
export function snoozeConfirmation(title: string, until: Date, zone: string): string {
  return `💤 Snoozed *${title}* until ${DateTime.fromJSDate(until, { zone }).toFormat("ccc d LLL")}`;
}
