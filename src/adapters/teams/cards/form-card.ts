// Picks the card for a form the core asks to open.
import type { ReplyForm } from "../../../core/reply.ts";
import type { AdaptiveCard } from "../render/adaptive-card.ts";
import { addReferrerFormCard } from "./add-referrer-form-card.ts";
import { feedbackFormCard } from "./feedback-form-card.ts";
import { resolveComplaintFormCard } from "./resolve-complaint-form-card.ts";
import { settingsFormCard } from "./settings-form-card.ts";

export function formCard(form: ReplyForm): AdaptiveCard {
  switch (form.kind) {
    case "add_referrer":
      return addReferrerFormCard(form);
    case "feedback":
      return feedbackFormCard(form);
    case "settings":
      return settingsFormCard(form);
    case "resolve_complaint":
      return resolveComplaintFormCard(form);
  }
}
