import type { App, BlockAction } from "@slack/bolt";
import { ACTION_IDS } from "../../../../core/reply.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { handleButtonClick } from "./button-click.ts";

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");

/** `nudge.done`, or `nudge.done#3` as rendered (Slack wants action_ids unique within a message). */
export const CORE_ACTION_PATTERN = new RegExp(`^(?:${ACTION_IDS.map(escapeRegExp).join("|")})(?:#\\d+)?$`);

export function registerActions(app: App, deps: SlackListenerDeps): void {
  app.action<BlockAction>({ type: "block_actions", action_id: CORE_ACTION_PATTERN }, (args) =>
    handleButtonClick(deps, args),
  );
  // A button from an older version of the bot: acknowledge it so Slack does not show the user an error.
  app.action<BlockAction>({ type: "block_actions" }, async ({ action, ack }) => {
    if (!CORE_ACTION_PATTERN.test(action.action_id)) await ack();
  });
}
