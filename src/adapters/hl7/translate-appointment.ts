// SIU^S12 (booked), S13 (rescheduled), S14 (changed) and S15 (cancelled) as a status update of the
// referral the appointment is for, so the bot learns when the patient is scheduled.
//   The referral: SCH-26 (placer order number: the referral's id, as the referral system sent it in
//   RF1-6), else RF1-6 when the engine adds an RF1 segment. SCH-1 and SCH-2 name the appointment itself,
//   not the referral, and are not read.
//   The appointment's start: TQ1-7 (v2.5+), else SCH-11's fourth component (v2.3/2.4 timing), else AIS-4.
//   S12, S13, S14 → scheduled at that start. S15, or SCH-25 (filler status) Cancelled, Deleted or Noshow
//   → received: an appointment cancelled is not a referral cancelled; the referral waits for a new
//   booking (and the core drops its appointment time). SCH-25 Complete → seen at that start.
import { hl7TimeToWire } from "./er7-text.ts";
import type { Hl7Location } from "./hl7-location.ts";
import type { Hl7Header } from "./read-envelope.ts";
import type { SegmentReader } from "./segment-reader.ts";
import { badValue, ItemBuilder, missing, patientOf, type Translation } from "./translation.ts";

const UNBOOKED = new Set(["CANCELLED", "DELETED", "NOSHOW"]);

export function translateAppointment(reader: SegmentReader, header: Hl7Header, zone: string): Translation {
  const item = new ItemBuilder();
  const sch = reader.first("SCH");
  if (!sch) return missing({ segment: "SCH", sequence: 1 }, "The SCH segment (the appointment) is missing.");

  const rf1 = reader.first("RF1");
  const referral = reader.text(sch, 26, 1)
    ? { value: reader.text(sch, 26, 1), where: reader.where(sch, 26) }
    : rf1 && reader.text(rf1, 6, 1)
      ? { value: reader.text(rf1, 6, 1), where: reader.where(rf1, 6) }
      : null;
  if (!referral) {
    return missing(reader.where(sch, 26), "SCH-26 (the referral's id as placer order number) is empty.");
  }
  item.set("sourceId", referral.value, referral.where);

  const tq1 = reader.first("TQ1");
  const ais = reader.first("AIS");
  const candidates: Array<{ raw: string; where: Hl7Location }> = [];
  if (tq1) candidates.push({ raw: reader.text(tq1, 7, 1), where: reader.where(tq1, 7) });
  candidates.push({ raw: reader.text(sch, 11, 4), where: reader.where(sch, 11, 4) });
  if (ais) candidates.push({ raw: reader.text(ais, 4, 1), where: reader.where(ais, 4) });
  const start = candidates.find((c) => c.raw !== "");
  if (!start) {
    return missing(reader.where(sch, 11, 4), "The appointment's start (TQ1-7, SCH-11.4 or AIS-4) is empty.");
  }
  const startsAt = hl7TimeToWire(start.raw, zone);
  if (!startsAt) return badValue(start.where, "The appointment's start is not a date and time.");

  const filler = reader.text(sch, 25, 1).toUpperCase();
  const statusWhere = filler ? reader.where(sch, 25) : reader.where(reader.first("MSH")!, 9, 2);
  if (header.trigger === "S15" || UNBOOKED.has(filler)) {
    item.set("status", "received", statusWhere);
  } else if (filler === "COMPLETE") {
    item.set("status", "seen", statusWhere);
    item.set("seenAt", startsAt, start.where);
  } else {
    item.set("status", "scheduled", statusWhere);
    item.set("scheduledAt", startsAt, start.where);
  }

  const pid = reader.first("PID");
  const patient = patientOf(reader, pid);
  if (patient && pid) item.set("patient", patient, reader.where(pid, 3));
  return item.done();
}
