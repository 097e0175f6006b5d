// Submitted form values checked against their definition: the one place a form's input is accepted or
// refused, whichever platform sent it. Each adapter only reads its platform's widgets into plain values
// (text as typed, a number box's number, a toggle's boolean, a multi-choice's list); what they mean, and
// whether they fit, is decided here. Values arrive from outside, so nothing about their shape is assumed.
import {
  DEFAULT_MAX_TEXT,
  type FieldValue,
  type FormDefinition,
  type FormField,
  type FormValues,
} from "./form-definition.ts";

export type FormCheck<D extends FormDefinition> =
  | { ok: true; values: FormValues<D> }
  /**
   * What is wrong, by field name, said plainly: shown beside each field. `passed` holds the fields that
   * were fine, for a form whose own rules go further (a real time zone) to name all its problems at once.
   */
  | { ok: false; fieldErrors: Record<string, string>; passed: Record<string, FieldValue | undefined> };

type FieldCheck = { value: FieldValue | undefined } | { error: string };

const HH_MM = /^([01]?\d|2[0-3]):([0-5]\d)$/;
const WHOLE_NUMBER = /^-?\d{1,9}$/;
const TOGGLE_ON = new Set(["true", "on", "yes"]);
const TOGGLE_OFF = new Set(["false", "off", "no", ""]);

/** Checks every field of the definition (unknown keys are ignored) and returns all the problems at once. */
export function validateForm<D extends FormDefinition>(definition: D, values: Record<string, unknown>): FormCheck<D> {
  const checked: Record<string, FieldValue | undefined> = {};
  const fieldErrors: Record<string, string> = {};
  for (const field of definition.fields) {
    const raw = Object.hasOwn(values, field.name) ? values[field.name] : undefined;
    const result = checkField(field, raw);
    if ("error" in result) fieldErrors[field.name] = result.error;
    else checked[field.name] = result.value;
  }
  if (Object.keys(fieldErrors).length > 0) return { ok: false, fieldErrors, passed: checked };
  return { ok: true, values: checked as FormValues<D> };
}

export function checkField(field: FormField, raw: unknown): FieldCheck {
  switch (field.kind) {
    case "text":
    case "long_text":
      return checkText(field, raw);
    case "number":
      return checkNumber(field, raw);
    case "time":
      return checkTime(field, raw);
    case "choice":
      return checkChoice(field, raw);
    case "multi_choice":
      return checkMultiChoice(field, raw);
    case "toggle":
      return checkToggle(raw);
  }
}

function missing(field: FormField, fallback: string): FieldCheck {
  return field.required ? { error: field.requiredMessage ?? fallback } : { value: undefined };
}

/** The raw value as trimmed text; null when it is not text at all (an object, a list). */
function asText(raw: unknown): string | null {
  if (raw === undefined || raw === null) return "";
  if (typeof raw === "string") return raw.trim();
  if (typeof raw === "number" && Number.isFinite(raw)) return String(raw);
  return null;
}

function checkText(field: FormField, raw: unknown): FieldCheck {
  const text = asText(raw);
  if (text === null) return { error: "Type this as text" };
  if (text === "") return missing(field, "Fill this in");
  const max = field.maxLength ?? DEFAULT_MAX_TEXT;
  if (text.length > max) return { error: `Keep it under ${max.toLocaleString("en-US")} characters` };
  return { value: text };
}

function numberProblem(field: FormField): string {
  if (field.min !== undefined && field.max !== undefined)
    return `Give a whole number from ${field.min} to ${field.max}`;
  if (field.min !== undefined) return `Give a whole number of at least ${field.min}`;
  if (field.max !== undefined) return `Give a whole number of at most ${field.max}`;
  return "Give a whole number";
}

function checkNumber(field: FormField, raw: unknown): FieldCheck {
  const text = asText(raw);
  if (text === "") return missing(field, numberProblem(field));
  if (text === null || !WHOLE_NUMBER.test(text)) return { error: numberProblem(field) };
  const n = Number(text);
  if ((field.min !== undefined && n < field.min) || (field.max !== undefined && n > field.max)) {
    return { error: numberProblem(field) };
  }
  return { value: n };
}

function checkTime(field: FormField, raw: unknown): FieldCheck {
  const text = asText(raw);
  const problem = "Give the time as HH:MM, e.g. 07:30";
  if (text === "") return missing(field, problem);
  const match = text === null ? null : HH_MM.exec(text);
  if (!match) return { error: problem };
  return { value: `${match[1]!.padStart(2, "0")}:${match[2]}` };
}

function optionValues(field: FormField): string[] {
  return (field.options ?? []).map((o) => o.value);
}

function choiceProblem(field: FormField): string {
  return field.requiredMessage ?? `Choose one of: ${(field.options ?? []).map((o) => o.label).join(", ")}`;
}

function checkChoice(field: FormField, raw: unknown): FieldCheck {
  const text = asText(raw);
  if (text === "") return missing(field, choiceProblem(field));
  if (text === null || !optionValues(field).includes(text)) return { error: choiceProblem(field) };
  return { value: text };
}

/** A list of option values (Slack) or the values joined by commas (a Teams multi-select). */
function checkMultiChoice(field: FormField, raw: unknown): FieldCheck {
  let chosen: unknown[];
  if (Array.isArray(raw)) chosen = raw;
  else {
    const text = asText(raw);
    if (text === null) return { error: choiceProblem(field) };
    chosen = text === "" ? [] : text.split(",");
  }
  const known = optionValues(field);
  // More picks than options can only be a forged submission; refused before looking at each.
  if (chosen.length > known.length) return { error: choiceProblem(field) };
  const picked = new Set<string>();
  for (const item of chosen) {
    const value = typeof item === "string" ? item.trim() : null;
    if (value === null || !known.includes(value)) return { error: choiceProblem(field) };
    picked.add(value);
  }
  if (picked.size === 0 && field.required) return { error: field.requiredMessage ?? "Choose at least one" };
  // In the options' order, whatever order they were picked in.
  return { value: known.filter((v) => picked.has(v)) };
}

/** A boolean (Slack's check box), or Teams' "true"/"false"; missing means off. */
function checkToggle(raw: unknown): FieldCheck {
  if (typeof raw === "boolean") return { value: raw };
  const text = asText(raw);
  if (text !== null && TOGGLE_ON.has(text.toLowerCase())) return { value: true };
  if (text !== null && TOGGLE_OFF.has(text.toLowerCase())) return { value: false };
  return { error: "Say on or off" };
}
