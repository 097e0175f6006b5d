// The first look at a message: is it HL7 v2 ER7 at all (it starts with MSH and its delimiters), which
// version and type it says it is, who sent it. What fails here is answered AR: the message is refused
// as a whole, before anything in it is read.
import { Hl7Message } from "@medplum/core";
import { HL7_ERROR, type Hl7Problem } from "./hl7-location.ts";
import { SegmentReader } from "./segment-reader.ts";

/** The versions whose referral and scheduling messages this door reads (REF/RRI came in 2.3). */
const SUPPORTED_VERSION = /^2\.(3|4|5|6|7|8)(\.\d+)?$/;

export const SUPPORTED_MESSAGES = [
  "REF^I12",
  "REF^I13",
  "REF^I14",
  "RRI^I12",
  "SIU^S12",
  "SIU^S13",
  "SIU^S14",
  "SIU^S15",
];

export interface Hl7Header {
  type: string;
  trigger: string;
  version: string;
  controlId: string;
  processingId: string;
  sendingApplication: string;
  sendingFacility: string;
  receivingApplication: string;
  receivingFacility: string;
  /** MSH-7 as sent. */
  sentAt: string;
}

export type Envelope =
  | { ok: true; message: Hl7Message; reader: SegmentReader; header: Hl7Header }
  /** header is whatever could be read, so the ACK can still name the message it answers. */
  | { ok: false; problem: Hl7Problem; header: Partial<Hl7Header> };

const FILE_SEPARATOR = String.fromCharCode(0x1c);

const SEGMENT_NAME = /^[A-Z][A-Z0-9]{2}$/;

/** Parses one message's text (segments separated by \r; \n and \r\n taken too) and checks its header. */
export function readEnvelope(raw: string): Envelope {
  // A body sent over HTTP with its MLLP frame still on (0x0B … 0x1C 0x0D) is read too; \s covers 0x0B.
  let text = raw.trim();
  while (text.endsWith(FILE_SEPARATOR)) text = text.slice(0, -1).trimEnd();
  text = text.replace(/\r\n|\n/g, "\r");
  const delimiters = text.slice(3, 8);
  if (
    !text.startsWith("MSH") ||
    delimiters.length < 5 ||
    new Set(delimiters).size !== 5 ||
    /[\w\r\s]/.test(delimiters)
  ) {
    return {
      ok: false,
      header: {},
      problem: {
        location: { segment: "MSH", sequence: 1 },
        error: HL7_ERROR.segmentSequence,
        message: "The message does not start with an MSH segment and its delimiters (MSH|^~\\&).",
      },
    };
  }
  const message = Hl7Message.parse(text);
  const reader = new SegmentReader(message);
  const msh = reader.first("MSH")!;
  const header: Hl7Header = {
    type: reader.text(msh, 9, 1).toUpperCase(),
    trigger: reader.text(msh, 9, 2).toUpperCase(),
    version: reader.text(msh, 12, 1),
    controlId: reader.text(msh, 10),
    processingId: reader.text(msh, 11) || "P",
    sendingApplication: reader.text(msh, 3),
    sendingFacility: reader.text(msh, 4),
    receivingApplication: reader.text(msh, 5),
    receivingFacility: reader.text(msh, 6),
    sentAt: reader.text(msh, 7),
  };
  const refuse = (problem: Hl7Problem): Envelope => ({ ok: false, problem, header });
  const unnamed = message.segments.findIndex((s) => !SEGMENT_NAME.test(s.name));
  if (unnamed !== -1) {
    return refuse({
      location: { segment: message.segments[unnamed - 1]?.name ?? "MSH", sequence: 1 },
      error: HL7_ERROR.segmentSequence,
      message: `Segment ${unnamed + 1} has no valid name (three capitals or digits); the message may be cut off.`,
    });
  }
  if (message.getAllSegments("MSH").length > 1) {
    return refuse({
      location: { segment: "MSH", sequence: 2 },
      error: HL7_ERROR.segmentSequence,
      message: "Send one message at a time (a second MSH came in the same message).",
    });
  }
  if (!SUPPORTED_VERSION.test(header.version)) {
    return refuse({
      location: { segment: "MSH", sequence: 1, field: 12 },
      error: HL7_ERROR.unsupportedVersion,
      message: `Version "${header.version}" is not read here; send HL7 v2.3 to v2.8.`,
    });
  }
  if (!SUPPORTED_MESSAGES.some((m) => m.startsWith(`${header.type}^`))) {
    return refuse({
      location: { segment: "MSH", sequence: 1, field: 9, component: 1 },
      error: HL7_ERROR.unsupportedMessageType,
      message: `${header.type || "(none)"} messages are not read here; send ${SUPPORTED_MESSAGES.join(", ")}.`,
    });
  }
  if (!SUPPORTED_MESSAGES.includes(`${header.type}^${header.trigger}`)) {
    return refuse({
      location: { segment: "MSH", sequence: 1, field: 9, component: 2 },
      error: HL7_ERROR.unsupportedEvent,
      message: `${header.type}^${header.trigger || "(none)"} is not read here; send ${SUPPORTED_MESSAGES.join(", ")}.`,
    });
  }
  return { ok: true, message, reader, header };
}
