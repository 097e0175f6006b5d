// Converting instants to the practice's wall clock and back, fast enough to run for thousands of
// referrers per digest. The zone rules come from Luxon's IANAZone (the platform's tz database); what is
// added here is a cache. Measured on these machines, each Luxon DateTime step in an IANA zone costs
// 15–120 µs (one or more Intl.DateTimeFormat calls), and a digest needs several per referrer, whereas an
// offset changes at most a couple of times a year: so the offset is looked up once per UTC day and
// the calendar arithmetic is done on a "wall-clock" number (local time written as if it were UTC).
import { IANAZone } from "luxon";

export const DAY_MS = 86_400_000;
const MINUTE_MS = 60_000;
/** Enough for years of days in a handful of zones; cleared rather than evicted, it refills in microseconds. */
const MAX_CACHED_DAYS = 50_000;

interface ZoneCache {
  zone: IANAZone;
  /** Offset in minutes at each UTC midnight looked up so far, by epoch day. */
  atMidnight: Map<number, number>;
}

const zones = new Map<string, ZoneCache>();
let cachedDays = 0;
/** A run works in one practice's zone: remember the last one and skip even the map lookup. */
let lastZone: ZoneCache | null = null;

function zoneCache(zone: string): ZoneCache {
  if (lastZone?.zone.name === zone) return lastZone;
  let cache = zones.get(zone);
  if (!cache) {
    const iana = IANAZone.create(zone);
    if (!iana.isValid) throw new RangeError(`Unknown time zone: "${zone}"`);
    cache = { zone: iana, atMidnight: new Map() };
    zones.set(zone, cache);
  }
  lastZone = cache;
  return cache;
}

function offsetAtMidnight(cache: ZoneCache, day: number): number {
  let offset = cache.atMidnight.get(day);
  if (offset === undefined) {
    if (cachedDays >= MAX_CACHED_DAYS) {
      for (const z of zones.values()) z.atMidnight.clear();
      cachedDays = 0;
    }
    offset = cache.zone.offset(day * DAY_MS);
    cache.atMidnight.set(day, offset);
    cachedDays++;
  }
  return offset;
}

export function isKnownTimeZone(zone: string): boolean {
  return IANAZone.create(zone).isValid;
}

/**
 * The zone's offset from UTC in minutes at an instant. When a UTC day starts and ends on the same offset
 * the whole day has it (zones change offset at most once a day); only a changeover day asks Intl again.
 */
export function offsetMinutesAt(ms: number, zone: string): number {
  const cache = zoneCache(zone);
  const day = Math.floor(ms / DAY_MS);
  const start = offsetAtMidnight(cache, day);
  if (start === offsetAtMidnight(cache, day + 1)) return start;
  return cache.zone.offset(ms);
}

/** The local wall-clock time of an instant, as milliseconds that read correctly with the getUTC… methods. */
export function toWallClock(ms: number, zone: string): number {
  return ms + offsetMinutesAt(ms, zone) * MINUTE_MS;
}

/**
 * The instant a wall-clock time happens. A time skipped by a spring-forward change moves forward by the
 * gap (02:30 → 03:30); a time repeated by a fall-back change always resolves to the earlier instant
 * (Luxon's own pick there depends on the offset in force on the day the code runs).
 */
export function fromWallClock(wall: number, zone: string): number {
  const guessOffset = offsetMinutesAt(wall, zone);
  let guess = wall - guessOffset * MINUTE_MS;
  const second = offsetMinutesAt(guess, zone);
  if (second === guessOffset) return guess;
  guess -= (second - guessOffset) * MINUTE_MS;
  const third = offsetMinutesAt(guess, zone);
  if (third === second) return guess;
  return wall - Math.min(second, third) * MINUTE_MS;
}

/** ISO weekday (1 = Monday … 7 = Sunday) of a wall-clock value. */
export function wallWeekday(wall: number): number {
  // 1970-01-01 was a Thursday (ISO 4). Arithmetic rather than a Date: this runs in business-day loops.
  return ((((Math.floor(wall / DAY_MS) + 3) % 7) + 7) % 7) + 1;
}

/** "YYYY-MM-DD" of a wall-clock value. */
export function wallDate(wall: number): string {
  return new Date(wall).toISOString().slice(0, 10);
}

/** Local midnight of a wall-clock value (still a wall-clock value). */
export function wallMidnight(wall: number): number {
  return Math.floor(wall / DAY_MS) * DAY_MS;
}
