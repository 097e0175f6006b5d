// "Mark resolved": how a complaint was resolved. Its metadata names the feedback: `{"f": feedbackId}`.
// The resolution is free text: it is cleaned of patient details before it is stored (the use case does).
import type { FormDefinition } from "./form-definition.ts";

export const resolveComplaintForm = {
  kind: "resolve_complaint",
  title: "Mark resolved",
  submitLabel: "Mark resolved",
  fields: [
    {
      name: "resolution",
      kind: "long_text",
      label: "How was it resolved?",
      required: true,
      requiredMessage: "Say how it was resolved",
      hint: "No patient names, please.",
      maxLength: 2000,
    },
  ],
} as const satisfies FormDefinition;
