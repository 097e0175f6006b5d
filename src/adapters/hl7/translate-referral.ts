// REF^I12 (a new referral), REF^I13 (changed), REF^I14 (cancelled) and RRI^I12 (the response: the
// consult report back to the referrer) as one intake item.
//   RF1-6  originating referral identifier → sourceId (RF1-11, the external one, when RF1-6 is empty)
//   RF1-1  referral status: R (rejected) or E (expired) → cancelled; A and P say nothing new
//   RF1-7  effective date → receivedAt (else RF1-9 process date, else MSH-7)
//   RF1-3  referral type, its text → specialty
//   PRD with PRD-1 RP → the referring provider: PRD-2 name, PRD-7 the identifier typed NPI,
//          PRD-10 (v2.7+) organisation, else PRD-4's facility → clinic (PRD-3, an address, is not kept)
//   DG1-3/4, PR1-3/4, NTE-3 and RF1-10's text → reason (the core cleans it of patient identifiers)
//   PID    → patient (name, MRN, birth date), read only so the core can drop them; never stored
// I14 → cancelled on RF1-9 (else MSH-7); RRI^I12 → reportSentAt at RF1-9 (else MSH-7). Z-segments
// (ZRF, …) and segments not named here are read past.
import { hl7TimeToWire } from "./er7-text.ts";
import type { Hl7Location } from "./hl7-location.ts";
import type { Hl7Header } from "./read-envelope.ts";
import type { SegmentAt, SegmentReader } from "./segment-reader.ts";
import { badValue, ItemBuilder, missing, patientOf, type Translation } from "./translation.ts";

const MAX_REASON = 2000;

export function translateReferral(reader: SegmentReader, header: Hl7Header, zone: string): Translation {
  const item = new ItemBuilder();
  const rf1 = reader.first("RF1");
  if (!rf1) return missing({ segment: "RF1", sequence: 1 }, "The RF1 segment (the referral) is missing.");
  const msh = reader.first("MSH")!;

  let sourceId = reader.text(rf1, 6, 1);
  let sourceWhere = reader.where(rf1, 6);
  if (!sourceId && reader.text(rf1, 11, 1)) {
    sourceId = reader.text(rf1, 11, 1);
    sourceWhere = reader.where(rf1, 11);
  }
  if (!sourceId) return missing(reader.where(rf1, 6), "RF1-6 (the originating referral identifier) is empty.");
  item.set("sourceId", sourceId, sourceWhere);

  const time = (at: SegmentAt, field: number): { value?: string; bad?: Translation } => {
    const raw = reader.text(at, field, 1);
    if (!raw) return {};
    const value = hl7TimeToWire(raw, zone);
    return value ? { value } : { bad: badValue(reader.where(at, field), `${at.segment.name}-${field} is not a date.`) };
  };
  const effective = time(rf1, 7);
  const processed = time(rf1, 9);
  const sent = time(msh, 7);
  for (const t of [effective, processed, sent]) if (t.bad) return t.bad;
  const eventAt = processed.value ?? sent.value;
  const eventWhere = processed.value ? reader.where(rf1, 9) : reader.where(msh, 7);

  const provider = reader.all("PRD").find((prd) => reader.text(prd, 1, 1).toUpperCase() === "RP");
  const isResponse = header.type === "RRI";
  if (provider) {
    const received = effective.value ?? processed.value ?? sent.value;
    const receivedWhere = effective.value ? reader.where(rf1, 7) : eventWhere;
    if (!received) return missing(reader.where(rf1, 7), "RF1-7 (the referral's effective date) is empty.");
    const name = providerNameOf(reader, provider);
    if (!name) return missing(reader.where(provider, 2), "PRD-2 (the referring provider's name) is empty.");
    item.set("providerName", name, reader.where(provider, 2));
    item.set("receivedAt", received, receivedWhere);
    const npi = npiOf(reader, provider);
    if (npi) item.set("providerNpi", npi.value, npi.where);
    const clinic = reader.text(provider, 10, 1)
      ? { value: reader.text(provider, 10, 1), where: reader.where(provider, 10) }
      : { value: reader.text(provider, 4, 4), where: reader.where(provider, 4, 4) };
    item.set("clinic", clinic.value, clinic.where);
    const specialty = reader.text(rf1, 3, 2) || reader.text(rf1, 3, 1);
    if (specialty.length > 3) item.set("specialty", specialty, reader.where(rf1, 3));
    const reason = reasonOf(reader, rf1);
    if (reason) item.set("reason", reason.value, reason.where);
  } else if (!isResponse) {
    return missing(
      { segment: "PRD", sequence: 1, field: 1 },
      "No PRD segment with PRD-1 RP (the referring provider) was sent.",
    );
  }

  const pid = reader.first("PID");
  const patient = patientOf(reader, pid);
  if (patient && pid) item.set("patient", patient, reader.where(pid, 3));

  if (isResponse) {
    if (!eventAt) return missing(reader.where(msh, 7), "MSH-7 (when the response was sent) is empty.");
    item.set("reportSentAt", eventAt, eventWhere);
    return item.done();
  }
  const rf1Status = reader.text(rf1, 1, 1).toUpperCase();
  if (header.trigger === "I14" || rf1Status === "R" || rf1Status === "E") {
    item.set("status", "cancelled", header.trigger === "I14" ? reader.where(msh, 9, 2) : reader.where(rf1, 1));
    if (eventAt) item.set("statusDate", eventAt, eventWhere);
  }
  return item.done();
}

