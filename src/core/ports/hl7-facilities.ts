// The HL7 v2 sending facilities (MSH-4) linked to practices: over MLLP, which has no authentication, the
// facility a message names chooses the practice, and one that nobody linked is refused.
import type { Actor } from "../model.ts";

export interface Hl7FacilityLink {
  id: string;
  practiceId: string;
  /** MSH-4's first component, as linked. */
  facility: string;
  /** The source system its referrals are filed under. */
  sourceSystem: string;
  createdAt: Date;
}

/** What a linked facility opens: its practice, its source system and the practice's zone. */
export interface Hl7FacilityGrant extends Hl7FacilityLink {
  /** The practice's zone, which reads an HL7 time sent without an offset. */
  timeZone: string;
}

export type LinkFacilityResult =
  | { kind: "linked"; link: Hl7FacilityLink }
  | { kind: "unchanged"; link: Hl7FacilityLink }
  | { kind: "taken"; link: Hl7FacilityLink };

export interface Hl7FacilityStore {
  /** Links a facility to the practice (audited); "taken" when another practice has it. */
  link(
    actor: Actor,
    input: { practiceId: string; facility: string; sourceSystem: string },
  ): Promise<LinkFacilityResult>;
  /** The link for this facility code, or null. */
  find(facility: string): Promise<Hl7FacilityGrant | null>;
  list(practiceId: string): Promise<Hl7FacilityLink[]>;
  /** Unlinks one of the practice's facilities (audited); null if it has no such link. */
  unlink(actor: Actor, practiceId: string, facility: string): Promise<Hl7FacilityLink | null>;
}
