// The card the bot posts when it is added to a personal chat, a group chat or a team.
import { TEAMS_COMMANDS } from "../commands.ts";
import { type AdaptiveCard, adaptiveCard } from "../render/adaptive-card.ts";

export function welcomeCard(opts: { inChannel: boolean }): AdaptiveCard {
  const mention = opts.inChannel ? "In a channel, @mention me first. " : "";
  return adaptiveCard([
    {
      type: "Container",
      style: "emphasis",
      bleed: true,
      items: [{ type: "TextBlock", text: "Hi, I'm Referral Nudge", weight: "bolder", size: "medium", wrap: true }],
    },
    {
      type: "TextBlock",
      wrap: true,
      text: "I help the practice keep its referrers close: log thank-yous, calls, visits and feedback in one line, and get a short daily list of who to thank or call.",
    },
    {
      type: "FactSet",
      facts: TEAMS_COMMANDS.map((c) => ({ title: c.title, value: c.example })),
    },
    {
      type: "TextBlock",
      isSubtle: true,
      size: "small",
      wrap: true,
      text: `${mention}Type **digest here** in the chat or channel that should get the morning digest.`,
    },
  ]);
}
