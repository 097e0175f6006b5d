// Over MLLP, which has no authentication, the sending facility (MSH-4) chooses the practice: only a
// facility linked with `referral-nudge hl7 link` is read; any other is refused (AR).
import type { Hl7FacilityGrant, Hl7FacilityStore } from "../../core/ports.ts";
import { HL7_ERROR } from "./hl7-location.ts";
import type { ChooseSender } from "./receive-hl7-message.ts";

/** A facility code as links keep it: trimmed, upper case. */
export function facilityCodeOf(raw: string): string {
  return raw.trim().toUpperCase();
}

/** How long a facility's link is trusted without asking the database again (an unlink takes this long). */
export const FACILITY_CACHE_MS = 5_000;

export function facilitySender(facilities: Pick<Hl7FacilityStore, "find">, now: () => number = Date.now): ChooseSender {
  // A lookup per message would queue behind the writes of the messages before it (SQLite takes one at
  // a time), and with it the messages' hand-over: remembered for a few seconds instead.
  const cache = new Map<string, { link: Hl7FacilityGrant | null; at: number }>();
  const find = async (code: string) => {
    const hit = cache.get(code);
    if (hit && now() - hit.at < FACILITY_CACHE_MS) return hit.link;
    const link = await facilities.find(code);
    if (cache.size > 1000) cache.clear();
    cache.set(code, { link, at: now() });
    return link;
  };
  return async (header) => {
    const code = facilityCodeOf(header.sendingFacility);
    const link = code ? await find(code) : null;
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
