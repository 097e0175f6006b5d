// A form, defined once in the core: its fields, their kinds and limits. The Slack modal and the
// Teams card are generic renderings of a definition, and submitted values are validated here, once,
// so the same input is accepted or refused identically on both platforms.
import type { FormKind } from "../reply.ts";

export const FIELD_KINDS = ["text", "long_text", "number", "time", "choice", "multi_choice", "toggle"] as const;
export type FieldKind = (typeof FIELD_KINDS)[number];

export interface FormOption {
  value: string;
  label: string;
}

export interface FormField {
  /** The key the submitted value arrives under, and the key of its field error. */
  name: string;
  kind: FieldKind;
  label: string;
  /** A toggle is never required: it always has a value (on or off). */
  required: boolean;
  /** What to say when a required field is left empty (or a choice is not one of the options). */
  requiredMessage?: string;
  placeholder?: string;
  /** Small print under the field. */
  hint?: string;
  /** Text kinds: the most characters accepted. */
  maxLength?: number;
  /** Number kind: inclusive bounds. */
  min?: number;
  max?: number;
  /** Choice kinds. */
  options?: readonly FormOption[];
}

export interface FormDefinition {
  kind: FormKind;
  title: string;
  submitLabel: string;
  fields: readonly FormField[];
}

/** Text fields without a maxLength still stop here: nothing unbounded passes the door. */
export const DEFAULT_MAX_TEXT = 3000;

/** A checked value of each kind: text kinds, time and choice a string, number a number, and so on. */
type ValueOfKind<K extends FieldKind> = K extends "number"
  ? number
  : K extends "multi_choice"
    ? string[]
    : K extends "toggle"
      ? boolean
      : string;

type ValueOfField<F extends FormField> = F["kind"] extends "choice"
  ? F extends { options: readonly { value: infer V }[] }
    ? V
    : string
  : ValueOfKind<F["kind"]>;

/**
 * The checked values of a definition, by field name. An empty optional field is undefined; a toggle
 * is always a boolean and a multi-choice always a list (maybe empty).
 */
export type FormValues<D extends FormDefinition> = {
  [F in D["fields"][number] as F["name"]]: F["kind"] extends "toggle" | "multi_choice"
    ? ValueOfField<F>
    : F["required"] extends true
      ? ValueOfField<F>
      : ValueOfField<F> | undefined;
};

/** Any checked value, for code that walks a definition's fields without knowing them. */
export type FieldValue = string | number | boolean | string[];

/** The definition without some fields: those the core fixed for one form (see ReplyForm.hide). */
export function omitFields(definition: FormDefinition, names: readonly string[]): FormDefinition {
  if (names.length === 0) return definition;
  return { ...definition, fields: definition.fields.filter((f) => !names.includes(f.name)) };
}
