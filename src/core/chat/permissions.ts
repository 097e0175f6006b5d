// Who may change the practice: its admins. Everyone else may log touches and read, not rewire.
import type { Actor } from "../model.ts";
import type { Repositories } from "../ports.ts";
import type { Reply } from "../reply.ts";

/**
 * Practice admins: anyone given the manager role, whoever the platform itself names an admin
 * (Slack workspace owners and admins, the Teams installer, local Playground mode), and whoever
 * runs the CLI on the server.
 */
export function isAdmin(actor: Actor): boolean {
  return actor.role === "manager" || actor.platformAdmin === true || actor.channel === "cli";
}

/** What a refused attempt was, for the audit trail and the polite answer. */
export type AdminAction = "settings" | "role" | "digest_here" | "digest_now" | "log_for_other";

const WHAT: Record<AdminAction, string> = {
  settings: "change the practice's settings",
  role: "change roles",
  digest_here: "choose where the digest goes",
  digest_now: "post the digest now",
  log_for_other: "log a touch in someone else's name",
};

/**
 * null when the actor may; otherwise the refusal, naming who can, after auditing the attempt.
 * Nothing else changes.
 */
export async function refuseUnlessAdmin(
  repos: Pick<Repositories, "members" | "audit">,
  actor: Actor,
  action: AdminAction,
): Promise<Reply | null> {
  if (isAdmin(actor)) return null;
  await repos.audit.record(actor, { action: `denied.${action}`, entity: "practice", entityId: actor.practiceId });
  const managers = (await repos.members.listForPractice(actor.practiceId))
    .filter((m) => m.role === "manager")
    .map((m) => m.displayName)
    .slice(0, 3);
  const who = managers.length ? `${managers.join(", ")} (manager) or a workspace admin` : "a workspace admin";
  return {
    ephemeral: true,
    tone: "warning",
    headline: `Only practice admins can ${WHAT[action]}; nothing was changed.`,
    sections: [{ context: `Ask ${who}.` }],
  };
}
