// Dates as referral systems write them: 2026-03-14, 03/14/2026, 3/14/26, 14.03.2026, 2026-03-14T10:00:00Z,
// "Mar 14, 2026", with or without a time. A value without a zone is a wall-clock time in the practice's
// zone; a date without a time is the start of that day there.
//
// 03/04/2026 is March 4 in the US and 3 April almost everywhere else. One file uses one convention, so
// the whole file decides: a value whose first part is over 12 (14/03/2026) proves day/month, one whose
// second part is over 12 (03/14/2026) proves month/day. With no proof either way, slashes are read the
// US way and dots (14.03.2026, a European habit) day first; the summary says which was assumed.
//
// Zone rules come from Luxon (through src/core/time/wall-clock.ts, which caches offsets per day): a
// plain Luxon DateTime per value costs 15–120 µs here, too much for 100,000 rows with timestamps.
import { fromWallClock } from "../core/time/wall-clock.ts";

export type DateOrder = "mdy" | "dmy";

export interface DateOrderEvidence {
  /** Values that can only be day/month (first part over 12). */
  dayFirst: number;
  /** Values that can only be month/day (second part over 12). */
  monthFirst: number;
  /** Numeric dates written with dots, and with slashes or dashes. */
  dotted: number;
  slashed: number;
  /** One value of each proof, to quote in the summary. */
  dayFirstExample: string | null;
  monthFirstExample: string | null;
}

export function emptyEvidence(): DateOrderEvidence {
  return { dayFirst: 0, monthFirst: 0, dotted: 0, slashed: 0, dayFirstExample: null, monthFirstExample: null };
}

// Three numeric parts with one separator, not inside a longer run of digits, dots or slashes.
const NUMERIC_DATE_IN_TEXT = /(?<![\d/.])(\d{1,2})([/.])(\d{1,2})\2(\d{4}|\d{2})(?![\d/.])/g;

/** Adds what `text` proves about the date order to `evidence`; cheap enough to run over a whole file. */
export function collectDateOrderEvidence(text: string, evidence: DateOrderEvidence): DateOrderEvidence {
  for (const match of text.matchAll(NUMERIC_DATE_IN_TEXT)) {
    const first = Number(match[1]);
    const second = Number(match[3]);
    if (match[2] === ".") evidence.dotted++;
    else evidence.slashed++;
    if (first > 12 && first <= 31 && second >= 1 && second <= 12) {
      evidence.dayFirst++;
      evidence.dayFirstExample ??= match[0];
    } else if (second > 12 && second <= 31 && first >= 1 && first <= 12) {
      evidence.monthFirst++;
      evidence.monthFirstExample ??= match[0];
    }
  }
  return evidence;
}

export interface DateOrderChoice {
  order: DateOrder;
  /** Why, in a sentence for the summary; null when there was nothing to decide. */
  why: string | null;
  /** True when the file proved nothing and the order was assumed. */
  assumed: boolean;
}

export function chooseDateOrder(evidence: DateOrderEvidence): DateOrderChoice {
  const { dayFirst, monthFirst } = evidence;
  if (dayFirst > 0 && monthFirst === 0) {
    return {
      order: "dmy",
      why: `Dates were read as day/month (the file has ${evidence.dayFirstExample}).`,
      assumed: false,
    };
  }
  if (monthFirst > 0 && dayFirst === 0) return { order: "mdy", why: null, assumed: false };
  if (dayFirst > 0 && monthFirst > 0) {
    const order: DateOrder = dayFirst > monthFirst ? "dmy" : "mdy";
    return {
      order,
      why:
        `The file mixes day/month (${evidence.dayFirstExample}) and month/day (${evidence.monthFirstExample}) dates; ` +
        `they were read as ${order === "dmy" ? "day/month" : "month/day"}, the more common of the two.`,
      assumed: false,
    };
  }
  if (evidence.dotted > evidence.slashed) {
    return {
      order: "dmy",
      why: "Dates like 04.03.2026 were read as day.month (4 March); use --date-order mdy if they are month.day.",
      assumed: true,
    };
  }
  return {
    order: "mdy",
    why: "Dates like 03/04/2026 were read as month/day (US: March 4); use --date-order dmy if they are day/month.",
    assumed: true,
  };
}

export type ParsedDate =
  | { ok: true; date: Date; dateOnly: boolean; ambiguous: boolean }
  | { ok: false; date?: undefined; dateOnly?: undefined; ambiguous?: undefined };

const NOT_A_DATE: ParsedDate = { ok: false };

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?)? *(Z|[+-]\d{2}(?::?\d{2})?)?$/i;
const YEAR_FIRST = /^(\d{4})([/-])(\d{1,2})\2(\d{1,2})(?:[ T](.+))?$/;
const NUMERIC = /^(\d{1,2})([/.-])(\d{1,2})\2(\d{4}|\d{2})(?:[ T,]+(.+))?$/;
const MONTH_FIRST = /^([A-Za-z]{3,9})\.? +(\d{1,2})(?:st|nd|rd|th)?,? +(\d{4})(?:,? +(.+))?$/;
const DAY_FIRST = /^(\d{1,2})[ -]([A-Za-z]{3,9})\.?[ ,-]+(\d{4}|\d{2})(?: +(.+))?$/;
const TIME = /^(\d{1,2})(?::(\d{2}))?(?::(\d{2})(?:\.\d+)?)? *([ap])?\.?m?\.?$/i;

