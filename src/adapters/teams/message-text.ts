// What a Teams user typed, as the core's runCommand(command, text) wants it. Teams' command menu
// inserts the bare title ("thanked") and people used to Slack type "/thanked", so both arrive as
// ordinary messages; in channels the message starts with the bot's `<at>…</at>` mention.
//
// Only the bot's leading mention, layout tags and non-breaking spaces go here. The rest is passed
// as Teams sent it: the core's parser (src/core/commands) decodes entities and reads a later
// `<at>Ana</at>` as the person who did it ("called Dr. Patel <at>Ana</at>"). We do not call its
// parseMessage: that returns a parsed command, and runCommand takes the verb and the text.
import { decodeEntities, stripLayoutTags } from "../../core/commands/clean-text.ts";

/** The same leading-mention rule as the core's parseMessage: mentions before the verb are the bot's. */
const LEADING_MENTIONS = /^(?:\s|&nbsp;|&#160;)*(?:<at(?:\s[^>]*)?>.*?<\/at>(?:\s|&nbsp;|&#160;)*)+/i;

export interface TeamsCommandText {
  /** The verb without a leading slash, lower-cased ("thanked"); "help" for an empty message. */
  verb: string;
  /** Everything after the verb, as Teams sent it (entities, person mentions), trimmed. */
  rest: string;
}

export function readTeamsCommand(raw: string): TeamsCommandText {
  const text = stripLayoutTags(raw)
    .replace(LEADING_MENTIONS, "")
    .replace(/&nbsp;|&#160;/gi, " ")
    .replace(/\s+/g, " ")
    .trim()
    .replace(/^\/+/, "");
  if (text === "") return { verb: "help", rest: "" };
  const space = text.indexOf(" ");
  const verb = decodeEntities(space === -1 ? text : text.slice(0, space)).toLowerCase();
  return { verb, rest: space === -1 ? "" : text.slice(space + 1).trim() };
}
