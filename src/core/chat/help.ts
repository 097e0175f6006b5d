// "help": what the bot can do, in the words a user would type. The command list itself lives with
// the parser (src/core/commands/usage.ts), so help and error hints never disagree.
import { COMMAND_NAMES, type CommandName } from "../commands/command-names.ts";
import { helpLines } from "../commands/usage.ts";
import type { Reply } from "../reply.ts";

function isCommandName(topic: string): topic is CommandName {
  return (COMMAND_NAMES as readonly string[]).includes(topic);
}

export function helpReply(topic?: string): Reply {
  const name = topic?.replace(/^\//, "").toLowerCase();
  const lines = helpLines(name && isCommandName(name) ? name : null);
  const [last] = lines.splice(-1, 1);
  return {
    ephemeral: true,
    tone: "info",
    headline: "Referral Nudge keeps your referral relationships warm",
    sections: [
      { text: lines.map((l) => `• ${l}`).join("\n") },
      { context: `${last ?? ""} Patient names are never shown in chat.` },
    ],
  };
}
