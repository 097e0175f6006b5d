// Small wording helpers shared by the replies.
import { DateTime } from "luxon";
import type { Referrer, TouchKind } from "../model.ts";

export function referrerLine(r: Referrer): string {
  const where = [r.clinic, r.specialty].filter(Boolean).join(", ");
  return where ? `${r.displayName} · ${where}` : r.displayName;
}

export const TOUCH_PAST: Record<TouchKind, string> = {
  thank_you: "Thanked",
  call: "Called",
  meeting: "Met",
  returned_referral: "Sent a patient back to",
  feedback_request: "Asked for feedback:",
  liaison_visit: "Visited",
  other: "Logged a touch with",
};

export function localTime(date: Date, zone: string): string {
  return DateTime.fromJSDate(date, { zone }).toFormat("HH:mm");
}

export function localDay(date: Date | null, zone: string): string {
  return date ? DateTime.fromJSDate(date, { zone }).toFormat("d LLL yyyy") : "never";
}
