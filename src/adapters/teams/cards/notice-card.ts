// Small one-line cards the adapter itself says: a closed form, a failure on our side.
import { type AdaptiveCard, adaptiveCard } from "../render/adaptive-card.ts";

export function formClosedCard(): AdaptiveCard {
  return adaptiveCard([{ type: "TextBlock", text: "Form closed. Nothing was saved.", isSubtle: true, wrap: true }]);
}

export function failureCard(): AdaptiveCard {
  return adaptiveCard([
    {
      type: "Container",
      style: "attention",
      bleed: true,
      items: [{ type: "TextBlock", text: "Something went wrong on our side.", weight: "bolder", wrap: true }],
    },
    { type: "TextBlock", text: "Nothing was saved. Please try again in a minute.", wrap: true },
  ]);
}
