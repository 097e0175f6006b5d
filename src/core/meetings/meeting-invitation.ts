// The calendar invitation a meet nudge's "Plan meeting" hands over: one event, with the referrer's brief as
// its description, so whoever goes reads it in their calendar on the way. Made with ical-generator (RFC
// 5545 escaping, line folding and UTC times are easy to get subtly wrong by hand).
import ical, { ICalCalendarMethod } from "ical-generator";
import type { Referrer } from "../model.ts";
import type { ReplyFile } from "../reply.ts";
import { atLocalTime, isoWeekdayOf, localDateOf } from "../time/local-date.ts";

const DAY_MS = 86_400_000;
/** A visit to a referrer's office: half an hour, over lunch (when liaisons are usually let in). */
export const MEETING_MINUTES = 30;
export const MEETING_LOCAL_TIME = "12:00";

export interface MeetingInvitationInput {
  /** The meet nudge it comes from: its UID, so a second download updates the same calendar entry. */
  nudgeId: string;
  referrer: Pick<
    Referrer,
    "displayName" | "clinic" | "addressLine1" | "addressLine2" | "city" | "state" | "postalCode"
  >;
  /** The brief as plain text (core/reply-text.ts). */
  briefText: string;
  start: Date;
  now: Date;
}

/** The event's UID: one per nudge, the same whenever the invitation is made again. */
export function meetingUid(nudgeId: string): string {
  return `meet-${nudgeId}@referral-nudge`;
}

/**
 * When to suggest the meeting: at noon (practice time) on the nudge's due day, or the next working day
 * if that has passed or falls on a weekend. The person moves it in their calendar; it only has to be sensible.
 */
export function suggestedMeetingStart(dueAt: Date, now: Date, zone: string): Date {
  let day = new Date(Math.max(dueAt.getTime(), now.getTime() + DAY_MS));
  while (isoWeekdayOf(day, zone) > 5) day = new Date(day.getTime() + DAY_MS);
  return atLocalTime(localDateOf(day, zone), MEETING_LOCAL_TIME, zone);
}

export function meetingInvitation(input: MeetingInvitationInput): ReplyFile {
  const { referrer } = input;
  const calendar = ical({
    prodId: { company: "Referral Nudge", product: "referral-nudge", language: "EN" },
    method: ICalCalendarMethod.PUBLISH,
  });
  const location = locationOf(referrer);
  calendar.createEvent({
    id: meetingUid(input.nudgeId),
    start: input.start,
    end: new Date(input.start.getTime() + MEETING_MINUTES * 60_000),
    stamp: input.now,
    summary: `Meeting with ${referrer.displayName}`,
    description: input.briefText,
    ...(location ? { location } : {}),
  });
  return {
    filename: `meeting-${slug(referrer.displayName)}.ics`,
    title: `Meeting with ${referrer.displayName}`,
    mimeType: "text/calendar",
    bytes: new TextEncoder().encode(calendar.toString()),
    ref: `meeting:${input.nudgeId}`,
  };
}

/** "Springfield Orthopedics, 12 Harbor Road, Springfield, IL 62701": their office, as far as it is known. */
function locationOf(r: MeetingInvitationInput["referrer"]): string | null {
  const cityLine = [r.city, [r.state, r.postalCode].filter(Boolean).join(" ")].filter(Boolean).join(", ");
  const parts = [r.clinic, r.addressLine1, r.addressLine2, cityLine].map((p) => p?.trim()).filter(Boolean);
  return parts.length > 0 ? parts.join(", ") : null;
}

function slug(name: string): string {
  return (
    name
      .toLowerCase()
      .normalize("NFKD")
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-+|-+$/g, "") || "referrer"
  );
}
