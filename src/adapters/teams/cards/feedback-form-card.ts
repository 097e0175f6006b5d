// The feedback form (the core's ReplyForm kind "feedback"): what a referrer said, how it felt,
// and whether someone must follow up.
import type { ReplyForm } from "../../../core/reply.ts";
import { type AdaptiveCard, adaptiveCard } from "../render/adaptive-card.ts";
import { plainInMarkdown } from "../render/card-text.ts";
import { formActions, formHeader } from "./form-parts.ts";

/** Field names the core's submitForm receives for "feedback"; needsFollowUp arrives as a boolean. */
export const FEEDBACK_FIELDS = ["sentiment", "text", "needsFollowUp"] as const;

export function feedbackFormCard(form: ReplyForm): AdaptiveCard {
  const sentiment = form.initial["sentiment"];
  const referrer = form.initial["referrer"];
  return adaptiveCard([
    formHeader(form.title),
    ...(referrer
      ? [{ type: "TextBlock" as const, text: `About ${plainInMarkdown(referrer, 120)}`, isSubtle: true, wrap: true }]
      : []),
    {
      type: "Input.ChoiceSet",
      id: "sentiment",
      label: "How was it?",
      style: "compact",
      value: sentiment === "positive" || sentiment === "negative" ? sentiment : "neutral",
      choices: [
        { title: "Positive", value: "positive" },
        { title: "Neutral", value: "neutral" },
        { title: "Negative", value: "negative" },
      ],
      isRequired: true,
      errorMessage: "Choose how the feedback felt.",
    },
    {
      type: "Input.Text",
      id: "text",
      label: "What did they say? (no patient names)",
      value: form.initial["text"] ?? "",
      isMultiline: true,
      maxLength: 2000,
      isRequired: true,
      errorMessage: "Write what the referrer said.",
    },
    {
      type: "Input.Toggle",
      id: "needsFollowUp",
      title: "Someone needs to follow up",
      value: form.initial["needsFollowUp"] === "true" ? "true" : "false",
      valueOn: "true",
      valueOff: "false",
    },
    formActions(form, "Save feedback"),
  ]);
}
