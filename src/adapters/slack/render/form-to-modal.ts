// A core form (ReplyForm, drawn from its one definition in core/forms) as a Slack modal: one input block
// per shown field, the field's name as block_id so the core's field errors land under their field.
import type { types } from "@slack/bolt";
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
import { BLOCK_KIT_LIMITS } from "./block-kit-limits.ts";
import { encodeFormMetadata, FORM_ACTION_ID, FORM_CALLBACK_PREFIX, TOGGLE_ON_VALUE } from "./modals.ts";
import { truncateText } from "./mrkdwn.ts";

function plain(text: string, max: number): types.PlainTextElement {
  return { type: "plain_text", text: truncateText(text, max) || " ", emoji: true };
}

function option(o: { value: string; label: string }): types.PlainTextOption {
  return { text: plain(o.label, BLOCK_KIT_LIMITS.optionText), value: o.value };
}

type InputElement = types.InputBlock["element"];

function textElement(field: FormField, initial: string | undefined): InputElement {
  const max = Math.min(field.maxLength ?? BLOCK_KIT_LIMITS.inputMaxLength, BLOCK_KIT_LIMITS.inputMaxLength);
  return {
    type: "plain_text_input",
    action_id: FORM_ACTION_ID,
    multiline: field.kind === "long_text",
    max_length: max,
    ...(initial ? { initial_value: truncateText(initial, max) } : {}),
    ...(field.placeholder ? { placeholder: plain(field.placeholder, BLOCK_KIT_LIMITS.placeholder) } : {}),
  };
}

function element(field: FormField, initial: string | undefined): InputElement {
  const options = (field.options ?? []).map(option);
  switch (field.kind) {
    case "text":
    case "long_text":
      return textElement(field, initial);
    case "number": {
      const value = initialNumber(initial);
      return {
        type: "number_input",
        action_id: FORM_ACTION_ID,
        is_decimal_allowed: false,
        ...(field.min !== undefined ? { min_value: String(field.min) } : {}),
        ...(field.max !== undefined ? { max_value: String(field.max) } : {}),
        ...(value !== undefined ? { initial_value: String(value) } : {}),
      };
    }
    case "time": {
      const time = initialTime(initial);
      return { type: "timepicker", action_id: FORM_ACTION_ID, ...(time ? { initial_time: time } : {}) };
    }
    case "choice": {
      const chosen = options.find((o) => o.value === initialChoice(field, initial));
      return {
        type: "static_select",
        action_id: FORM_ACTION_ID,
        options,
        ...(chosen ? { initial_option: chosen } : {}),
        ...(field.placeholder ? { placeholder: plain(field.placeholder, BLOCK_KIT_LIMITS.placeholder) } : {}),
      };
    }
    case "multi_choice": {
      const picked = new Set(initialChoices(field, initial));
      const initialOptions = options.filter((o) => picked.has(o.value ?? ""));
      const selected = initialOptions.length > 0 ? { initial_options: initialOptions } : {};
      // Check boxes while they fit (Slack allows ten), a multi-select beyond.
      return options.length <= BLOCK_KIT_LIMITS.checkboxOptions
        ? { type: "checkboxes", action_id: FORM_ACTION_ID, options, ...selected }
        : { type: "multi_static_select", action_id: FORM_ACTION_ID, options, ...selected };
    }
    case "toggle": {
      const box = { text: plain("Yes", BLOCK_KIT_LIMITS.optionText), value: TOGGLE_ON_VALUE };
      return {
        type: "checkboxes",
        action_id: FORM_ACTION_ID,
        options: [box],
        ...(initialToggle(initial) ? { initial_options: [box] } : {}),
      };
    }
  }
}

function inputBlock(field: FormField, initial: string | undefined): types.InputBlock {
  return {
    type: "input",
    block_id: field.name,
    // A toggle is a check box: "required" would mean it must be ticked.
    optional: field.kind === "toggle" || !field.required,
    label: plain(field.label, BLOCK_KIT_LIMITS.inputLabel),
    ...(field.hint ? { hint: plain(field.hint, BLOCK_KIT_LIMITS.inputHint) } : {}),
    element: element(field, initial),
  };
}

/** The modal for a core form, or null if its metadata cannot fit in private_metadata. */
export function formToModal(form: ReplyForm, opts: { channel?: string } = {}): types.ModalView | null {
  const privateMetadata = encodeFormMetadata(form.metadata, opts.channel);
  if (privateMetadata === null) return null;
  const about: types.KnownBlock[] = form.about
    ? [{ type: "context", elements: [plain(form.about, BLOCK_KIT_LIMITS.textObject)] }]
    : [];
  return {
    type: "modal",
    callback_id: `${FORM_CALLBACK_PREFIX}${form.kind}`,
    title: plain(form.title, BLOCK_KIT_LIMITS.viewTitle),
    submit: plain(formDefinition(form.kind).submitLabel, BLOCK_KIT_LIMITS.viewSubmit),
    close: plain("Cancel", BLOCK_KIT_LIMITS.viewClose),
    private_metadata: privateMetadata,
    blocks: [...about, ...shownFields(form).map((field) => inputBlock(field, form.initial[field.name]))],
  };
}
