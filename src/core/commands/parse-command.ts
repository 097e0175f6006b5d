// Reads a chat command into a validated ParsedCommand, or a friendly error with what to type instead.
// Never throws: whatever a user (or a fuzzer) types comes back as one or the other.

import { editDistance } from "../referrers/edit-distance.ts";
import { cleanCommandText, decodeEntities, stripInvisible, stripLayoutTags, TEAMS_MENTION } from "./clean-text.ts";
import { failure, parseArguments, shorten } from "./command-arguments.ts";
import { COMMAND_NAMES, type CommandName, commandNameFor, UMBRELLA_COMMAND } from "./command-names.ts";
import {
  type CommandParseError,
  MAX_NAME_LENGTH,
  MAX_NOTE_LENGTH,
  MAX_TEXT_LENGTH,
  type ParsedCommand,
  ZParsedCommand,
} from "./command-schema.ts";
import { commandList, usageFor } from "./usage.ts";

export type { CommandParseError, ParsedCommand } from "./command-schema.ts";
export { isCommandParseError } from "./command-schema.ts";

const HELP_USAGE = "/help";
const LEADING_MENTIONS = /^(?:\s|&nbsp;|&#160;)*(?:<at(?:\s[^<>]*)?>[^<]*<\/at>(?:\s|&nbsp;|&#160;)*)+/i;

/**
 * `command` is the verb with or without its slash ("thanked", "/thanked", "referrals"); `text` is the rest,
 * as Slack sends it (mentions as `<@U123|ana>`, & < > escaped).
 */
export function parseCommand(command: string, text: string): ParsedCommand | CommandParseError {
  return parse(command, text, false);
}

/**
 * A whole message, as Teams delivers it: "thanked Dr. Lee sent a card", "/thanked Dr. Lee", or
 * "<at>Referral Nudge</at> called Dr. Patel". Leading mentions (the bot's) are dropped; a later `<at>`
 * mention is a person, e.g. who did it. Give `botName` to drop the bot's mention wherever it appears.
 */
export function parseMessage(message: string, opts: { botName?: string } = {}): ParsedCommand | CommandParseError {
  if (message.length > MAX_TEXT_LENGTH) return tooLong(message.length);
  let text = stripLayoutTags(message).replace(LEADING_MENTIONS, "");
  if (opts.botName) {
    const bot = opts.botName.trim().toLowerCase();
    text = text.replace(TEAMS_MENTION, (whole, inner: string) =>
      decodeEntities(inner).trim().toLowerCase() === bot ? " " : whole,
    );
  }
  const trimmed = stripInvisible(text.replace(/&nbsp;|&#160;/gi, " "))
    .replace(/\s+/g, " ")
    .trim();
  if (trimmed === "") return { error: "Type a command, for example /thanked Dr. Lee sent a card.", usage: HELP_USAGE };
  const space = trimmed.indexOf(" ");
  return space === -1 ? parse(trimmed, "", false) : parse(trimmed.slice(0, space), trimmed.slice(space + 1), false);
}

function parse(command: string, text: string, umbrella: boolean): ParsedCommand | CommandParseError {
  if (text.length > MAX_TEXT_LENGTH) return tooLong(text.length);
  const name = commandNameFor(command);
  if (name === null) return unknownCommand(command);
  if (name === UMBRELLA_COMMAND) {
    if (umbrella) {
      return {
        error: `Type /${UMBRELLA_COMMAND} once, then the command.`,
        usage: usageFor("thanked", { umbrella: true }),
      };
    }
    const [verb = "", ...rest] = text.trim().split(/\s+/);
    return verb === "" ? { type: "help", topic: null } : parse(verb, rest.join(" "), true);
  }
  const { text: cleaned, mentions } = cleanCommandText(text);
  const draft = parseArguments({ name, text: cleaned, mentions, umbrella });
  return "error" in draft ? draft : validate(name, draft, umbrella);
}

function validate(name: CommandName, draft: ParsedCommand, umbrella: boolean): ParsedCommand | CommandParseError {
  const parsed = ZParsedCommand.safeParse(draft);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  const field = issue.path[issue.path.length - 1];
  if (issue.code === "too_big" && field === "note") {
    const longest = Math.max(...("splits" in draft ? draft.splits.map((s) => s.note?.length ?? 0) : [0]));
    return failure(
      name,
      `That note is ${longest.toLocaleString("en-US")} characters; notes can be at most ${MAX_NOTE_LENGTH.toLocaleString("en-US")}. Shorten it and try again.`,
      umbrella,
    );
  }
  if (issue.code === "too_big" && (field === "clinic" || field === "specialty")) {
    return failure(name, `That ${field} is too long: it can be at most ${MAX_NAME_LENGTH} characters.`, umbrella);
  }
  if (issue.code === "too_big") {
    return failure(name, `That name is too long: names can be at most ${MAX_NAME_LENGTH} characters.`, umbrella);
  }
  return failure(name, "I couldn't read that command.", umbrella);
}

function tooLong(length: number): CommandParseError {
  return {
    error: `That message is ${length.toLocaleString("en-US")} characters; commands can be at most ${MAX_TEXT_LENGTH.toLocaleString("en-US")}. Shorten the note and try again.`,
    usage: usageFor("thanked"),
  };
}

function unknownCommand(command: string): CommandParseError {
  const typed = stripInvisible(command).replace(/\s+/g, " ").trim().replace(/^\//, "").toLowerCase();
  const shown = shorten(typed, 30);
  const guess = closestCommand(typed);
  if (guess) {
    return { error: `I don't know the command "${shown}". Did you mean /${guess}?`, usage: usageFor(guess) };
  }
  return { error: `I don't know the command "${shown}". The commands are: ${commandList()}.`, usage: HELP_USAGE };
}

/** "thnaked" → thanked; nothing when no command is within two typos. */
function closestCommand(typed: string): CommandName | null {
  if (typed.length < 3 || typed.length > 20) return null;
  let best: { name: CommandName; distance: number } | null = null;
  for (const name of COMMAND_NAMES) {
    const distance = editDistance(typed, name, 2);
    if (distance <= 2 && (best === null || distance < best.distance)) best = { name, distance };
  }
  return best?.name ?? null;
}
