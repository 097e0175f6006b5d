// The slash commands the app registers. manifests/slack/manifest.yaml declares the same list, and a
// test keeps the two in step.

export interface SlashCommandSpec {
  /** With the slash, at most 32 characters. */
  command: string;
  description: string;
  usageHint: string;
}

export const SLASH_COMMANDS = [
  { command: "/thanked", description: "Log a thank-you to a referrer", usageHint: "Dr. Lee [note]" },
  { command: "/called", description: "Log a call with a referrer", usageHint: "Dr. Lee [note]" },
  { command: "/met", description: "Log a meeting or visit with a referrer", usageHint: "Dr. Lee [note]" },
  {
    command: "/feedback",
    description: "Record what a referrer said (no text opens a form)",
    usageHint: "Dr. Lee [positive|neutral|negative] what they said",
  },
  { command: "/referral", description: "Record a referral you received", usageHint: "Dr. Lee [reason]" },
  { command: "/referrer", description: "Show a referrer's profile and history", usageHint: "Dr. Lee" },
  { command: "/nudges", description: "Show the open nudges", usageHint: "[mine|all]" },
  {
    command: "/referrals",
    description: "Referral Nudge: help, settings, digest, roles",
    usageHint: "help | settings | digest here | role @user physician",
  },
] as const satisfies readonly SlashCommandSpec[];

/** "/thanked" → "thanked": the verb the core's runCommand takes. */
export function verbOf(command: string): string {
  return command.replace(/^\//, "").toLowerCase();
}
