// Pieces every form card has: the title and the Save / Cancel buttons. The submit button's data
// carries the form's kind, the core's metadata and how the form was drawn (title, about, hidden
// fields), so a refused form can be drawn again as it was; the core re-checks everything anyway.
import { z } from "zod/v4";
import { FORM_KINDS, type ReplyForm } from "../../../core/reply.ts";
import type { ActionSet, Container } from "../render/adaptive-card.ts";
import { plainInMarkdown } from "../render/card-text.ts";

/** Verbs of the form buttons; the inputs' values travel in the same `data` object as kind and metadata. */
export const FORM_SUBMIT_VERB = "form.submit";
export const FORM_CANCEL_VERB = "form.cancel";

/** Keys of the submit button's own data; no form field may be named one of these. */
export const FORM_DATA_KEYS = ["kind", "metadata", "form"] as const;

const ZDrawn = z.object({
  title: z.string().max(200),
  about: z.string().max(500).optional(),
  hide: z.array(z.string().max(64)).max(20).optional(),
});

/** The submit button's data, as Teams sends it back with the inputs merged in. */
export const ZFormData = z.looseObject({
  kind: z.enum(FORM_KINDS),
  metadata: z.string().max(4000),
  form: z.string().max(2000).optional(),
});

export function formHeader(title: string): Container {
  return {
    type: "Container",
    style: "emphasis",
    bleed: true,
    items: [{ type: "TextBlock", text: plainInMarkdown(title, 150), weight: "bolder", size: "medium", wrap: true }],
  };
}

export function formActions(form: ReplyForm, submitTitle: string): ActionSet {
  const drawn = JSON.stringify({
    title: form.title.slice(0, 200),
    ...(form.about ? { about: form.about.slice(0, 500) } : {}),
    ...(form.hide?.length ? { hide: form.hide } : {}),
  });
  return {
    type: "ActionSet",
    actions: [
      {
        type: "Action.Execute",
        title: submitTitle,
        verb: FORM_SUBMIT_VERB,
        data: { kind: form.kind, metadata: form.metadata, form: drawn },
        style: "positive",
      },
      // Cancel must not be blocked by the required fields it is abandoning.
      { type: "Action.Execute", title: "Cancel", verb: FORM_CANCEL_VERB, data: {}, associatedInputs: "none" },
    ],
  };
}

/** The form as it was drawn, from a submit's data, with `initial` the values just typed. */
export function formAsDrawn(
  data: z.infer<typeof ZFormData>,
  fallbackTitle: string,
  initial: Record<string, string>,
): ReplyForm {
  let drawn: z.infer<typeof ZDrawn> | null = null;
  try {
    const parsed = ZDrawn.safeParse(JSON.parse(data.form ?? "null"));
    drawn = parsed.success ? parsed.data : null;
  } catch {
    // Not ours (an older card): drawn plainly from the definition.
  }
  return {
    kind: data.kind,
    metadata: data.metadata,
    title: drawn?.title ?? fallbackTitle,
    initial,
    ...(drawn?.about ? { about: drawn.about } : {}),
    ...(drawn?.hide ? { hide: drawn.hide } : {}),
  };
}
