// A core form (ReplyForm, drawn from its one definition in core/forms) as an Adaptive Card: one input
// per shown field, its id the field's name, so the submitted inputs arrive under the names the core
// checks. Drawn again after a refusal, it keeps what was typed and shows each field's error under it.
import type { FormField } from "../../../core/forms/form-definition.ts";
import {
  initialChoice,
  initialChoices,
  initialNumber,
  initialTime,
  initialToggle,
  shownFields,
} from "../../../core/forms/form-rendering.ts";
import { formDefinition } from "../../../core/forms/index.ts";
import type { ReplyForm } from "../../../core/reply.ts";
import { formActions, formHeader } from "../cards/form-parts.ts";
import { type AdaptiveCard, adaptiveCard, type CardElement, type TextBlock } from "./adaptive-card.ts";
import { plainInMarkdown } from "./card-text.ts";

/** The values a toggle sends; the core reads "true"/"false". */
export const TOGGLE_ON = "true";
export const TOGGLE_OFF = "false";

/** The id of the line under a field that says what is wrong with it. */
export function fieldErrorId(name: string): string {
  return `${name}.error`;
}

function requiredProps(field: FormField, fallback: string) {
  return field.required ? { isRequired: true, errorMessage: field.requiredMessage ?? fallback } : {};
}

function input(field: FormField, initial: string | undefined): CardElement {
  const label = field.label;
  switch (field.kind) {
    case "text":
    case "long_text":
      return {
        type: "Input.Text",
        id: field.name,
        label,
        value: initial ?? "",
        ...(field.kind === "long_text" ? { isMultiline: true } : {}),
        ...(field.maxLength ? { maxLength: field.maxLength } : {}),
        ...(field.placeholder ? { placeholder: field.placeholder } : {}),
        ...requiredProps(field, "Fill this in"),
      };
    case "number": {
      const value = initialNumber(initial);
      return {
        type: "Input.Number",
        id: field.name,
        label,
        ...(field.min !== undefined ? { min: field.min } : {}),
        ...(field.max !== undefined ? { max: field.max } : {}),
        ...(value !== undefined ? { value } : {}),
        ...requiredProps(field, "Give a whole number"),
      };
    }
    case "time": {
      const time = initialTime(initial);
      return {
        type: "Input.Time",
        id: field.name,
        label,
        ...(time ? { value: time } : {}),
        ...requiredProps(field, "Choose a time"),
      };
    }
    case "choice":
    case "multi_choice": {
      const multi = field.kind === "multi_choice";
      const value = multi ? initialChoices(field, initial).join(",") : initialChoice(field, initial);
      return {
        type: "Input.ChoiceSet",
        id: field.name,
        label,
        style: multi ? "expanded" : "compact",
        ...(multi ? { isMultiSelect: true } : {}),
        choices: (field.options ?? []).map((o) => ({ title: o.label, value: o.value })),
        ...(value ? { value } : {}),
        ...requiredProps(field, "Choose one"),
      };
    }
    case "toggle":
      return {
        type: "Input.Toggle",
        id: field.name,
        title: label,
        value: initialToggle(initial) ? TOGGLE_ON : TOGGLE_OFF,
        valueOn: TOGGLE_ON,
        valueOff: TOGGLE_OFF,
      };
  }
}

function hintBlock(hint: string): TextBlock {
  return {
    type: "TextBlock",
    text: plainInMarkdown(hint, 300),
    isSubtle: true,
    size: "small",
    wrap: true,
    spacing: "none",
  };
}

function errorBlock(name: string, message: string): TextBlock {
  return {
    type: "TextBlock",
    id: fieldErrorId(name),
    text: plainInMarkdown(message, 300),
    color: "attention",
    size: "small",
    wrap: true,
    spacing: "none",
  };
}

export function formToCard(form: ReplyForm, opts: { fieldErrors?: Record<string, string> } = {}): AdaptiveCard {
  const errors = opts.fieldErrors ?? {};
  const body: CardElement[] = [formHeader(form.title)];
  if (form.about) body.push({ type: "TextBlock", text: plainInMarkdown(form.about, 200), isSubtle: true, wrap: true });
  if (Object.keys(errors).length > 0) {
    body.push({
      type: "TextBlock",
      text: "Please check the marked fields.",
      color: "attention",
      weight: "bolder",
      wrap: true,
    });
  }
  for (const field of shownFields(form)) {
    body.push(input(field, form.initial[field.name]));
    if (field.hint) body.push(hintBlock(field.hint));
    const error = errors[field.name];
    if (error) body.push(errorBlock(field.name, error));
  }
  body.push(formActions(form, formDefinition(form.kind).submitLabel));
  return adaptiveCard(body);
}
