// What a renderer reads from a form the core asks to open, the same way on Slack and on Teams:
// which fields to show, and what the prefilled strings (ReplyForm.initial) mean for each kind.
import type { ReplyForm } from "../reply.ts";
import { type FormField, omitFields } from "./form-definition.ts";
import { formDefinition } from "./index.ts";

/** The definition's fields in order, less those the core fixed (ReplyForm.hide). */
export function shownFields(form: ReplyForm): readonly FormField[] {
  return omitFields(formDefinition(form.kind), form.hide ?? []).fields;
}

/** A toggle's prefilled value: "true" (or "on", "yes") is on. */
export function initialToggle(initial: string | undefined): boolean {
  return /^(true|on|yes)$/i.test(initial?.trim() ?? "");
}

/** A choice's prefilled value, when it is one of the options. */
export function initialChoice(field: FormField, initial: string | undefined): string | undefined {
  return (field.options ?? []).find((o) => o.value === initial?.trim())?.value;
}

/** A multi-choice's prefilled values ("mon,wed,fri"): the known ones, in the options' order. */
export function initialChoices(field: FormField, initial: string | undefined): string[] {
  const picked = new Set((initial ?? "").split(",").map((v) => v.trim()));
  return (field.options ?? []).map((o) => o.value).filter((v) => picked.has(v));
}

/** A time's prefilled value, when it is a time of day (HH:MM). */
export function initialTime(initial: string | undefined): string | undefined {
  const t = initial?.trim() ?? "";
  return /^([01]\d|2[0-3]):[0-5]\d$/.test(t) ? t : undefined;
}

/** A number's prefilled value, when it is a whole number. */
export function initialNumber(initial: string | undefined): number | undefined {
  const t = initial?.trim() ?? "";
  return /^-?\d{1,9}$/.test(t) ? Number(t) : undefined;
}
