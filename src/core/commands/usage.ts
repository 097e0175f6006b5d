// One usage line and one sentence per command: the help reply and every error's "type this instead".
import { COMMAND_NAMES, type CommandName, UMBRELLA_COMMAND } from "./command-names.ts";

interface CommandHelp {
  /** What follows the verb, e.g. "Dr. Lee sent a card". */
  example: string;
  description: string;
  /** Settings-like commands exist only as `/referrals <command>`. */
  umbrellaOnly?: boolean;
}

const HELP: Record<CommandName, CommandHelp> = {
  thanked: { example: "Dr. Lee sent a card", description: "Log a thank-you to a referrer." },
  called: { example: "Dr. Patel about the MRI wait times", description: "Log a phone call with a referrer." },
  met: { example: "Dr. Nguyen lunch at their clinic", description: "Log a meeting with a referrer." },
  visited: {
    example: "Dr. Garcia dropped off referral pads",
    description: "Log a liaison visit to a referrer's office.",
  },
  sentback: {
    example: "Dr. Lee knee follow-up",
    description: "Log that we sent a patient back to a referrer (also /returned).",
  },
  asked: { example: "Dr. Lee how referrals are going", description: "Log that you asked a referrer for feedback." },
  feedback: {
    example: "Dr. Lee negative: reports arrive late",
    description:
      "Record what a referrer told us: positive, neutral or negative (+ or -), then the text; leave the text out to open a form.",
  },
  referral: { example: "Dr. Lee: knee pain", description: "Record one referral received from a referrer." },
  referrer: {
    example: "Dr. Lee",
    description: "Show a referrer's profile; /referrer add Dr. Jane Smith, Clinic, Specialty adds a new one.",
  },
  nudges: { example: "mine", description: "Show open nudges: yours (mine) or everyone's (all)." },
  help: { example: "thanked", description: "Show the commands, or how to use one of them." },
  digest: {
    example: "here",
    description: "Send the daily digest to this conversation (here), or post it right away (now).",
    umbrellaOnly: true,
  },
  settings: { example: "", description: "Show and change the practice's nudge settings.", umbrellaOnly: true },
  role: {
    example: "@ana liaison",
    description: "Set someone's role: physician, liaison, coordinator or manager.",
    umbrellaOnly: true,
  },
};

/** "/thanked Dr. Lee sent a card", or "/referrals thanked Dr. Lee sent a card" when typed after the umbrella. */
export function usageFor(name: CommandName, opts: { umbrella?: boolean } = {}): string {
  const help = HELP[name];
  const verb = opts.umbrella || help.umbrellaOnly ? `/${UMBRELLA_COMMAND} ${name}` : `/${name}`;
  return help.example === "" ? verb : `${verb} ${help.example}`;
}

export function describeCommand(name: CommandName): string {
  return HELP[name].description;
}

/** "/thanked, /called, …, /referrals digest, …": the list an unknown command is answered with. */
export function commandList(): string {
  return COMMAND_NAMES.map((name) => (HELP[name].umbrellaOnly ? `/${UMBRELLA_COMMAND} ${name}` : `/${name}`)).join(
    ", ",
  );
}

/** The help reply's lines: every command (or the one asked about) with its usage, and the umbrella form. */
export function helpLines(topic: CommandName | null = null): string[] {
  const names = topic === null ? COMMAND_NAMES : [topic];
  const lines = names.map((name) => `${usageFor(name)}: ${describeCommand(name)}`);
  const example = topic !== null && !HELP[topic].umbrellaOnly ? topic : "thanked";
  lines.push(
    `Every command also works after /${UMBRELLA_COMMAND}, e.g. ${usageFor(example, { umbrella: true })}. In Teams, type it without the slash.`,
  );
  return lines;
}
