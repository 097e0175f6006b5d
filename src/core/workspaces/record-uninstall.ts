// The app was removed from a workspace (Slack's app_uninstalled, or its bot token revoked): forget the
// installation and the digest conversation so nothing more is sent there, keep the practice's data, and
// audit it. Idempotent: the event again (Slack retries it, two instances may both receive it) changes nothing.
import type { Platform } from "../model.ts";
import type { Repositories } from "../ports.ts";

export type UninstallReason = "app_uninstalled" | "tokens_revoked";

export async function recordUninstall(
  repos: Pick<Repositories, "workspaces" | "audit">,
  event: { platform: Platform; externalId: string; reason: UninstallReason; at: Date },
): Promise<boolean> {
  const before = await repos.workspaces.markUninstalled(event.platform, event.externalId, event.at);
  if (!before) return false;
  await repos.audit.record(
    {
      practiceId: before.practiceId,
      memberId: null,
      name: `${event.platform} (${event.reason})`,
      channel: "system",
      role: null,
    },
    {
      action: "workspace.uninstalled",
      entity: "workspace",
      entityId: before.id,
      oldValue: before.digestConversation ?? "no digest conversation",
      newValue: event.reason,
    },
  );
  return true;
}
