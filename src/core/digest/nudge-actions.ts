// The buttons under a nudge, and what a click on each one means. Shared by the digest and /nudges.

import { markResolvedButton } from "../complaints/complaint-replies.ts";
import type { NudgeKind, TouchKind } from "../model.ts";
import type { ReplyButton } from "../reply.ts";

/** The touch that "Mark done" logs for each kind of nudge, and the label of that button. */
export const DONE_ACTION: Record<NudgeKind, { touch: TouchKind; label: string; past: string }> = {
  thank: { touch: "thank_you", label: "Mark thanked", past: "Thanked" },
  close_loop: { touch: "call", label: "Mark called", past: "Called" },
  welcome: { touch: "call", label: "Mark called", past: "Called" },
  meet: { touch: "meeting", label: "Mark met", past: "Met" },
  ask_feedback: { touch: "feedback_request", label: "Mark asked", past: "Asked for feedback" },
  going_quiet: { touch: "call", label: "Mark called", past: "Called" },
  open_problem: { touch: "call", label: "Mark followed up", past: "Followed up" },
  return_favor: { touch: "returned_referral", label: "Mark sent back", past: "Sent a patient back" },
  // Its button opens the "scheduled, or why not?" form (unscheduled.open): no touch is logged for it.
  not_scheduled: { touch: "other", label: "Scheduled, or why not", past: "Settled" },
};

export interface NudgeButtonValue {
  /** Nudge id. */
  n: string;
  /** Digest run id, so the click redraws that digest; absent for lists. */
  r?: string;
  /** Whose personal digest (direct message) the button is in: the click redraws their list, not the channel's. */
  m?: string;
  /** Referrer id, for "Log feedback". */
  f?: string;
  /** The complaint a "Log feedback" from a complaint's nudge is about (good news offers to resolve it). */
  k?: string;
}

/** The digest message a button is in: its run, and whose own digest it is (null for the channel's). */
export interface ButtonOrigin {
  runId: string | null;
  forMemberId: string | null;
}

export function nudgeButtons(
  nudge: { nudgeId: string; kind: NudgeKind; referrerId: string; feedbackId?: string },
  origin: ButtonOrigin | null,
): ReplyButton[] {
  const runId = origin?.runId;
  const memberId = runId ? origin?.forMemberId : null;
  const value = (extra: Partial<NudgeButtonValue> = {}) =>
    JSON.stringify({
      n: nudge.nudgeId,
      ...(runId ? { r: runId } : {}),
      ...(memberId ? { m: memberId } : {}),
      ...extra,
    });
  if (nudge.feedbackId) {
    // A complaint's own nudge: it closes by being resolved (a short form), never by a call alone.
    return [
      markResolvedButton(nudge.feedbackId),
      { label: "Snooze a week", actionId: "nudge.snooze", value: value() },
      { label: "Not needed", actionId: "nudge.dismiss", value: value() },
      { label: "Log feedback", actionId: "feedback.open", value: value({ f: nudge.referrerId, k: nudge.feedbackId }) },
    ];
  }
  const buttons: ReplyButton[] = [
    {
      label: DONE_ACTION[nudge.kind].label,
      // Waiting referrals are settled one way or another in a short form, never by a "done" alone.
      actionId: nudge.kind === "not_scheduled" ? "unscheduled.open" : "nudge.done",
      value: value(),
      style: "primary",
    },
    { label: "Snooze a week", actionId: "nudge.snooze", value: value() },
    { label: "Not needed", actionId: "nudge.dismiss", value: value() },
  ];
  // A meeting goes better prepared: the brief is one tap from the nudge that suggests it, and so is a
  // calendar invitation carrying it. The meeting is logged by "Mark met" once it is held.
  if (nudge.kind === "meet") {
    buttons.push({ label: "Brief", actionId: "referrer.brief", value: JSON.stringify({ f: nudge.referrerId }) });
    buttons.push({ label: "Plan meeting", actionId: "meeting.plan", value: JSON.stringify({ n: nudge.nudgeId }) });
  }
  if (nudge.kind === "ask_feedback" || nudge.kind === "open_problem") {
    buttons.push({ label: "Log feedback", actionId: "feedback.open", value: value({ f: nudge.referrerId }) });
  }
  return buttons;
}
