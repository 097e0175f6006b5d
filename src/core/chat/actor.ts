// Who is acting: the practice comes from the signed workspace id, never from anything a user typed.

import type { ChatContext } from "../chat-api.ts";
import type { Actor } from "../model.ts";
import type { Repositories } from "../ports.ts";

export async function resolveActor(repos: Repositories, ctx: ChatContext): Promise<Actor> {
  const link = await repos.workspaces.getOrLink(ctx.platform, ctx.workspaceId, {
    ...(ctx.workspaceName ? { name: ctx.workspaceName } : {}),
    ...(ctx.operatorWorkspace ? { joinDefault: true } : {}),
  });
  const member = await repos.members.upsert({
    practiceId: link.practiceId,
    platform: ctx.platform,
    externalUserId: ctx.userId,
    displayName: ctx.userName || ctx.userId,
    workspaceExternalId: ctx.workspaceId,
  });
  return {
    practiceId: link.practiceId,
    memberId: member.id,
    name: member.displayName,
    channel: ctx.platform,
    role: member.role,
    // Whoever installed the app in this workspace (recorded by the Teams adapter) administers it.
    platformAdmin: ctx.platformAdmin === true || (link.installedBy != null && link.installedBy === ctx.userId),
  };
}
