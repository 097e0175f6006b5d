// Bolt's installationStore for multi-workspace (OAuth) installs, kept in the workspace table through
// the core's WorkspaceRepository. Org-wide installs are keyed by enterprise id, others by team id,
// which is also the workspaceId the listeners hand to the core.
import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Repositories } from "../../core/ports.ts";

export class SlackInstallationMissingError extends Error {
  readonly code = "SLACK_NOT_INSTALLED";
}

export function installationKey(installation: Installation): string {
  const key = installation.isEnterpriseInstall ? installation.enterprise?.id : installation.team?.id;
  if (!key) throw new SlackInstallationMissingError("The installation has neither a team id nor an enterprise id");
  return key;
}

export function queryKey(query: InstallationQuery<boolean>): string {
  const key = query.isEnterpriseInstall ? query.enterpriseId : (query.teamId ?? query.enterpriseId);
  if (!key) throw new SlackInstallationMissingError("The request has neither a team id nor an enterprise id");
  return key;
}

export function createInstallationStore(repos: Pick<Repositories, "workspaces">): InstallationStore {
  return {
    async storeInstallation(installation) {
      const name = installation.isEnterpriseInstall ? installation.enterprise?.name : installation.team?.name;
      // saveInstallation links a new workspace to its practice (getOrLink), so the install creates it.
      await repos.workspaces.saveInstallation(
        "slack",
        installationKey(installation),
        JSON.stringify(installation),
        name,
      );
    },
    async fetchInstallation(query) {
      const key = queryKey(query);
      const stored = await repos.workspaces.findInstallation("slack", key);
      if (!stored) throw new SlackInstallationMissingError(`Referral Nudge is not installed in Slack workspace ${key}`);
      return JSON.parse(stored) as Installation;
    },
    async deleteInstallation(query) {
      await repos.workspaces.deleteInstallation("slack", queryKey(query));
    },
  };
}

/** The bot token of a stored installation, for sending outside a request (the digest). */
export async function botTokenFor(repos: Pick<Repositories, "workspaces">, externalId: string): Promise<string | null> {
  const stored = await repos.workspaces.findInstallation("slack", externalId);
  if (!stored) return null;
  const installation = JSON.parse(stored) as Installation;
  return installation.bot?.token ?? null;
}
