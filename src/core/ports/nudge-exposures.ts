// Where the "shown without a click" counts live (core/nudges/nudge-exposure.ts decides what they mean).
import type { HandedOnNudge } from "../digest/build-daily-digest.ts";
import type { NudgeExposure } from "../nudges/nudge-exposure.ts";

export interface NudgeExposureStore {
  /** Every reader's exposure to these nudges of the practice. */
  forNudges(practiceId: string, nudgeIds: readonly string[]): Promise<NudgeExposure[]>;
  /** The practice's live (open) nudges paused for this audience: a member id, or "channel". */
  pausedFor(practiceId: string, audience: string): Promise<Set<string>>;
  /** The practice's live nudges handed on to this member, with how often they were passed over. */
  handedOnTo(practiceId: string, memberId: string): Promise<HandedOnNudge[]>;
  /** Writes these exposures (one row per nudge and audience; a later write replaces an earlier one). */
  save(practiceId: string, exposures: readonly NudgeExposure[]): Promise<void>;
}
