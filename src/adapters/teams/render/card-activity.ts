// Wraps a card in the message activity Teams expects (one Adaptive Card attachment).
import { type Activity, CardFactory, MessageFactory } from "botbuilder";
import type { AdaptiveCard } from "./adaptive-card.ts";

/** `summary` is what Teams shows in notifications and the chat list instead of "Sent a card". */
export function cardActivity(card: AdaptiveCard, summary?: string): Partial<Activity> {
  const activity = MessageFactory.attachment(CardFactory.adaptiveCard(card));
  if (summary) activity.summary = summary.slice(0, 200);
  return activity;
}
