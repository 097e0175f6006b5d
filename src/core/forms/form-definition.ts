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
  required: boolean;
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
