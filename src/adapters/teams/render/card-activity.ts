// Wraps a card in the message activity Teams expects (one Adaptive Card attachment).
import type { OutgoingActivity } from "../teams-activity.ts";
import type { AdaptiveCard } from "./adaptive-card.ts";

export const ADAPTIVE_CARD_CONTENT_TYPE = "application/vnd.microsoft.card.adaptive";

/** `summary` is what Teams shows in notifications and the chat list instead of "Sent a card". */
export function cardActivity(card: AdaptiveCard, summary?: string): OutgoingActivity {
  return {
    type: "message",
    attachments: [{ contentType: ADAPTIVE_CARD_CONTENT_TYPE, content: card }],
    ...(summary ? { summary: summary.slice(0, 200) } : {}),
  };
}
