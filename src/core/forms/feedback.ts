// "Log feedback": what a referrer said, how it sounded, and whether someone must follow up.
import { SENTIMENTS } from "../model.ts";
import type { FormDefinition } from "./form-definition.ts";

const SENTIMENT_LABELS = { positive: "Positive", neutral: "Neutral", negative: "Negative" } as const;

export const feedbackForm = {
  kind: "feedback",
  title: "Log feedback",
  submitLabel: "Save feedback",
  fields: [
    // Asked only when the form was opened without a referrer (plain `/feedback`); else hidden, and fixed
    // by the form's metadata.
    {
      name: "referrer",
      kind: "text",
      label: "Referrer",
      required: true,
      requiredMessage: "Type the referrer's name, e.g. Dr. Lee",
      placeholder: "Dr. Lee",
      maxLength: 120,
    },
    {
      name: "sentiment",
      kind: "choice",
      label: "How did it sound?",
      required: true,
      requiredMessage: "Choose positive, neutral or negative",
      options: SENTIMENTS.map((value) => ({ value, label: SENTIMENT_LABELS[value] })),
    },
    {
      name: "text",
      kind: "long_text",
      label: "What did they say?",
      required: true,
      requiredMessage: "Write what they said",
      hint: "No patient names, please.",
      maxLength: 2000,
    },
    { name: "needsFollowUp", kind: "toggle", label: "Needs follow-up", required: false },
  ],
} as const satisfies FormDefinition;
