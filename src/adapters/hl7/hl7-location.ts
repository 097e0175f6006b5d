// Where in a message something is, as an ACK's ERR segment names it (ERL: segment^sequence^field^…), and
// the HL7 error codes (table 0357) the door answers with.
export interface Hl7Location {
  segment: string;
  /** Which of the message's segments with that name, from 1. */
  sequence: number;
  field?: number;
  component?: number;
}

/** "PRD^1^7", "RF1^1^6", "MSH^1^12". */
export function locationText(l: Hl7Location): string {
  const parts = [l.segment, String(l.sequence)];
  if (l.field !== undefined) parts.push(String(l.field));
  if (l.component !== undefined) parts.push("", String(l.component));
  return parts.join("^");
}

/** HL7 table 0357, the codes the door uses. */
export const HL7_ERROR = {
  segmentSequence: { code: "100", text: "Segment sequence error" },
  requiredFieldMissing: { code: "101", text: "Required field missing" },
  dataType: { code: "102", text: "Data type error" },
  tableValue: { code: "103", text: "Table value not found" },
  unsupportedMessageType: { code: "200", text: "Unsupported message type" },
  unsupportedEvent: { code: "201", text: "Unsupported event code" },
  unsupportedVersion: { code: "203", text: "Unsupported version id" },
  unknownKey: { code: "204", text: "Unknown key identifier" },
  internal: { code: "207", text: "Application internal error" },
} as const;

export type Hl7ErrorCode = (typeof HL7_ERROR)[keyof typeof HL7_ERROR];

/** One thing wrong with a message: where, which code, and a sentence for a person (never patient data). */
export interface Hl7Problem {
  location: Hl7Location | null;
  error: Hl7ErrorCode;
  message: string;
}
