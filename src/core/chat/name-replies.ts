// Replies for names that match several referrers, or none: ask, don't guess.
import type { Referrer } from "../model.ts";
import type { Reply, ReplyButton } from "../reply.ts";
import { referrerLine } from "./format.ts";
import type { PendingCommand } from "./pending.ts";

export function whichReferrerReply(typed: string, candidates: Referrer[], pending: PendingCommand): Reply {
  const buttons: ReplyButton[] = candidates.slice(0, 5).map((r) => ({
    label: r.displayName.slice(0, 30),
    actionId: "referrer.pick",
    value: JSON.stringify({ c: r.id, p: pending }),
  }));
  return {
    ephemeral: true,
    tone: "warning",
    headline: candidates.length === 1 ? `Did you mean ${candidates[0]!.displayName}?` : `Which ${typed.trim()}?`,
    sections: [
      {
        text: candidates
          .slice(0, 5)
          .map((r) => `• ${referrerLine(r)}`)
          .join("\n"),
        buttons,
      },
    ],
  };
}

export function unknownReferrerReply(typed: string, suggestions: Referrer[], pending: PendingCommand): Reply {
  const name = typed.trim().slice(0, 120);
  const buttons: ReplyButton[] = suggestions.slice(0, 3).map((r) => ({
    label: r.displayName.slice(0, 30),
    actionId: "referrer.pick",
    value: JSON.stringify({ c: r.id, p: pending }),
  }));
  buttons.push({
    label: `Add ${name}`.slice(0, 30),
    actionId: "referrer.add",
    value: JSON.stringify({ name, p: pending }),
    style: "primary",
  });
  const text = suggestions.length
    ? `Did you mean ${suggestions
        .slice(0, 3)
        .map((r) => r.displayName)
        .join(", ")}? Or add ${name} as a new referrer.`
    : `No referrer called ${name} yet. Add them as a new referrer, or check the spelling.`;
  return { ephemeral: true, tone: "warning", headline: `I don't know ${name} yet`, sections: [{ text, buttons }] };
}
