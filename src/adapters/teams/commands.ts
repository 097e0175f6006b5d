// The commands Teams suggests in the compose box (manifest `bots[].commandLists`) and the welcome
// card teaches: the catalogue's commands marked for the Teams menu. A test compares it with
// manifest.json. Teams puts the chosen title in the compose box and sends it as an ordinary message.
import { COMMAND_CATALOGUE } from "../../core/commands/catalogue.ts";

export interface TeamsCommand {
  /** What Teams inserts, e.g. "thanked" (up to 32 characters). */
  title: string;
  /** Shown next to the title in Teams' menu (up to 128 characters). */
  description: string;
  /** A full example for the welcome card. */
  example: string;
}

/** At most 10: manifest 1.22 allows no more per command list. */
export const TEAMS_COMMANDS: readonly TeamsCommand[] = COMMAND_CATALOGUE.filter((c) => c.teamsMenu).map((c) => {
  const example = c.examples[0] ?? "";
  return {
    title: c.name,
    description: c.teamsMenu ?? c.description,
    example: example ? `${c.name} ${example}` : c.name,
  };
});