function monthOf(name: string): number | undefined {
  return MONTHS[name.slice(0, 3).toLowerCase()];
}

function yearOf(text: string): number {
  // Two-digit years are this century: referrals from the 1900s are not in anyone's export.
  return text.length === 2 ? 2000 + Number(text) : Number(text);
}

/** "10:30", "14:05:00", "2:05 PM", "2pm" → [hour, minute, second], or null. */
function timeOf(text: string | undefined): [number, number, number] | null {
  if (text === undefined) return [0, 0, 0];
  const m = TIME.exec(text.trim());
  if (!m) return null;
  let hour = Number(m[1]);
  const minute = m[2] ? Number(m[2]) : 0;
  const second = m[3] ? Number(m[3]) : 0;
  const meridiem = m[4]?.toLowerCase();
  if (meridiem) {
    if (hour < 1 || hour > 12) return null;
    if (meridiem === "p" && hour < 12) hour += 12;
    if (meridiem === "a" && hour === 12) hour = 0;
  }
  if (hour > 23 || minute > 59 || second > 59) return null;
  return [hour, minute, second];
}

const MINUTE_MS = 60_000;

/** The instant of a calendar date and clock time: in `zone`, or at `offsetMinutes` from UTC when the value says. */
function instantOf(
  year: number,
  month: number,
  day: number,
  clock: readonly [number, number, number, number?],
  zone: string,
  offsetMinutes: number | null = null,
): Date | null {
  if (year < 1900 || year > 2999 || month < 1 || month > 12 || day < 1) return null;
  const wall = Date.UTC(year, month - 1, day, clock[0], clock[1], clock[2], clock[3] ?? 0);
  // Date.UTC rolls February 30 over into March; a calendar date that rolls is not a date.
  const check = new Date(wall);
  if (check.getUTCDate() !== day || check.getUTCMonth() !== month - 1) return null;
  return new Date(offsetMinutes === null ? fromWallClock(wall, zone) : wall - offsetMinutes * MINUTE_MS);
}

function build(year: number, month: number, day: number, time: string | undefined, zone: string): ParsedDate {
  const clock = timeOf(time);
  const date = clock && instantOf(year, month, day, clock, zone);
  return date ? { ok: true, date, dateOnly: time === undefined, ambiguous: false } : NOT_A_DATE;
}

function offsetOf(designator: string): number {
  if (designator.toUpperCase() === "Z") return 0;
  const sign = designator.startsWith("-") ? -1 : 1;
  const digits = designator.slice(1).replace(":", "");
  return sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2, 4) || 0));
}

/** Reads one value; `order` decides numeric day/month. Empty text is not a date (callers check for it first). */
export function parseDateValue(raw: string, zone: string, order: DateOrder): ParsedDate {
  const text = raw.trim();
  if (text === "") return NOT_A_DATE;

  const iso = ISO.exec(text);
  if (iso) {
    const [, y, mo, d, h, mi, sec, frac, designator] = iso;
    const clock: [number, number, number, number] = [
      Number(h ?? 0),
      Number(mi ?? 0),
      Number(sec ?? 0),
      Math.floor(Number(`0.${frac ?? "0"}`) * 1000),
    ];
    if (clock[0] > 23 || clock[1] > 59 || clock[2] > 59) return NOT_A_DATE;
    const date = instantOf(Number(y), Number(mo), Number(d), clock, zone, designator ? offsetOf(designator) : null);
    return date ? { ok: true, date, dateOnly: h === undefined, ambiguous: false } : NOT_A_DATE;
  }

  // Year first with single digits or slashes (2026-3-4, 2026/03/14), which ISO does not allow.
  let m = YEAR_FIRST.exec(text);
  if (m) return build(Number(m[1]), Number(m[3]), Number(m[4]), m[5], zone);

  m = NUMERIC.exec(text);
  if (m) {
    const a = Number(m[1]);
    const b = Number(m[3]);
    const [month, day] = order === "mdy" ? [a, b] : [b, a];
    const parsed = build(yearOf(m[4]!), month, day, m[5], zone);
    if (parsed.ok) parsed.ambiguous = a <= 12 && b <= 12 && a !== b;
    return parsed;
  }

  m = MONTH_FIRST.exec(text);
  if (m) {
    const month = monthOf(m[1]!);
    return month ? build(Number(m[3]), month, Number(m[2]), m[4], zone) : NOT_A_DATE;
  }

  m = DAY_FIRST.exec(text);
  if (m) {
    const month = monthOf(m[2]!);
    return month ? build(yearOf(m[3]!), month, Number(m[1]), m[4], zone) : NOT_A_DATE;
  }
  return NOT_A_DATE;
}

/**
 * A parser for one import: same zone and order throughout, with a cache, because a report of 100,000
 * referrals over a year repeats the same few hundred date strings.
 */
export function createDateReader(zone: string, order: DateOrder): (raw: string) => ParsedDate {
  const cache = new Map<string, ParsedDate>();
  return (raw) => {
    let parsed = cache.get(raw);
    if (parsed === undefined) {
      parsed = parseDateValue(raw, zone, order);
      // Timestamps rarely repeat; a bounded cache keeps a file of distinct ones from growing it forever.
      if (cache.size >= 50_000) cache.clear();
      cache.set(raw, parsed);
    }
    return parsed;
  };
}
