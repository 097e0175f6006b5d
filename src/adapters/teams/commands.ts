// The commands Teams suggests in the compose box (manifest `bots[].commandLists`) and the welcome
// card teaches. One list, so the two cannot drift; a test compares it with manifest.json.
// Teams puts the chosen title in the compose box and sends it as an ordinary message.

export interface TeamsCommand {
  /** What Teams inserts, e.g. "thanked" (up to 32 characters). */
  title: string;
  /** Shown next to the title in Teams' menu (up to 128 characters). */
  description: string;
  /** A full example for the welcome card. */
  example: string;
}

/** At most 10: manifest 1.22 allows no more per command list. Verbs are the core's (see core/chat/help.ts). */
export const TEAMS_COMMANDS: readonly TeamsCommand[] = [
  { title: "thanked", description: "Log a thank-you to a referrer", example: "thanked Dr. Lee sent a card" },
  { title: "called", description: "Log a call with a referrer", example: "called Dr. Patel about the knee patient" },
  { title: "met", description: "Log a meeting in person", example: "met Dr. Patel lunch at her office" },
  { title: "visited", description: "Log a liaison visit", example: "visited Dr. Patel dropped off brochures" },
  {
    title: "feedback",
    description: "Record what a referrer told you",
    example: "feedback Dr. Lee negative: scheduling is slow",
  },
  {
    title: "referral",
    description: "Record a referral that came by phone or fax",
    example: "referral Dr. Lee knee pain",
  },
  { title: "referrer", description: "Show a referrer's profile and history", example: "referrer Dr. Lee" },
  { title: "nudges", description: "Show what needs doing now, with buttons", example: "nudges" },
  { title: "digest here", description: "Send the daily digest to this chat or channel", example: "digest here" },
  { title: "help", description: "Show everything Referral Nudge can do", example: "help" },
];
