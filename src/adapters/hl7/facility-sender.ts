// Over MLLP, which has no authentication, the sending facility (MSH-4) chooses the practice: only a
// facility linked with `referral-nudge hl7 link` is read; any other is refused (AR).
import type { Hl7FacilityStore } from "../../core/ports.ts";
import { HL7_ERROR } from "./hl7-location.ts";
import type { ChooseSender } from "./receive-hl7-message.ts";

/** A facility code as links keep it: trimmed, upper case. */
export function facilityCodeOf(raw: string): string {
  return raw.trim().toUpperCase();
}

export function facilitySender(facilities: Pick<Hl7FacilityStore, "find">): ChooseSender {
  return async (header) => {
    const code = facilityCodeOf(header.sendingFacility);
    const link = code ? await facilities.find(code) : null;
    if (!link) {
      return {
        refused: {
          location: { segment: "MSH", sequence: 1, field: 4 },
          error: HL7_ERROR.unknownKey,
          message: code
            ? `Sending facility ${code} is not linked to a practice (referral-nudge hl7 link --facility ${code}).`
            : "MSH-4 (the sending facility) is empty; it chooses the practice.",
        },
      };
    }
    return {
      practiceId: link.practiceId,
      timeZone: link.timeZone,
      sourceSystem: link.sourceSystem,
      actorName: `hl7:${link.facility}`,
    };
  };
}
