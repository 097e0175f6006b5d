// The "Resolve complaint" form (the core's ReplyForm kind "resolve_complaint"): how it was resolved.
import type { ReplyForm } from "../../../core/reply.ts";
import { type AdaptiveCard, adaptiveCard } from "../render/adaptive-card.ts";
import { plainInMarkdown } from "../render/card-text.ts";
import { formActions, formHeader } from "./form-parts.ts";

/** Field names the core's submitForm receives for "resolve_complaint". */
export const RESOLVE_COMPLAINT_FIELDS = ["resolution"] as const;

export function resolveComplaintFormCard(form: ReplyForm): AdaptiveCard {
  const about = form.initial["about"];
  return adaptiveCard([
    formHeader(form.title),
    ...(about ? [{ type: "TextBlock" as const, text: plainInMarkdown(about, 400), isSubtle: true, wrap: true }] : []),
    {
      type: "Input.Text",
      id: "resolution",
      label: "How was it resolved? (no patient names)",
      value: form.initial["resolution"] ?? "",
      isMultiline: true,
      maxLength: 2000,
      isRequired: true,
      errorMessage: "Say how it was resolved.",
    },
    formActions(form, "Mark resolved"),
  ]);
}
