// The "add a new referrer" form (the core's ReplyForm kind "add_referrer"), prefilled with the typed name.
import type { ReplyForm } from "../../../core/reply.ts";
import { type AdaptiveCard, adaptiveCard } from "../render/adaptive-card.ts";
import { formActions, formHeader } from "./form-parts.ts";

/** Field names the core's submitForm receives for "add_referrer". */
export const ADD_REFERRER_FIELDS = ["name", "clinic", "specialty", "npi", "phone", "email"] as const;

export function addReferrerFormCard(form: ReplyForm): AdaptiveCard {
  const initial = (field: string) => form.initial[field] ?? "";
  return adaptiveCard([
    formHeader(form.title),
    {
      type: "Input.Text",
      id: "name",
      label: "Name",
      placeholder: "Dr. Jane Lee",
      value: initial("name"),
      maxLength: 120,
      isRequired: true,
      errorMessage: "Type the referrer's name.",
    },
    { type: "Input.Text", id: "clinic", label: "Clinic", value: initial("clinic"), maxLength: 120 },
    { type: "Input.Text", id: "specialty", label: "Specialty", value: initial("specialty"), maxLength: 80 },
    { type: "Input.Text", id: "npi", label: "NPI (optional)", value: initial("npi"), maxLength: 10 },
    { type: "Input.Text", id: "phone", label: "Phone", value: initial("phone"), maxLength: 40, style: "tel" },
    { type: "Input.Text", id: "email", label: "Email", value: initial("email"), maxLength: 200, style: "email" },
    formActions(form, "Add referrer"),
  ]);
}
