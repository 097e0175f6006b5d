// What translating one message gives: the intake item (the JSON door's shape, which the core validates
// and cleans), where each of its fields came from (so a field the core rejects is named as HL7 names
// it, PRD^1^7), or the problem that stopped the translation.
import type { IncomingReferralWire } from "../../core/intake/incoming-referral.ts";
import { HL7_ERROR, type Hl7Location, type Hl7Problem } from "./hl7-location.ts";
import type { SegmentAt, SegmentReader } from "./segment-reader.ts";

export type Translation =
  | { ok: true; item: IncomingReferralWire; where: Record<string, Hl7Location> }
  | { ok: false; problem: Hl7Problem };

/** The item's wire fields with their sources, filled as a translator reads them. */
export class ItemBuilder {
  readonly item: Record<string, unknown> = {};
  readonly where: Record<string, Hl7Location> = {};

  set(field: keyof IncomingReferralWire, value: unknown, where: Hl7Location): void {
    if (value === undefined || value === "") return;
    this.item[field] = value;
    this.where[field] = where;
  }

  done(): Translation {
    return { ok: true, item: this.item as IncomingReferralWire, where: this.where };
  }
}

export const missing = (where: Hl7Location, message: string): Translation => ({
  ok: false,
  problem: { location: where, error: HL7_ERROR.requiredFieldMissing, message },
});

export const badValue = (where: Hl7Location, message: string): Translation => ({
  ok: false,
  problem: { location: where, error: HL7_ERROR.dataType, message },
});

/** The patient's name, record number and birth date from PID, only so the core can drop them from free text. */
export function patientOf(reader: SegmentReader, pid: SegmentAt | null): IncomingReferralWire["patient"] {
  if (!pid) return undefined;
  const name = [2, 3, 1]
    .map((c) => reader.text(pid, 5, c))
    .filter(Boolean)
    .join(" ");
  // PID-3 repeats (MR, PI, SS, …): the medical record number if one is typed so, else the first.
  let mrn = "";
  for (let r = 0; r < reader.repetitions(pid, 3); r++) {
    if (reader.text(pid, 3, 5, r).toUpperCase() === "MR") mrn = reader.text(pid, 3, 1, r);
  }
  mrn ||= reader.text(pid, 3, 1) || reader.text(pid, 2, 1);
  const birthDate = reader.text(pid, 7, 1);
  const patient = {
    ...(name ? { name: name.slice(0, 200) } : {}),
    ...(mrn ? { mrn: mrn.slice(0, 64) } : {}),
    ...(birthDate ? { birthDate: birthDate.slice(0, 40) } : {}),
  };
  return Object.keys(patient).length ? patient : undefined;
}
