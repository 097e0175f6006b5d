// When a practice's digest is due, computed in its own time zone with Luxon: the next digest instant
// (what the scheduler stores as the practice's next time), and what a check at an instant should do.
//
// Daylight saving, the choice made here:
// - A digest time inside the spring-forward gap (02:30 on a night that jumps from 02:00 to 03:00)
//   does not exist that day. We move the digest forward by the gap (02:30 → 03:30).
// - A digest time inside the fall-back overlap (01:30 on a night that repeats 01:00–02:00) happens
//   twice on the clock. We take the earlier instant, and the claim on (practice, local date) lets
//   only one send go out even if an instance looks again at the second.
import { IANAZone } from "luxon";
import type { Practice } from "../core/model.ts";
import { inZone } from "../core/time/local-date.ts";

const DAY_MS = 86_400_000;

/** A cron-driven send that comes this late after the digest time still counts as on time, whatever the cutoff. */
export const ON_TIME_GRACE_MS = 10 * 60_000;

export type ScheduleSettings = Pick<Practice, "timeZone" | "digestTime" | "digestWeekdays" | "missedDigestCutoff">;

export function parseTimeOfDay(time: string): { hour: number; minute: number } {
  const match = /^(\d{1,2}):(\d{2})$/.exec(time.trim());
  const hour = Number(match?.[1]);
  const minute = Number(match?.[2]);
  if (!match || hour > 23 || minute > 59) throw new RangeError(`Expected a time "HH:MM", got "${time}"`);
  return { hour, minute };
}

/**
 * The instant a local date and "HH:MM" happen in a zone, worked out here rather than left to a library's
 * default so both daylight-saving cases are explicit: in a fall-back overlap the earlier of the two
 * instants; in a spring-forward gap the time moved forward by the gap (02:30 → 03:30), `inGap` set.
 */
export function resolveLocalTime(localDate: string, time: string, zone: string): { at: Date; inGap: boolean } {
  const { hour, minute } = parseTimeOfDay(time);
  const date = /^(\d{4})-(\d{2})-(\d{2})$/.exec(localDate);
  if (!date) throw new RangeError(`Expected a date "YYYY-MM-DD", got "${localDate}"`);
  const iana = IANAZone.create(zone);
  if (!iana.isValid) throw new RangeError(`Unknown time zone: "${zone}"`);
  // The wall-clock time written as if it were UTC; an instant is right when it reads back as this.
  const wall = Date.UTC(Number(date[1]), Number(date[2]) - 1, Number(date[3]), hour, minute);
  // Every offset the zone uses within a day either side: a zone changes offset at most once in that span.
  const offsets = new Set([-DAY_MS, 0, DAY_MS].map((delta) => iana.offset(wall + delta)));
  const matches = [...offsets]
    .map((offset) => wall - offset * 60_000)
    .filter((instant) => instant + iana.offset(instant) * 60_000 === wall);
  if (matches.length > 0) return { at: new Date(Math.min(...matches)), inGap: false };
  // Skipped by the clocks: read it with the offset in force before the jump, which lands after the gap.
  return { at: new Date(wall - iana.offset(wall - DAY_MS) * 60_000), inGap: true };
}

/** True when "HH:MM" does not exist on that local date: it falls in a spring-forward gap. */
export function isInSpringForwardGap(localDate: string, time: string, zone: string): boolean {
  return resolveLocalTime(localDate, time, zone).inGap;
}

/** The instant of the digest on a local date: gap times move forward by the gap, overlap times take the earlier. */
export function digestInstant(settings: Pick<ScheduleSettings, "timeZone" | "digestTime">, localDate: string): Date {
  return resolveLocalTime(localDate, settings.digestTime, settings.timeZone).at;
}

export interface NextDigest {
  at: Date;
  localDate: string;
  /** The digest time does not exist that day: `at` is moved forward by the gap. */
  inGap: boolean;
}

/** The first digest strictly after `after`, or null if the practice has no digest weekdays. */
export function nextDigestAt(settings: ScheduleSettings, after: Date): NextDigest | null {
  const weekdays = new Set(settings.digestWeekdays);
  const today = inZone(after, settings.timeZone).startOf("day");
  // Eight days: today (if the time is still ahead) and one of each weekday after it.
  for (let i = 0; i <= 7; i++) {
    const day = today.plus({ days: i });
    if (!weekdays.has(day.weekday)) continue;
    const localDate = day.toISODate();
    const { at, inGap } = resolveLocalTime(localDate, settings.digestTime, settings.timeZone);
    if (at > after) return { at, localDate, inGap };
  }
  return null;
}

export type DigestPhase =
  /** Today is not one of the practice's digest weekdays. */
  | "not-a-digest-day"
  /** The digest time has not come yet today. */
  | "before"
  /** Due: at or after the digest time and before the cutoff. */
  | "due"
  /** Too late to send today's digest. */
  | "past-cutoff";

export interface DigestDay {
  localDate: string;
  phase: DigestPhase;
  digestAt: Date;
  /** The end of the window in which a missed digest is still sent. */
  sendUntil: Date;
}

/**
 * Where `now` falls in the practice's digest day. The send window runs from the digest time to the
 * missed-digest cutoff; when the cutoff is not after the digest time (a setting that makes no sense
 * for a missed digest), the window is a short grace so the on-time send still happens.
 */
export function digestDayAt(settings: ScheduleSettings, now: Date): DigestDay {
  const local = inZone(now, settings.timeZone);
  const localDate = local.toISODate();
  const digestAt = digestInstant(settings, localDate);
  const cutoffAt = resolveLocalTime(localDate, settings.missedDigestCutoff, settings.timeZone).at;
  const sendUntil = new Date(Math.max(cutoffAt.getTime(), digestAt.getTime() + ON_TIME_GRACE_MS));
  let phase: DigestPhase;
  if (!settings.digestWeekdays.includes(local.weekday)) phase = "not-a-digest-day";
  else if (now < digestAt) phase = "before";
  else if (now < sendUntil) phase = "due";
  else phase = "past-cutoff";
  return { localDate, phase, digestAt, sendUntil };
}
