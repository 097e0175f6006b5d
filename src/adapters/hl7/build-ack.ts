// The ACK every message gets: MSH (from us, to the sender, in the sender's version), MSA with AA
// (accepted), AE (an error in the message: ERR says where) or AR (refused whole: wrong version, type,
// facility, or not HL7 at all), and ERR. ERR is written as the message's version reads it: ERR-2
// (location), ERR-3 (code), ERR-4 (severity) and ERR-8 (a sentence) from v2.5 on; ERR-1 before.
import { randomBytes } from "node:crypto";
import { encodeEr7, hl7Now } from "./er7-text.ts";
import { type Hl7Problem, locationText } from "./hl7-location.ts";
import type { Hl7Header } from "./read-envelope.ts";

export type AckCode = "AA" | "AE" | "AR";

const OUR_APPLICATION = "REFERRAL-NUDGE";
/** MSA-3 is 80 characters in v2.3. */
const MSA_TEXT_MAX = 80;

export function buildAck(opts: {
  header: Partial<Hl7Header>;
  code: AckCode;
  text: string;
  problem?: Hl7Problem;
  now: Date;
}): string {
  const h = opts.header;
  const version = h.version && /^2\.\d/.test(h.version) ? h.version : "2.5.1";
  const before25 = /^2\.[34](\.|$)/.test(version);
  const trigger = h.trigger ? `^${encodeEr7(h.trigger)}` : "";
  const type = `ACK${trigger}${trigger && !version.startsWith("2.3") ? "^ACK" : ""}`;
  const controlId = randomBytes(10).toString("hex").slice(0, 20).toUpperCase();
  const e = (v: string | undefined) => encodeEr7(v ?? "");
  const msh = [
    "MSH",
    "^~\\&",
    OUR_APPLICATION,
    e(h.receivingFacility),
    e(h.sendingApplication),
    e(h.sendingFacility),
    hl7Now(opts.now),
    "",
    type,
    controlId,
    e(h.processingId || "P"),
    version,
  ].join("|");
  const msa = ["MSA", opts.code, e(h.controlId), e(opts.text.slice(0, MSA_TEXT_MAX))].join("|");
  const segments = [msh, msa];
  const p = opts.problem;
  if (p) {
    if (before25) {
      // ELD: segment^sequence^field^code (CE, as subcomponents: code&text&HL70357).
      const l = p.location;
      const eld = [l?.segment ?? "", l ? String(l.sequence) : "", l?.field ?? ""].join("^");
      segments.push(`ERR|${eld}^${p.error.code}&${e(p.message)}&HL70357`);
    } else {
      const where = p.location ? locationText(p.location) : "";
      const severity = opts.code === "AA" ? "W" : "E";
      const code = `${p.error.code}^${p.error.text}^HL70357`;
      segments.push(["ERR", "", where, code, severity, "", "", "", e(p.message)].join("|"));
    }
  }
  return `${segments.join("\r")}\r`;
}
