// The slash commands the app registers, from the core's command catalogue. manifests/slack/manifest.yaml
// declares the same list, and a test keeps the two in step.
import { COMMAND_CATALOGUE } from "../../../../core/commands/catalogue.ts";
import { UMBRELLA_COMMAND } from "../../../../core/commands/command-names.ts";

export interface SlashCommandSpec {
  /** With the slash, at most 32 characters. */
  command: string;
  description: string;
  usageHint: string;
}

const UMBRELLA: SlashCommandSpec = {
  command: `/${UMBRELLA_COMMAND}`,
  description: "Referral Nudge: help, settings, digest, roles",
  usageHint: "help | settings | digest here | digest now | needs <specialty> | role @user physician",
};

/** Slack shows descriptions in one line: the catalogue's sentence without its final period. */
export const SLASH_COMMANDS: readonly SlashCommandSpec[] = [
  ...COMMAND_CATALOGUE.filter((c) => !c.umbrellaOnly).map((c) => ({
    command: `/${c.name}`,
    description: c.description.replace(/\.$/, "").slice(0, 100),
    usageHint: c.args,
  })),
  UMBRELLA,
];

/** "/thanked" → "thanked": the verb the core's runCommand takes. */
export function verbOf(command: string): string {
  return command.replace(/^\//, "").toLowerCase();
}
