// Whose nudges are whose. The practice's shared digest shows everything; a person's own digest shows
// what is really theirs to do: a physician what they must do personally, a liaison or coordinator the
// relationship work nobody else owns, anyone the referrers they own, a manager everything.
import type { MemberRole } from "../model.ts";
import type { NudgeCandidate } from "./nudge-candidate.ts";

/**
 * Who reads a digest: the practice's shared conversation, or one member in their own chat. A member
 * reader carries whether the practice has a liaison at all, since asking for feedback falls to a
 * coordinator only when nobody does relationship work full time.
 */
export type NudgeReader =
  | { kind: "channel" }
  | { kind: "member"; memberId: string; role: MemberRole; practiceHasLiaison: boolean };

export const CHANNEL_READER: NudgeReader = { kind: "channel" };

/** The key exposures are stored under: a member id, or "channel" for the shared digest. */
export function audienceOf(reader: NudgeReader): string {
  return reader.kind === "channel" ? "channel" : reader.memberId;
}

/** True when the nudge is this reader's to do; `ownerId` is the referrer's owner (a member id) if any. */
export function isNudgeFor(
  nudge: Pick<NudgeCandidate, "personal" | "kind">,
  ownerId: string | null,
  reader: NudgeReader,
): boolean {
  if (reader.kind === "channel" || reader.role === "manager") return true;
  // What the physician must do personally is theirs, whoever looks after the referrer otherwise.
  if (nudge.personal) return reader.role === "physician";
  // The rest is the owner's.
  if (ownerId !== null) return ownerId === reader.memberId;
  // Asking how it is going is the liaison's conversation (the seeds' relationship owner); a coordinator
  // asks only in a practice without a liaison, so two people never ask the same referrer.
  if (nudge.kind === "ask_feedback") {
    return reader.role === "liaison" || (reader.role === "coordinator" && !reader.practiceHasLiaison);
  }
  // A referrer nobody owns is otherwise the liaisons' and coordinators' to look after.
  return reader.role !== "physician";
}
