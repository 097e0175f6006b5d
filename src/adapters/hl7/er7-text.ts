// ER7 (pipe-and-hat) values as text: @medplum/core's parser splits a message into segments, fields,
// repetitions and components by the message's own delimiters, but leaves escape sequences as sent.
// These turn a value into plain text (\F\ \S\ \T\ \R\ \E\, \.br\, \Xhh\) and plain text back into a
// value, and read an HL7 date/time (TS/DTM) into the wire format of the intake use case.
import type { Hl7Context } from "@medplum/core";
import { DateTime } from "luxon";

/** A value's escape sequences decoded with the message's own delimiters; highlighting and unknown ones dropped. */
export function decodeEr7(value: string, context: Hl7Context): string {
  const esc = context.escapeCharacter;
  if (!esc || !value.includes(esc)) return value;
  const named: Record<string, string> = {
    F: context.fieldSeparator,
    S: context.componentSeparator,
    T: context.subcomponentSeparator,
    R: context.repetitionSeparator,
    E: esc,
    ".br": "\n",
  };
  let out = "";
  let i = 0;
  while (i < value.length) {
    const ch = value[i]!;
    const end = ch === esc ? value.indexOf(esc, i + 1) : -1;
    if (end === -1) {
      out += ch;
      i++;
      continue;
    }
    const code = value.slice(i + 1, end);
    if (code in named) out += named[code];
    else if (/^X([0-9A-Fa-f]{2})+$/.test(code)) out += Buffer.from(code.slice(1), "hex").toString("latin1");
    // \H\ \N\ (highlighting), \Cxxyy\ \Mxxyyzz\ (character sets), \Zxx\ (local): no text of their own.
    i = end + 1;
  }
  return out;
}

/** Plain text made safe for one component of an ER7 value written with the standard delimiters |^~\&. */
export function encodeEr7(text: string): string {
  return text
    .replace(/\\/g, "\\E\\")
    .replace(/\|/g, "\\F\\")
    .replace(/\^/g, "\\S\\")
    .replace(/&/g, "\\T\\")
    .replace(/~/g, "\\R\\")
    .replace(/\r\n|\r|\n/g, "\\.br\\");
}

const TS = /^(\d{4})(\d{2})?(\d{2})?(\d{2})?(\d{2})?(\d{2})?(?:\.(\d{1,4}))?([+-]\d{4})?$/;

/**
 * An HL7 TS/DTM ("20261201", "202612010930-0500", "20261201093015.25") as the intake's wire date: a date
 * alone stays a local date ("2026-12-01", read in the practice's zone by the core); a time without an
 * offset is a local time in the practice's zone. Null when it is not a valid time (or has no day).
 */
export function hl7TimeToWire(value: string, zone: string): string | null {
  const m = TS.exec(value.trim());
  if (!m) return null;
  const [, y, mo, d, h, mi, s, frac, offset] = m;
  if (!mo || !d) return null;
  const date = DateTime.fromObject({ year: Number(y), month: Number(mo), day: Number(d) }, { zone: "UTC" });
  if (!date.isValid) return null;
  if (!h) return `${y}-${mo}-${d}`;
  const parts = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
    millisecond: frac ? Math.round(Number(`0.${frac}`) * 1000) : 0,
  };
  const at = offset
    ? DateTime.fromObject(parts, { zone: `UTC${offset.slice(0, 3)}:${offset.slice(3)}` })
    : DateTime.fromObject(parts, { zone });
  if (!at.isValid || at.hour !== parts.hour) return null;
  return at.toISO({ suppressMilliseconds: true });
}

/** Now as an HL7 DTM with its offset: 20261204100000+0000. */
export function hl7Now(now: Date): string {
  return DateTime.fromJSDate(now, { zone: "UTC" }).toFormat("yyyyLLddHHmmssZZZ");
}
