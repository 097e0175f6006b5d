// What the seed articles value most, as tiers that rank before any priority number: a referrer is lost
// by an unresolved complaint, a first referral nobody welcomed, or a patient seen and never reported
// back by the physician; then by drifting away unnoticed; meetings keep the best ones; the rest is upkeep.
import type { NudgeKind } from "../model.ts";

/** 0 first. Within a tier the nudge's own priority (and the reader's role) decides. */
export const NUDGE_TIER: Readonly<Record<NudgeKind, number>> = {
  open_problem: 0,
  welcome: 0,
  close_loop: 0,
  // A patient waiting for an appointment is what the referrer hears about first.
  not_scheduled: 0,
  going_quiet: 1,
  meet: 2,
  thank: 3,
  return_favor: 3,
  ask_feedback: 3,
};

export function nudgeTier(kind: NudgeKind): number {
  return NUDGE_TIER[kind];
}
