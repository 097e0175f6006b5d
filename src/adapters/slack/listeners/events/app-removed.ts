// Slack says the app is gone from a workspace: `app_uninstalled`, or `tokens_revoked` naming the bot's
// token. Bolt lets these through without an installation (there is none any more); the core forgets the
// installation and the digest targets, keeps the practice's data and audits it, once however often Slack
// sends the event.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { recordUninstall, type UninstallReason } from "../../../../core/workspaces/record-uninstall.ts";
import { workspaceIdOf } from "../../slack-context.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";

type RemovedArgs = (SlackEventMiddlewareArgs<"app_uninstalled"> | SlackEventMiddlewareArgs<"tokens_revoked">) &
  AllMiddlewareArgs;

export async function handleAppRemoved(deps: SlackListenerDeps, reason: UninstallReason, args: RemovedArgs) {
  const { context, event } = args;
  // Revoked user tokens (someone signed out) leave the bot installed; only the bot's token matters.
  if (event.type === "tokens_revoked" && (event.tokens.bot ?? []).length === 0) return;
  try {
    const externalId = workspaceIdOf(context);
    const recorded = await recordUninstall(deps.repos, { platform: "slack", externalId, reason, at: new Date() });
    if (recorded)
      deps.logger.info(
        { workspace: externalId, reason },
        "Slack app removed from a workspace; its digest targets are gone",
      );
  } catch (error) {
    deps.logger.error({ err: error, reason }, "could not record that the app was removed");
  }
}

export function registerAppRemoved(app: App, deps: SlackListenerDeps): void {
  app.event("app_uninstalled", (args) => handleAppRemoved(deps, "app_uninstalled", args));
  app.event("tokens_revoked", (args) => handleAppRemoved(deps, "tokens_revoked", args));
}
