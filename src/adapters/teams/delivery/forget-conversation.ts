// The bot was removed from a team or chat (or uninstalled there), or Teams refuses our posts to it
// (403, 404): its stored conversation reference is useless, so it is dropped, with an audit entry.
// The practice's digest chat then disappears from settings and the digest targets, and a person's
// personal chat is learnt again when they next talk to the bot.
import type { Actor } from "../../../core/model.ts";
import type { WorkspaceLink } from "../../../core/ports.ts";
import { LOCAL_TENANT_ID } from "../chat-context.ts";
import type { TeamsHandlerDeps } from "../handlers/handler-deps.ts";

export interface ConversationAddress {
  conversation: { id: string; tenantId?: string | null };
  channelData?: { tenant?: { id?: string | null } | null } | null;
}

/** A channel's conversation id without the thread suffix ("19:…@thread.tacv2;messageid=…"). */
function baseConversationId(id: string): string {
  return id.replace(/;messageid=\d+$/, "");
}

function storedConversationId(json: string | null): string | null {
  if (!json) return null;
  try {
    const id = (JSON.parse(json) as { conversation?: { id?: unknown } }).conversation?.id;
    return typeof id === "string" ? baseConversationId(id) : null;
  } catch {
    return null;
  }
}

function teamsActor(link: WorkspaceLink): Actor {
  return { practiceId: link.practiceId, memberId: null, name: "Teams", channel: "teams", role: null };
}

/** Drops every stored reference to this conversation in its tenant; `memberId` names a personal chat's owner. */
export async function forgetConversation(
  deps: Pick<TeamsHandlerDeps, "repos" | "logger" | "mode">,
  address: ConversationAddress,
  reason: string,
  memberId?: string,
): Promise<void> {
  const conversationId = baseConversationId(address.conversation.id);
  const tenantId =
    address.conversation.tenantId ||
    address.channelData?.tenant?.id ||
    (deps.mode === "local" ? LOCAL_TENANT_ID : null);
  const link = tenantId ? await deps.repos.workspaces.find("teams", tenantId) : null;
  if (!link) return;
  const { repos } = deps;

  if (storedConversationId(link.digestConversation) === conversationId) {
    await repos.workspaces.setDigestConversation(link.id, null);
    await repos.audit.record(teamsActor(link), {
      action: "workspace.digest_conversation",
      entity: "workspace",
      entityId: link.id,
      oldValue: conversationId,
      newValue: null,
    });
    deps.logger.info({ workspaceId: link.id, reason }, "forgot the Teams digest chat");
  }

  const stored = await repos.members.dmConversations(link.practiceId, "teams");
  for (const [id, reference] of stored) {
    if (memberId && id !== memberId) continue;
    if (storedConversationId(reference) !== conversationId) continue;
    await repos.members.setDmConversation(id, null);
    await repos.audit.record(teamsActor(link), {
      action: "member.dm_conversation",
      entity: "member",
      entityId: id,
      oldValue: conversationId,
      newValue: null,
    });
    deps.logger.info({ memberId: id, reason }, "forgot a Teams personal chat");
  }
}
