// What a Slack modal carries besides its blocks (form-to-modal.ts draws those): the callback id naming
// the form's kind, the core's metadata wrapped with the channel to answer in, and the submitted view
// state read back into plain values for the core, which checks them (core/forms/validate-form.ts).
import { z } from "zod/v4";
import type { FormField } from "../../../core/forms/form-definition.ts";
import { formDefinition } from "../../../core/forms/index.ts";
import { FORM_KINDS, type FormKind } from "../../../core/reply.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";

/** callback_id of a form's modal: `rn.form.feedback`. */
export const FORM_CALLBACK_PREFIX = "rn.form.";
/** Every input's element uses this action_id; the block_id names the field. */
export const FORM_ACTION_ID = "value";
/** The value of a toggle's one check box. */
export const TOGGLE_ON_VALUE = "on";

export function isFormKind(value: string): value is FormKind {
  return (FORM_KINDS as readonly string[]).includes(value);
}

// --- private_metadata: the core's metadata plus the channel the form was opened from ---

const ZFormEnvelope = z.object({
  m: z.string(),
  c: z
    .string()
    .regex(/^[CDG][A-Z0-9]+$/)
    .optional(),
});

/**
 * The core's metadata, wrapped with the channel to answer in once the form is submitted
 * (a view_submission carries no channel). Returns null when the core's metadata alone is too long.
 */
export function encodeFormMetadata(metadata: string, channel?: string): string | null {
  const withChannel = JSON.stringify({ m: metadata, ...(channel ? { c: channel } : {}) });
  if (withChannel.length <= BLOCK_KIT_LIMITS.privateMetadata) return withChannel;
  const bare = JSON.stringify({ m: metadata });
  return bare.length <= BLOCK_KIT_LIMITS.privateMetadata ? bare : null;
}

export function decodeFormMetadata(raw: string): { metadata: string; channel?: string } {
  try {
    const parsed = ZFormEnvelope.safeParse(JSON.parse(raw));
    if (parsed.success) return { metadata: parsed.data.m, ...(parsed.data.c ? { channel: parsed.data.c } : {}) };
  } catch {
    // Not our envelope: hand it to the core as it is, the core re-checks it anyway.
  }
  return { metadata: raw };
}

// --- reading a submission ---

const ZStateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_time: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});
type TStateValue = z.infer<typeof ZStateValue>;

/** The part of a view_submission's view we read: untrusted JSON until this says otherwise. */
export const ZSubmittedView = z.object({
  id: z.string(),
  hash: z.string().optional(),
  callback_id: z.string(),
  private_metadata: z.string().max(BLOCK_KIT_LIMITS.privateMetadata).default(""),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), ZStateValue)) }),
});
export type TSubmittedView = z.infer<typeof ZSubmittedView>;

/** One input's value as the core takes it: text as typed, a choice's value, a list of choices, a toggle's boolean. */
function rawValue(field: FormField, entry: TStateValue): unknown {
  switch (field.kind) {
    case "choice":
      return entry.selected_option?.value;
    case "multi_choice":
      return (entry.selected_options ?? []).map((o) => o.value);
    case "toggle":
      // Its one check box, ticked.
      return (entry.selected_options ?? []).length > 0;
    case "time":
      return entry.selected_time;
    default:
      return entry.value;
  }
}

/** The submitted values by field name, for the fields the modal had; the core decides what they mean. */
export function readFormValues(kind: FormKind, view: TSubmittedView): Record<string, unknown> {
  const values: Record<string, unknown> = {};
  for (const field of formDefinition(kind).fields) {
    const entry = view.state.values[field.name]?.[FORM_ACTION_ID];
    if (!entry) continue;
    const value = rawValue(field, entry);
    if (value !== undefined && value !== null) values[field.name] = value;
  }
  return values;
}

/** The fields a modal showed (its input blocks): the only ones Slack can show an error under. */
export function shownFieldNames(view: TSubmittedView): Set<string> {
  return new Set(Object.keys(view.state.values));
}
