// "Scheduled, or why not?": what became of a referrer's referrals that waited too long for an
// appointment. Its metadata names the referrer and the nudge: `{"c": referrerId, "n": nudgeId}`.
import type { FormDefinition } from "./form-definition.ts";

export const notScheduledForm = {
  kind: "not_scheduled",
  title: "Waiting referrals",
  submitLabel: "Save",
  fields: [
    {
      name: "outcome",
      kind: "choice",
      label: "What happened?",
      required: true,
      requiredMessage: "Choose what happened",
      options: [
        { value: "scheduled", label: "They are scheduled now" },
        { value: "declined", label: "We declined them" },
        { value: "unreachable", label: "We could not reach the patients" },
        { value: "elsewhere", label: "The patients chose elsewhere" },
      ],
    },
  ],
} as const satisfies FormDefinition;
