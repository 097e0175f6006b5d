// Giving a member a role: one use case for chat ("/referrals role @ana manager") and the CLI
// ("referral-nudge members role U0ANA manager"), so both audit the change the same way.
// Whether the actor may is decided before this is called (refuseUnlessAdmin; the CLI always may).
import type { Actor, Member, MemberRole } from "../model.ts";
import type { Repositories } from "../ports.ts";

export interface RoleChange {
  member: Member;
  before: MemberRole;
  /** False when the member had that role already: nothing was written or audited. */
  changed: boolean;
}

export async function setMemberRole(
  repos: Pick<Repositories, "members" | "audit">,
  actor: Actor,
  member: Member,
  role: MemberRole,
): Promise<RoleChange> {
  const before = member.role;
  if (before === role) return { member, before, changed: false };
  const updated = await repos.members.setRole(member.id, role);
  await repos.audit.record(actor, {
    action: "member.role",
    entity: "member",
    entityId: member.id,
    oldValue: before,
    newValue: role,
  });
  return { member: updated, before, changed: true };
}
