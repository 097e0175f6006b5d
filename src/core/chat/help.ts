// "help": what the bot can do, in the words a user would type.
import type { Reply } from "../reply.ts";

export const COMMAND_HELP: ReadonlyArray<{ verb: string; usage: string; what: string }> = [
  { verb: "thanked", usage: "/thanked Dr. Lee sent a card", what: "Log a thank-you to a referrer." },
  { verb: "called", usage: "/called Dr. Patel about the knee patient", what: "Log a call (closes the loop)." },
  { verb: "met", usage: "/met Dr. Patel lunch at her office", what: "Log a meeting in person." },
  { verb: "visited", usage: "/visited Dr. Patel dropped off brochures", what: "Log a liaison visit." },
  {
    verb: "sentback",
    usage: "/sentback Dr. Nguyen new patient needing primary care",
    what: "Log a patient we sent back to them.",
  },
  { verb: "asked", usage: "/asked Dr. Lee for feedback", what: "Log that you asked for feedback." },
  {
    verb: "feedback",
    usage: "/feedback Dr. Lee negative: scheduling takes too long",
    what: "Log what a referrer said (no text opens a form).",
  },
  { verb: "referral", usage: "/referral Dr. Lee knee pain", what: "Record a referral that came in by phone or fax." },
  {
    verb: "referrer",
    usage: "/referrer Dr. Lee",
    what: "Show a referrer's profile: counts, last touch, open feedback.",
  },
  { verb: "nudges", usage: "/nudges  or  /nudges all", what: "Your top nudges now, with buttons." },
  { verb: "digest", usage: "/referrals digest here", what: "Post the daily digest in this channel." },
  { verb: "settings", usage: "/referrals settings time 07:30", what: "Digest time, days, time zone and thresholds." },
  {
    verb: "role",
    usage: "/referrals role @ana physician",
    what: "Set someone's role: physician, liaison, coordinator or manager.",
  },
];

export function helpReply(topic?: string): Reply {
  const one = topic ? COMMAND_HELP.find((c) => c.verb === topic.replace(/^\//, "").toLowerCase()) : undefined;
  if (one) {
    return { ephemeral: true, tone: "info", headline: one.what, sections: [{ text: `\`${one.usage}\`` }] };
  }
  return {
    ephemeral: true,
    tone: "info",
    headline: "Referral Nudge keeps your referral relationships warm",
    sections: [
      { text: COMMAND_HELP.map((c) => `• \`${c.usage}\` — ${c.what}`).join("\n") },
      {
        context:
          "Every command also works as /referrals <command> (e.g. /referrals thanked Dr. Lee), and in Teams without the slash. Patient names are never shown in chat.",
      },
    ],
  };
}
