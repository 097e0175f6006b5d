// A message in a personal chat, a group chat or a channel (where the bot was @mentioned):
// one command in, one card out.
import { textReply } from "../../../core/reply.ts";
import { isPersonalChat, messageRequestKey, teamsChatContext } from "../chat-context.ts";
import { readTeamsCommand } from "../message-text.ts";
import { cardActivity } from "../render/card-activity.ts";
import { formToCard } from "../render/form-to-card.ts";
import { replyToCard } from "../render/reply-to-card.ts";
import type { TeamsTurn } from "../teams-activity.ts";
import { chartOptions, type TeamsHandlerDeps } from "./handler-deps.ts";
import { rememberPersonalChat } from "./remember-conversations.ts";

export async function handleMessage(turn: TeamsTurn, deps: TeamsHandlerDeps): Promise<void> {
  const activity = turn.activity;
  if (!activity.text?.trim() && activity.value !== undefined) {
    // An Action.Submit from a client without Universal Actions: we render none, so it is a stale card.
    await turn.send(cardActivity(replyToCard(textReply("That button needs a newer Teams client."))));
    return;
  }

  const { verb, rest } = readTeamsCommand(activity.text ?? "");
  const ctx = teamsChatContext(activity, deps.mode, messageRequestKey(activity));
  const { reply } = await deps.core.runCommand(ctx, verb, rest);

  // A reply that only announces a form ("Feedback from Dr. Lee") is said by the form card itself.
  const formOnly = reply.form && reply.sections.length === 0 && reply.tone !== "error";
  if (!formOnly) await turn.send(cardActivity(replyToCard(reply, chartOptions(deps)), reply.headline));
  if (reply.form) await turn.send(cardActivity(formToCard(reply.form), reply.form.title));

  if (isPersonalChat(activity)) {
    await rememberPersonalChat(deps, ctx).catch((error: unknown) => {
      deps.logger.warn({ err: error }, "could not store the personal chat for digests");
    });
  }
}
