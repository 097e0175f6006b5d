// Whose nudges are whose. The practice's shared digest shows everything; a person's own digest shows
// what is really theirs to do: a physician what they must do personally, a liaison or coordinator the
// relationship work nobody else owns, anyone the referrers they own, a manager everything.
import type { MemberRole } from "../model.ts";
import type { NudgeCandidate } from "./nudge-candidate.ts";

/** Who reads a digest: the practice's shared conversation, or one member in their own chat. */
export type NudgeReader = { kind: "channel" } | { kind: "member"; memberId: string; role: MemberRole };

export const CHANNEL_READER: NudgeReader = { kind: "channel" };

/** The key exposures are stored under: a member id, or "channel" for the shared digest. */
export function audienceOf(reader: NudgeReader): string {
  return reader.kind === "channel" ? "channel" : reader.memberId;
}

/** True when the nudge is this reader's to do; `ownerId` is the referrer's owner (a member id) if any. */
export function isNudgeFor(
  nudge: Pick<NudgeCandidate, "personal">,
  ownerId: string | null,
  reader: NudgeReader,
): boolean {
  if (reader.kind === "channel" || reader.role === "manager") return true;
  // What the physician must do personally is theirs, whoever looks after the referrer otherwise.
  if (nudge.personal) return reader.role === "physician";
  // The rest is the owner's; a referrer nobody owns is the liaisons' and coordinators' to look after.
  return ownerId === null ? reader.role !== "physician" : ownerId === reader.memberId;
}
