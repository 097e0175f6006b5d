// The verbs the bot understands, their synonyms, and which kind of touch each touch verb logs.
import type { TouchKind } from "../model.ts";

export const TOUCH_COMMANDS = ["thanked", "called", "met", "visited", "sentback", "asked"] as const;
export type TouchCommandName = (typeof TOUCH_COMMANDS)[number];

export const COMMAND_NAMES = [
  ...TOUCH_COMMANDS,
  "gift",
  "feedback",
  "referral",
  "referrer",
  "brief",
  "nudges",
  "help",
  "needs",
  "overview",
  "digest",
  "settings",
  "role",
  "team",
] as const;
export type CommandName = (typeof COMMAND_NAMES)[number];

/** `/referrals thanked Dr. Lee` works like `/thanked Dr. Lee`, for workspaces that install one slash command. */
export const UMBRELLA_COMMAND = "referrals";

export const TOUCH_KIND_BY_COMMAND: Record<TouchCommandName, TouchKind> = {
  thanked: "thank_you",
  called: "call",
  met: "meeting",
  visited: "liaison_visit",
  sentback: "returned_referral",
  asked: "feedback_request",
};

// Only forms nobody types by accident: "thanks" alone is a user being polite, not a command.
const SYNONYMS: Record<string, CommandName> = {
  returned: "sentback",
  "sent-back": "sentback",
  sent_back: "sentback",
  thank: "thanked",
  call: "called",
  meet: "met",
  visit: "visited",
  ask: "asked",
  nudge: "nudges",
  "?": "help",
};

/** The command a typed verb names ("/Thanked", "returned"), the umbrella, or null when it is not a command. */
export function commandNameFor(verb: string): CommandName | typeof UMBRELLA_COMMAND | null {
  const key = verb.trim().replace(/^\//, "").toLowerCase();
  if (key === UMBRELLA_COMMAND) return UMBRELLA_COMMAND;
  if ((COMMAND_NAMES as readonly string[]).includes(key)) return key as CommandName;
  return Object.hasOwn(SYNONYMS, key) ? SYNONYMS[key]! : null;
}

export function isTouchCommand(name: CommandName): name is TouchCommandName {
  return (TOUCH_COMMANDS as readonly string[]).includes(name);
}
