// Who may change the practice: its admins. Everyone else may log touches and read, not rewire.
import type { Actor } from "../model.ts";

/**
 * Practice admins: anyone given the manager role, whoever the platform itself names an admin
 * (Slack workspace owners and admins, the Teams installer, local Playground mode), and whoever
 * runs the CLI on the server.
 */
export function isAdmin(actor: Actor): boolean {
  return actor.role === "manager" || actor.platformAdmin === true || actor.channel === "cli";
}
