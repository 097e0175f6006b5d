// The core's forms (ReplyForm) as Slack modals, and the submitted view state read back into the plain
// values the core's submitForm expects. Field names are the block ids, so inline errors land on the field.
import type { types } from "@slack/bolt";
import { z } from "zod/v4";
import { SENTIMENTS } from "../../../core/model.ts";
import { FORM_KINDS, type FormKind, type ReplyForm } from "../../../core/reply.ts";
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import { mrkdwn, truncateText } from "./mrkdwn.ts";

/** callback_id of a form's modal: `rn.form.feedback`. */
export const FORM_CALLBACK_PREFIX = "rn.form.";
/** Every input's element uses this action_id; the block_id names the field. */
export const FORM_ACTION_ID = "value";

interface FormField {
  name: string;
  label: string;
  kind: "text" | "multiline" | "select" | "checkbox";
  optional?: boolean;
  placeholder?: string;
  hint?: string;
  maxLength?: number;
  options?: { value: string; label: string }[];
}

// The values the core's submitForm reads (src/core/chat/forms.ts): add_referrer takes `name` with title and
// credentials in it ("Dr. Jane Smith, MD"); feedback's referrer is fixed by the form's metadata.
const setting = (name: string, label: string, hint: string, maxLength = 40): FormField => ({
  name,
  label,
  kind: "text",
  optional: true,
  hint,
  maxLength,
});

/** "How was it resolved?": one long text. A separate piece so the generic forms can replace it whole. */
function resolveComplaintFields(): FormField[] {
  return [
    {
      name: "resolution",
      label: "How was it resolved?",
      kind: "multiline",
      hint: "No patient names, please.",
      maxLength: 2000,
    },
  ];
}

const FIELDS: Record<FormKind, FormField[]> = {
  resolve_complaint: resolveComplaintFields(),
  settings: [
    setting("time", "Digest time", "Local time, HH:MM, e.g. 07:30"),
    setting("timezone", "Time zone", "e.g. America/New_York", 64),
    setting("days", "Days", "e.g. mon-fri or mon,wed,fri"),
    setting("top", "Nudges in the digest", "1 to 15"),
    setting("cutoff", "Send a missed digest until", "Local time, HH:MM"),
    setting("skipempty", "Skip days with nothing new", "on or off"),
    setting("meetdays", "Meet top referrers every (days)", "14 to 730"),
    setting("feedbackdays", "Ask for feedback every (days)", "14 to 730"),
    setting("quietdays", "Going quiet after at least (days)", "7 to 365"),
  ],
  add_referrer: [
    {
      name: "name",
      label: "Name",
      kind: "text",
      placeholder: "Dr. Jennifer Lee-Park, MD",
      hint: "Title, name and credentials, as you would write them.",
      maxLength: 120,
    },
    { name: "clinic", label: "Clinic or practice", kind: "text", optional: true, maxLength: 120 },
    { name: "specialty", label: "Specialty", kind: "text", optional: true, maxLength: 80 },
    { name: "npi", label: "NPI", kind: "text", optional: true, placeholder: "10 digits", maxLength: 20 },
    { name: "phone", label: "Phone", kind: "text", optional: true, maxLength: 40 },
    { name: "email", label: "Email", kind: "text", optional: true, maxLength: 200 },
  ],
  feedback: [
    // Shown only when the form was opened without a referrer (plain `/feedback`).
    { name: "referrer", label: "Referrer", kind: "text", optional: true, placeholder: "Dr. Lee", maxLength: 120 },
    {
      name: "sentiment",
      label: "How did it sound?",
      kind: "select",
      options: [
        { value: "positive", label: "Positive" },
        { value: "neutral", label: "Neutral" },
        { value: "negative", label: "Negative" },
      ],
    },
    {
      name: "text",
      label: "What did they say?",
      kind: "multiline",
      hint: "No patient names, please.",
      maxLength: 2000,
    },
    {
      name: "needsFollowUp",
      label: "Follow-up",
      kind: "checkbox",
      optional: true,
      options: [{ value: "yes", label: "Needs follow-up" }],
    },
  ],
};

