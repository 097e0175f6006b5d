// Which open nudges a touch answers, and whether it closes the loop on seen referrals. The repository
// applies what this decides; the rule itself lives here so it is tested without a database.
import type { NudgeKind, TouchKind } from "../model.ts";

export interface TouchAnswers {
  /** The kinds of the referrer's live (open or snoozed) nudges the touch closes. */
  closesNudges: readonly NudgeKind[];
  /** Whether the referrer's seen referrals (seen before the touch) count as loop-closed. */
  closesLoops: boolean;
}

const ANSWERS: Record<TouchKind, TouchAnswers> = {
  thank_you: { closesNudges: ["thank"], closesLoops: false },
  // A conversation closes the loop on what they sent, welcomes a newcomer and answers going quiet.
  call: { closesNudges: ["close_loop", "welcome", "going_quiet"], closesLoops: true },
  meeting: { closesNudges: ["meet", "close_loop", "going_quiet"], closesLoops: true },
  liaison_visit: { closesNudges: ["meet", "close_loop", "going_quiet"], closesLoops: true },
  feedback_request: { closesNudges: ["ask_feedback"], closesLoops: false },
  returned_referral: { closesNudges: ["return_favor"], closesLoops: false },
  // A complaint closes only by being resolved (resolveComplaint), never as a side effect of a touch.
  other: { closesNudges: [], closesLoops: false },
};

export function touchAnswers(kind: TouchKind): TouchAnswers {
  return ANSWERS[kind];
}
