// Every form the core can ask for, by kind: the one definition both platforms render and validateForm checks.
import type { FormKind } from "../reply.ts";
import { addReferrerForm } from "./add-referrer.ts";
import { feedbackForm } from "./feedback.ts";
import type { FormDefinition } from "./form-definition.ts";
import { notScheduledForm } from "./not-scheduled.ts";
import { resolveComplaintForm } from "./resolve-complaint.ts";
import { settingsForm } from "./settings.ts";

const DEFINITIONS: Record<FormKind, FormDefinition> = {
  add_referrer: addReferrerForm,
  feedback: feedbackForm,
  settings: settingsForm,
  resolve_complaint: resolveComplaintForm,
  not_scheduled: notScheduledForm,
};

export function formDefinition(kind: FormKind): FormDefinition {
  return DEFINITIONS[kind];
}

export type { FieldKind, FieldValue, FormDefinition, FormField, FormOption, FormValues } from "./form-definition.ts";
export { type FormCheck, validateForm } from "./validate-form.ts";