/** The field names a form's values use, for the core and the tests. */
export function formFieldNames(kind: FormKind): string[] {
  return FIELDS[kind].map((f) => f.name);
}

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

// --- the modal ---

function plain(text: string, max: number): types.PlainTextElement {
  return { type: "plain_text", text: truncateText(text, max) || " ", emoji: true };
}

function option(o: { value: string; label: string }): types.PlainTextOption {
  return { text: plain(o.label, BLOCK_KIT_LIMITS.optionText), value: o.value };
}

function inputBlock(field: FormField, initial: string | undefined): types.InputBlock {
  const base = {
    type: "input" as const,
    block_id: field.name,
    optional: field.optional ?? false,
    label: plain(field.label, BLOCK_KIT_LIMITS.inputLabel),
    ...(field.hint ? { hint: plain(field.hint, BLOCK_KIT_LIMITS.inputHint) } : {}),
  };
  const placeholder = field.placeholder ? { placeholder: plain(field.placeholder, BLOCK_KIT_LIMITS.placeholder) } : {};
  switch (field.kind) {
    case "select": {
      const options = (field.options ?? []).map(option);
      const chosen = options.find((o) => o.value === initial);
      return {
        ...base,
        element: {
          type: "static_select",
          action_id: FORM_ACTION_ID,
          options,
          ...(chosen ? { initial_option: chosen } : {}),
          ...placeholder,
        },
      };
    }
    case "checkbox": {
      const options = (field.options ?? []).map(option);
      const checked = initial === "true" || initial === "yes";
      return {
        ...base,
        element: {
          type: "checkboxes",
          action_id: FORM_ACTION_ID,
          options,
          ...(checked ? { initial_options: options } : {}),
        },
      };
    }
    default:
      return {
        ...base,
        element: {
          type: "plain_text_input",
          action_id: FORM_ACTION_ID,
          multiline: field.kind === "multiline",
          ...(field.maxLength ? { max_length: field.maxLength } : {}),
          ...(initial ? { initial_value: truncateText(initial, field.maxLength ?? BLOCK_KIT_LIMITS.textObject) } : {}),
          ...placeholder,
        },
      };
  }
}

/** Who the form is about, when the core fixed it (feedback names its referrer in `initial.referrer`). */
function aboutBlocks(form: ReplyForm): types.KnownBlock[] {
  const about = form.initial["about"]?.trim();
  if (form.kind === "resolve_complaint" && about) {
    return [{ type: "context", elements: [{ type: "mrkdwn", text: mrkdwn(about, 2000) }] }];
  }
  const referrer = form.initial["referrer"]?.trim();
  if (form.kind !== "feedback" || !referrer) return [];
  return [{ type: "context", elements: [{ type: "mrkdwn", text: mrkdwn(`Feedback from *${referrer}*`, 2000) }] }];
}

/** The modal for a core form, or null if its metadata cannot fit in private_metadata. */
export function formToModal(form: ReplyForm, opts: { channel?: string } = {}): types.ModalView | null {
  const privateMetadata = encodeFormMetadata(form.metadata, opts.channel);
  if (privateMetadata === null) return null;
  return {
    type: "modal",
    callback_id: `${FORM_CALLBACK_PREFIX}${form.kind}`,
    title: plain(form.title, BLOCK_KIT_LIMITS.viewTitle),
    submit: plain("Save", BLOCK_KIT_LIMITS.viewSubmit),
    close: plain("Cancel", BLOCK_KIT_LIMITS.viewClose),
    private_metadata: privateMetadata,
    blocks: [
      ...aboutBlocks(form),
      ...FIELDS[form.kind]
        .filter((field) => !(field.name === "referrer" && form.initial["referrer"]))
        .map((field) => inputBlock(field, form.initial[field.name])),
    ],
  };
}

// --- reading a submission ---

