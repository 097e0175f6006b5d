// The one list of commands: what each is called, what it takes, what it does, who may run it and
// where it is offered. Help, error hints, the Slack registrations and manifest, and the Teams
// command menu all come from here (tests hold the manifests equal to it).
import type { CommandName } from "./command-names.ts";

export type CommandAccess = "everyone" | "admin";

export interface CommandSpec {
  name: CommandName;
  /** What follows the verb, as Slack's usage hint shows it, e.g. "Dr. Lee [note]". */
  args: string;
  /** One line, under 100 characters (Slack's slash command description limit). */
  description: string;
  /** Full examples of what follows the verb; the first is the one help shows. */
  examples: readonly string[];
  /** Who may run it: admin-only commands are refused, politely and audited, for everyone else. */
  access: CommandAccess;
  /** Settings-like commands exist only as `/referrals <name>` (no slash command of their own). */
  umbrellaOnly?: boolean;
  /** Offered in Teams' compose-box menu (at most 10 entries there). */
  teamsMenu?: string;
}

export const COMMAND_CATALOGUE: readonly CommandSpec[] = [
  {
    name: "thanked",
    args: "Dr. Lee [note]",
    description: "Log a thank-you to a referrer.",
    examples: ["Dr. Lee sent a card"],
    access: "everyone",
    teamsMenu: "Log a thank-you to a referrer",
  },
  {
    name: "called",
    args: "Dr. Lee [note]",
    description: "Log a phone call with a referrer.",
    examples: ["Dr. Patel about the MRI wait times"],
    access: "everyone",
    teamsMenu: "Log a call with a referrer",
  },
  {
    name: "met",
    args: "Dr. Lee [note]",
    description: "Log a meeting with a referrer.",
    examples: ["Dr. Nguyen lunch at their clinic"],
    access: "everyone",
    teamsMenu: "Log a meeting in person",
  },
  {
    name: "visited",
    args: "Dr. Lee [note]",
    description: "Log a liaison visit to a referrer's office.",
    examples: ["Dr. Garcia dropped off referral pads"],
    access: "everyone",
    teamsMenu: "Log a liaison visit",
  },
  {
    name: "sentback",
    args: "Dr. Lee [note]",
    description: "Log that we sent a patient back to a referrer.",
    examples: ["Dr. Lee knee follow-up"],
    access: "everyone",
    teamsMenu: "Log a patient sent back to a referrer",
  },
  {
    name: "asked",
    args: "Dr. Lee [note]",
    description: "Log that you asked a referrer for feedback.",
    examples: ["Dr. Lee how referrals are going"],
    access: "everyone",
  },
  {
    name: "gift",
    args: "Dr. Lee what it was $85",
    description: "Log a gift or meal for a referrer, with its amount, against the yearly limit per physician.",
    examples: ["Dr. Lee lunch for the office $85"],
    access: "everyone",
  },
  {
    name: "feedback",
    args: "Dr. Lee [positive|neutral|negative] what they said | Dr. Lee resolved: how",
    description:
      "Record what a referrer told us: positive, neutral or negative (+ or -), then the text; leave the text out to open a form. Dr. Lee resolved: how closes their open complaint.",
    examples: ["Dr. Lee negative: reports arrive late", "Dr. Lee resolved: reports now go out the same day"],
    access: "everyone",
    teamsMenu: "Record what a referrer told you",
  },
  {
    name: "referral",
    args: "Dr. Lee [reason]",
    description: "Record one referral received from a referrer.",
    examples: ["Dr. Lee: knee pain"],
    access: "everyone",
  },
  {
    name: "referrer",
    args: "Dr. Lee | add Dr. Jane Smith, Clinic, Specialty | archive|restore Dr. Lee",
    // Archiving is for admins only; the command stays open to everyone for profiles and adding.
    description: "Show a referrer's profile; add Dr. Jane Smith, Clinic, Specialty adds one; archive Dr. Lee (admin).",
    examples: ["Dr. Lee", "add Dr. Jane Smith, Main St Clinic, Family Medicine", "archive Dr. Lee", "restore Dr. Lee"],
    access: "everyone",
    teamsMenu: "Show a referrer's profile and history",
  },
  {
    name: "brief",
    args: "Dr. Lee",
    description: "Prepare a visit or call: a referrer's last year, open issues and three talking points.",
    examples: ["Dr. Lee"],
    access: "everyone",
  },
  {
    name: "nudges",
    args: "[mine|all]",
    description: "Show open nudges: yours (mine) or everyone's (all).",
    examples: ["mine"],
    access: "everyone",
    teamsMenu: "Show what needs doing now, with buttons",
  },
  {
    name: "help",
    args: "[command]",
    description: "Show the commands, or how to use one of them.",
    examples: ["thanked"],
    access: "everyone",
    teamsMenu: "Show everything Referral Nudge can do",
  },
  {
    name: "needs",
    args: "<specialty>",
    description: "Which referrers of a specialty to send a patient back to.",
    examples: ["primary care"],
    access: "everyone",
    umbrellaOnly: true,
  },
  {
    name: "overview",
    args: "",
    description: "The practice at a glance: referrals per month, the top referrers, who is going quiet (a chart).",
    examples: [""],
    access: "everyone",
    umbrellaOnly: true,
  },
  {
    name: "digest",
    args: "here | now",
    description: "Send the daily digest to this conversation (here), or post today's digest right away (now).",
    examples: ["here", "now"],
    access: "admin",
    umbrellaOnly: true,
    teamsMenu: "Send the daily digest to this chat (here), or post it now",
  },
  {
    name: "settings",
    args: "[setting value]",
    description: "Show and change the practice's digest and nudge settings.",
    examples: ["", "time 07:30"],
    access: "admin",
    umbrellaOnly: true,
  },
  {
    name: "team",
    args: "",
    description: "Admins and managers: what each member did this month and last, and who is going quiet.",
    examples: [""],
    access: "admin",
    umbrellaOnly: true,
  },
  {
    name: "role",
    args: "@person physician|liaison|coordinator|manager",
    description: "Set someone's role: physician, liaison, coordinator or manager.",
    examples: ["@ana liaison"],
    access: "admin",
    umbrellaOnly: true,
  },
];

export function commandSpec(name: CommandName): CommandSpec {
  const spec = COMMAND_CATALOGUE.find((c) => c.name === name);
  if (!spec) throw new Error(`command ${name} is missing from the catalogue`);
  return spec;
}
