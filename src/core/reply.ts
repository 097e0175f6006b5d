// The platform-neutral reply model. Core use cases return it; the Slack adapter renders it
// as Block Kit and the Teams adapter as an Adaptive Card. It never holds patient names.
import type { ChartModel } from "./charts/chart-model.ts";

/** Every button the bot can show. The value is opaque JSON the core parses (and re-checks) itself. */
export const ACTION_IDS = [
  "nudge.done", // mark a nudge done, logging the touch it asks for
  "nudge.snooze", // snooze a nudge for a week
  "nudge.dismiss", // "Not needed"
  "feedback.open", // open the feedback form for a referrer
  "referrer.pick", // choose one candidate after an ambiguous name; value carries the pending command
  "referrer.add", // open the "add a new referrer" form, prefilled with the typed name
  "nudges.more", // show the nudges beyond the digest's top few
  "complaint.resolve", // open the "how was it resolved?" form for one complaint
  "referrer.brief", // show the one-screen preparation for a visit or call with a referrer
  "unscheduled.open", // open the "scheduled, or why not?" form for a referrer's referrals waiting for an appointment
  "digest.refresh", // redraw a digest as it stands now, changing nothing (Teams' card refresh, per person)
  "cards.mailed", // one referrer's thank-you card is in the post: logs one thank-you touch
  "cards.all_mailed", // every card of the week's batch is in the post
  "cards.print", // the week's card texts and address labels as a PDF
  "meeting.plan", // a calendar invitation (.ics) for the meeting a meet nudge suggests, with the brief in it
] as const;
export type ActionId = (typeof ACTION_IDS)[number];

export interface ReplyButton {
  /** Short label, under 30 characters. */
  label: string;
  actionId: ActionId;
  /** JSON string, under 2000 characters. */
  value: string;
  style?: "primary" | "danger";
}

export interface ReplyField {
  label: string;
  value: string;
}

export interface ReplySection {
  /** Markdown-light text: *bold*, line breaks, bullets. No patient names. */
  text?: string;
  fields?: ReplyField[];
  buttons?: ReplyButton[];
  /** Small print under the section. */
  context?: string;
  /** A chart, drawn by the adapter as an image with `altText`, or as `altText` alone where images are off. */
  chart?: ChartModel;
}

/** Every form the core can ask for; a submitted form names its kind, and the core re-checks its values. */
export const FORM_KINDS = ["add_referrer", "feedback", "settings", "resolve_complaint", "not_scheduled"] as const;
export type FormKind = (typeof FORM_KINDS)[number];

/** A form the adapter shows as a Slack modal or an Adaptive Card form. */
export interface ReplyForm {
  kind: FormKind;
  title: string;
  /** JSON the form posts back; carries ids only, re-checked on submit. */
  metadata: string;
  /** Prefilled values by field name (a toggle "true"/"false", a multi-choice its values joined by commas). */
  initial: Record<string, string>;
  /** Fields of the definition not shown, because the core fixed them (the referrer a feedback is about). */
  hide?: string[];
  /** One plain line above the fields: who or what the form is about ("Feedback from Dr. Jane Lee"). */
  about?: string;
}

/** A file the adapter hands over in the conversation (Slack: an upload; Teams: a download link). */
export interface ReplyFile {
  /** "thank-you-cards-2026-W49.pdf" */
  filename: string;
  title: string;
  mimeType: "application/pdf" | "text/calendar";
  bytes: Uint8Array;
  /** What the core can make the file again from (ChatCore.fileFor), for a download link that outlives this reply. */
  ref?: string;
}

export interface Reply {
  /** Visible only to the person who asked (Slack ephemeral; Teams replies in the same chat anyway). */
  ephemeral: boolean;
  tone: "info" | "success" | "warning" | "error";
  headline: string;
  sections: ReplySection[];
  /** For errors: what to type instead. */
  usage?: string;
  /** Ask the adapter to open a form (modal) instead of, or as well as, posting the reply. */
  form?: ReplyForm;
  /** A refused form: what is wrong, by field name, shown beside each field (never parsed from the headline). */
  fieldErrors?: Record<string, string>;
}

export function textReply(headline: string, opts: Partial<Omit<Reply, "headline">> = {}): Reply {
  return { ephemeral: true, tone: "info", sections: [], ...opts, headline };
}

export function errorReply(headline: string, usage?: string): Reply {
  return { ephemeral: true, tone: "error", headline, sections: [], ...(usage ? { usage } : {}) };
}