const ZStateValue = z.object({
  type: z.string(),
  value: z.string().nullish(),
  selected_option: z.object({ value: z.string() }).nullish(),
  selected_options: z.array(z.object({ value: z.string() })).nullish(),
});

/** The part of a view_submission's view we read: untrusted JSON until this says otherwise. */
export const ZSubmittedView = z.object({
  id: z.string(),
  hash: z.string().optional(),
  callback_id: z.string(),
  private_metadata: z.string().max(BLOCK_KIT_LIMITS.privateMetadata).default(""),
  state: z.object({ values: z.record(z.string(), z.record(z.string(), ZStateValue)) }),
});
export type TSubmittedView = z.infer<typeof ZSubmittedView>;

const optionalText = (max: number) =>
  z
    .string()
    .trim()
    .max(max, `Keep it under ${max} characters`)
    .transform((v) => (v === "" ? undefined : v))
    .optional();

// Only what Slack cannot enforce itself (a name of spaces, lengths); the core checks the rest (NPI check
// digit, email) and its "field: message" errors are shown under the field too (see fieldErrorsOf).
export const ZAddReferrerForm = z.object({
  name: z
    .string()
    .trim()
    .min(2, "Type the referrer's name, e.g. Dr. Jane Smith")
    .max(120, "Keep it under 120 characters"),
  clinic: optionalText(120),
  specialty: optionalText(80),
  npi: optionalText(20),
  phone: optionalText(40),
  email: optionalText(200),
});
export type TAddReferrerForm = z.infer<typeof ZAddReferrerForm>;

export const ZFeedbackForm = z.object({
  referrer: optionalText(120),
  sentiment: z.enum(SENTIMENTS, { error: "Choose positive, neutral or negative" }),
  text: z.string().trim().min(1, "Write what they said").max(2000, "Keep it under 2,000 characters"),
  needsFollowUp: z.boolean(),
});
export type TFeedbackForm = z.infer<typeof ZFeedbackForm>;

// The core checks each setting's meaning (a real time zone, a time of day); here only the lengths.
export const ZSettingsForm = z.object(
  Object.fromEntries(
    ["time", "timezone", "days", "top", "cutoff", "skipempty", "meetdays", "feedbackdays", "quietdays"].map((k) => [
      k,
      optionalText(64),
    ]),
  ),
);

// Only the length here; the core says what a resolution must be (and its error lands under the field).
export const ZResolveComplaintForm = z.object({
  resolution: z.string().max(2000, "Keep it under 2,000 characters"),
});

const FORM_SCHEMAS = {
  add_referrer: ZAddReferrerForm,
  feedback: ZFeedbackForm,
  settings: ZSettingsForm,
  resolve_complaint: ZResolveComplaintForm,
} as const;

/** One field's raw value: text as typed, a select's value, a checkbox as true/false. */
function rawValue(field: FormField, state: TSubmittedView["state"]): unknown {
  const entry = state.values[field.name]?.[FORM_ACTION_ID];
  switch (field.kind) {
    case "select":
      return entry?.selected_option?.value;
    case "checkbox":
      return (entry?.selected_options?.length ?? 0) > 0;
    default:
      return entry?.value ?? "";
  }
}

export type FormReading = { ok: true; values: Record<string, unknown> } | { ok: false; errors: Record<string, string> };

/** Reads and checks a submitted form; errors are keyed by block id (= field name) for `response_action: "errors"`. */
export function readFormValues(kind: FormKind, view: TSubmittedView): FormReading {
  const raw = Object.fromEntries(FIELDS[kind].map((field) => [field.name, rawValue(field, view.state)]));
  const parsed = FORM_SCHEMAS[kind].safeParse(raw);
  if (parsed.success) {
    const values = Object.fromEntries(Object.entries(parsed.data).filter(([, v]) => v !== undefined));
    return { ok: true, values };
  }
  const errors: Record<string, string> = {};
  for (const issue of parsed.error.issues) {
    const field = String(issue.path[0] ?? FIELDS[kind][0]?.name);
    errors[field] ??= issue.message;
  }
  return { ok: false, errors };
}
