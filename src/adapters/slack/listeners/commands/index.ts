import type { App } from "@slack/bolt";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { handleSlashCommand } from "./slash-command.ts";
import { SLASH_COMMANDS } from "./slash-commands.ts";

export function registerCommands(app: App, deps: SlackListenerDeps): string[] {
  for (const spec of SLASH_COMMANDS) app.command(spec.command, (args) => handleSlashCommand(deps, args));
  return SLASH_COMMANDS.map((spec) => spec.command);
}
