// How complaints show in chat: the "Mark resolved" button, the form it opens, and one complaint's
// lines (its age and its words; the renderers escape the words for each surface).
import type { Feedback, Referrer } from "../model.ts";
import { durationPhrase } from "../nudges/phrases.ts";
import type { ReplyButton, ReplyForm, ReplySection } from "../reply.ts";
import { daysBetween } from "../time/local-date.ts";

/** Complaints listed one by one in a profile or a "which one?" answer; the rest are counted. */
export const COMPLAINTS_SHOWN = 5;
const QUOTE_LENGTH = 300;

/** `typed`: a resolution typed in a command, carried (`h`) so the form opens with it. */
export function markResolvedButton(feedbackId: string, typed?: string): ReplyButton {
  const how = typed?.trim().slice(0, 1500);
  return {
    label: "Mark resolved",
    actionId: "complaint.resolve",
    value: JSON.stringify({ f: feedbackId, ...(how ? { h: how } : {}) }),
    style: "primary",
  };
}

/** The line above the form: whose complaint, in their words. */
export function complaintAbout(referrer: Pick<Referrer, "displayName">, text: string): string {
  const quote = text.length <= 200 ? text : `${text.slice(0, 199)}…`;
  return `Complaint from ${referrer.displayName}: “${quote}”`;
}

/**
 * The one-field form: metadata `{"f": feedbackId}`, re-checked against the practice on submit.
 * `about` is the line shown above the field (whose complaint, in their words), not a field itself.
 */
export function resolveComplaintForm(
  feedbackId: string,
  initial: { resolution?: string; about?: string } = {},
): ReplyForm {
  return {
    kind: "resolve_complaint",
    title: "Resolve complaint",
    metadata: JSON.stringify({ f: feedbackId }),
    initial: initial.resolution ? { resolution: initial.resolution } : {},
    ...(initial.about ? { about: initial.about } : {}),
  };
}

/** "open 12 days", "open since today". */
export function complaintAge(complaint: Pick<Feedback, "createdAt">, now: Date): string {
  const days = Math.max(0, daysBetween(complaint.createdAt, now));
  return days === 0 ? "open since today" : `open ${durationPhrase(days)}`;
}

export function complaintSection(complaint: Feedback, now: Date, typed?: string): ReplySection {
  const text = complaint.text.length <= QUOTE_LENGTH ? complaint.text : `${complaint.text.slice(0, QUOTE_LENGTH - 1)}…`;
  return {
    text: `“${text}”`,
    context: `${complaint.sentiment === "negative" ? "Negative" : "Flagged for follow-up"} · ${complaintAge(complaint, now)} · heard by ${complaint.heardBy}`,
    buttons: [markResolvedButton(complaint.id, typed)],
  };
}

/**
 * The open complaints, oldest first, at most COMPLAINTS_SHOWN of them, and a line for the rest.
 * `typed`: a resolution typed in a command, carried by each Mark resolved button.
 */
export function openComplaintSections(complaints: readonly Feedback[], now: Date, typed?: string): ReplySection[] {
  const oldestFirst = [...complaints].sort((a, b) => a.createdAt.getTime() - b.createdAt.getTime());
  const sections = oldestFirst.slice(0, COMPLAINTS_SHOWN).map((c) => complaintSection(c, now, typed));
  const rest = oldestFirst.length - COMPLAINTS_SHOWN;
  if (rest > 0) sections.push({ context: `${rest} more open ${rest === 1 ? "complaint" : "complaints"}.` });
  return sections;
}
