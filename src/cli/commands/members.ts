// `referral-nudge members list|role`: who the practice's chat members are, and giving one a role.
// Whoever runs the CLI on the server is an admin, so this is how the first manager is made.
import { z } from "zod/v4";
import type { Services } from "../../app/create-services.ts";
import { setMemberRole } from "../../core/members/set-member-role.ts";
import { MEMBER_ROLES, type Member, type Practice } from "../../core/model.ts";
import { CliError } from "../cli-services.ts";
import { cliActor } from "./referrers.ts";

const ROLE_EXAMPLE = "referral-nudge members role U0123ABC manager";

export const ZRoleArguments = z.object({
  userId: z
    .string()
    .trim()
    .min(1, "give the chat user id (Slack U…, Teams AAD object id); see: referral-nudge members list")
    .max(64, "a chat user id is at most 64 characters"),
  role: z.enum(MEMBER_ROLES, { error: `the role is one of: ${MEMBER_ROLES.join(", ")}` }),
  platform: z.enum(["slack", "teams"], { error: "give --platform slack or --platform teams" }).optional(),
});

/** The practice's Teams installers, as "teams:<user id>", to mark them in the list. */
async function installersOf(s: Services, practice: Practice): Promise<Set<string>> {
  const links = await s.repos.workspaces.listForPractice(practice.id);
  return new Set(links.flatMap((l) => (l.installedBy ? [`${l.platform}:${l.installedBy}`] : [])));
}

function memberLine(m: Member, installers: Set<string>): string {
  const installer = installers.has(`${m.platform}:${m.externalUserId}`) ? "installed the app (admin)" : null;
  return [m.displayName, `${m.platform} ${m.externalUserId}`, m.role, installer].filter(Boolean).join(" · ");
}

export async function membersListCommand(s: Services, practice: Practice): Promise<void> {
  const members = await s.repos.members.listForPractice(practice.id);
  if (members.length === 0) {
    console.log(`Nobody from ${practice.name} has talked to the bot yet.`);
    return;
  }
  const installers = await installersOf(s, practice);
  for (const m of members) console.log(memberLine(m, installers));
  const managers = members.filter((m) => m.role === "manager").length;
  console.log(
    `${members.length} member(s) in ${practice.name}, ${managers} manager(s). ` +
      `Slack workspace owners and admins are admins too. Make someone a manager: ${ROLE_EXAMPLE}`,
  );
}

export async function membersRoleCommand(
  s: Services,
  practice: Practice,
  input: { userId?: string; role?: string; platform?: string },
): Promise<void> {
  const parsed = ZRoleArguments.safeParse(input);
  if (!parsed.success) {
    throw new CliError(
      `${parsed.error.issues[0]?.message ?? "the arguments are not right"}.\nExample: ${ROLE_EXAMPLE}`,
    );
  }
  const { userId, role, platform } = parsed.data;
  const member = await findOrAddMember(s, practice, userId, platform);
  const change = await setMemberRole(s.repos, cliActor(practice), member, role);
  if (!change.changed) {
    console.log(`${member.displayName} is a ${role} already; nothing changed.`);
    return;
  }
  // A running bot remembers who is who for half a minute (chat-core.ts).
  console.log(
    `${member.displayName} (${member.platform} ${userId}) is now a ${role}, was ${change.before}. A running bot follows within a minute.`,
  );
}

/**
 * The member with this chat user id. Someone who has not talked to the bot yet is added, when it is
 * clear where they are: the practice's only workspace on that platform.
 */
async function findOrAddMember(
  s: Services,
  practice: Practice,
  userId: string,
  platform: "slack" | "teams" | undefined,
): Promise<Member> {
  const matches = (await s.repos.members.listForPractice(practice.id)).filter(
    (m) => m.externalUserId === userId && (!platform || m.platform === platform),
  );
  if (matches.length === 1) return matches[0]!;
  if (matches.length > 1)
    throw new CliError(`${userId} is known on Slack and on Teams; add --platform slack or teams.`);
  const links = (await s.repos.workspaces.listForPractice(practice.id)).filter(
    (l) => !platform || l.platform === platform,
  );
  const [only] = links;
  if (links.length !== 1 || !only) {
    throw new CliError(
      `Nobody with chat user id ${userId} has talked to the bot in ${practice.name} yet` +
        (links.length > 1
          ? ", and it has several workspaces (add --platform, or have them send the bot a message first)."
          : ". Have them send the bot a message (any command), then run this again."),
    );
  }
  return s.repos.members.upsert({
    practiceId: practice.id,
    platform: only.platform,
    externalUserId: userId,
    displayName: userId,
    workspaceExternalId: only.externalId,
    mentioned: true,
  });
}