/** PRD-2 (XPN: family^given^middle^suffix^prefix^degree) as one would write it: "Dr. Jennifer A Lee". */
function providerNameOf(reader: SegmentReader, prd: SegmentAt): string {
  const parts = [5, 2, 3, 1, 4].map((c) => reader.text(prd, 2, c)).filter(Boolean);
  return parts.join(" ").replace(/\s+/g, " ").slice(0, 120);
}

/** The PRD-7 repetition typed NPI (PRD-7.2), or one sent with no type whose value is ten digits. */
function npiOf(reader: SegmentReader, prd: SegmentAt): { value: string; where: Hl7Location } | null {
  let untyped: { value: string; where: Hl7Location } | null = null;
  for (let r = 0; r < reader.repetitions(prd, 7); r++) {
    const value = reader.text(prd, 7, 1, r);
    const type = reader.text(prd, 7, 2, r).toUpperCase();
    if (type === "NPI") return { value, where: reader.where(prd, 7) };
    if (!type && /^\d{10}$/.test(value)) untyped ??= { value, where: reader.where(prd, 7) };
  }
  return untyped;
}

/** The referral's reason as free text: diagnoses, procedures, notes, then RF1-10's text, joined. */
function reasonOf(reader: SegmentReader, rf1: SegmentAt): { value: string; where: Hl7Location } | null {
  const found: Array<{ value: string; where: Hl7Location }> = [];
  for (const dg1 of reader.all("DG1")) {
    const value = reader.text(dg1, 3, 2) || reader.text(dg1, 4) || reader.text(dg1, 3, 1);
    if (value) found.push({ value, where: reader.where(dg1, 3) });
  }
  for (const pr1 of reader.all("PR1")) {
    const value = reader.text(pr1, 3, 2) || reader.text(pr1, 4) || reader.text(pr1, 3, 1);
    if (value) found.push({ value, where: reader.where(pr1, 3) });
  }
  for (const nte of reader.all("NTE")) {
    const lines = Array.from({ length: reader.repetitions(nte, 3) }, (_, r) => reader.fieldText(nte, 3, r));
    const value = lines.filter(Boolean).join(" ");
    if (value) found.push({ value, where: reader.where(nte, 3) });
  }
  const category = reader.text(rf1, 10, 2);
  if (found.length === 0 && category) found.push({ value: category, where: reader.where(rf1, 10) });
  if (found.length === 0) return null;
  const value = [...new Set(found.map((f) => f.value))].join("; ").slice(0, MAX_REASON);
  return { value, where: found[0]!.where };
}
