// The bot was added to a personal chat, a group chat or a team. A new tenant gets a practice
// (getOrLink), its first installer is recorded (an admin from then on), and the chat gets a short welcome card. Teams sends both `installationUpdate` and a
// `conversationUpdate` naming the bot in membersAdded; only the latter greets, so there is one welcome.
import { welcomeCard } from "../cards/welcome-card.ts";
import { isPersonalChat, teamsChatContext } from "../chat-context.ts";
import { cardActivity } from "../render/card-activity.ts";
import type { TeamsTurn } from "../teams-activity.ts";
import type { TeamsHandlerDeps } from "./handler-deps.ts";
import { rememberPersonalChat } from "./remember-conversations.ts";

/**
 * Group chats and channels have no stored marker of a past welcome, and the Agents Playground
 * re-sends the install events on every page load; this keeps a reload from greeting again.
 */
const GREETING_QUIET_MS = 10 * 60_000;

export interface InstallHandler {
  onInstallationUpdate(turn: TeamsTurn): Promise<void>;
  onMembersAdded(turn: TeamsTurn): Promise<void>;
}

export function createInstallHandler(deps: TeamsHandlerDeps, now: () => number = Date.now): InstallHandler {
  const greetedAt = new Map<string, number>();

  function recentlyGreeted(conversationId: string): boolean {
    const t = now();
    for (const [id, at] of greetedAt) if (t - at > GREETING_QUIET_MS) greetedAt.delete(id);
    if (greetedAt.has(conversationId)) return true;
    greetedAt.set(conversationId, t);
    return false;
  }

  /** Links the tenant and records who installed the app there, if nobody is recorded yet: an admin. */
  async function linkTenant(turn: TeamsTurn) {
    const ctx = teamsChatContext(turn.activity, deps.mode, `teams:install:${turn.activity.id ?? ""}`);
    const link = await deps.repos.workspaces.getOrLink(
      "teams",
      ctx.workspaceId,
      ctx.workspaceName ? { name: ctx.workspaceName } : {},
    );
    if (await deps.repos.workspaces.recordInstaller("teams", ctx.workspaceId, ctx.userId)) {
      const installer = {
        practiceId: link.practiceId,
        memberId: null,
        name: ctx.userName,
        channel: "teams" as const,
        role: null,
      };
      await deps.repos.audit.record(installer, {
        action: "workspace.installer",
        entity: "workspace",
        entityId: link.id,
        newValue: ctx.userId,
      });
    }
    return ctx;
  }

  return {
    async onInstallationUpdate(turn) {
      const action = String(turn.activity.action ?? "");
      if (action === "add" || action === "add-upgrade") await linkTenant(turn);
    },

    async onMembersAdded(turn) {
      const botId = turn.activity.recipient?.id;
      const botAdded = (turn.activity.membersAdded ?? []).some((m) => m.id === botId);
      if (!botAdded) return;
      const ctx = await linkTenant(turn);
      const personal = isPersonalChat(turn.activity);
      // In a personal chat the stored chat reference says whether we met before, across restarts.
      const firstContact = personal
        ? await rememberPersonalChat(deps, ctx)
        : !recentlyGreeted(turn.activity.conversation.id);
      if (!firstContact) return;
      await turn.send(cardActivity(welcomeCard({ inChannel: !personal }), "Hi, I'm Referral Nudge"));
    },
  };
}
