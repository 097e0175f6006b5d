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
export type AdminAction = "settings" | "role" | "digest_here" | "digest_now" | "log_for_other" | "archive" | "team";

const WHAT: Record<AdminAction, string> = {
  settings: "change the practice's settings",
  role: "change roles",
  digest_here: "choose where the digest goes",
  digest_now: "post the digest now",
  log_for_other: "log a touch in someone else's name",
  archive: "archive or restore referrers",
  team: "see the team's figures",
};

/** Asking to read something changes nothing anyway: the refusal need not say so. */
const READ_ONLY: ReadonlySet<AdminAction> = new Set(["team"]);

/** At most this many people are named in a refusal. */
const NAMED = 3;

/**
 * null when the actor may; otherwise the refusal, naming who can, after auditing the attempt.
 * Nothing else changes.
 */
export async function refuseUnlessAdmin(
  repos: Pick<Repositories, "members" | "audit" | "workspaces">,
  actor: Actor,
  action: AdminAction,
): Promise<Reply | null> {
  if (isAdmin(actor)) return null;
  await repos.audit.record(actor, { action: `denied.${action}`, entity: "practice", entityId: actor.practiceId });
  return {
    ephemeral: true,
    tone: "warning",
    headline: `Sorry, only practice admins can ${WHAT[action]}${READ_ONLY.has(action) ? "." : "; nothing was changed."}`,
    sections: [{ context: `Ask ${joinOr(await whoCan(repos, actor))}.` }],
  };
}

/** The practice's managers and Teams installers by name, then the platform's own admins. */
async function whoCan(repos: Pick<Repositories, "members" | "workspaces">, actor: Actor): Promise<string[]> {
  const [members, links] = await Promise.all([
    repos.members.listForPractice(actor.practiceId),
    repos.workspaces.listForPractice(actor.practiceId),
  ]);
  const installedBy = new Set(links.flatMap((l) => (l.installedBy ? [`${l.platform}:${l.installedBy}`] : [])));
  const managers = members.filter((m) => m.role === "manager");
  const installers = members.filter(
    (m) => m.role !== "manager" && installedBy.has(`${m.platform}:${m.externalUserId}`),
  );
  const named = [
    ...managers.map((m) => `${m.displayName} (manager)`),
    ...installers.map((m) => `${m.displayName} (installed the app)`),
  ].slice(0, NAMED);
  if (actor.channel === "slack") return [...named, "a Slack workspace owner or admin"];
  if (actor.channel === "teams" && installers.length === 0) return [...named, "whoever installed the app in Teams"];
  return named.length ? named : ["a practice manager"];
}

/** "a", "a or b", "a, b or c". */
function joinOr(items: string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} or ${items.at(-1)}`;
}
