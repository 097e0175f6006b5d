// Pieces every form card shares: the title and the Save / Cancel buttons.
import type { ReplyForm } from "../../../core/reply.ts";
import type { ActionSet, Container } from "../render/adaptive-card.ts";
import { plainInMarkdown } from "../render/card-text.ts";

/** Verbs of the form buttons; the inputs' values travel in the same `data` object as kind and metadata. */
export const FORM_SUBMIT_VERB = "form.submit";
export const FORM_CANCEL_VERB = "form.cancel";

export function formHeader(title: string): Container {
  return {
    type: "Container",
    style: "emphasis",
    bleed: true,
    items: [{ type: "TextBlock", text: plainInMarkdown(title, 150), weight: "bolder", size: "medium", wrap: true }],
  };
}

export function formActions(form: ReplyForm, submitTitle: string): ActionSet {
  return {
    type: "ActionSet",
    actions: [
      {
        type: "Action.Execute",
        title: submitTitle,
        verb: FORM_SUBMIT_VERB,
        data: { kind: form.kind, metadata: form.metadata },
        style: "positive",
      },
      // Cancel must not be blocked by the required fields it is abandoning.
      { type: "Action.Execute", title: "Cancel", verb: FORM_CANCEL_VERB, data: {}, associatedInputs: "none" },
    ],
  };
}
