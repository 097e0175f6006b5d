// All of the app's listeners, by kind, as in Bolt's starter template.
import type { App } from "@slack/bolt";
import { registerActions } from "./actions/index.ts";
import { registerCommands } from "./commands/index.ts";
import { registerAppHome } from "./events/app-home.ts";
import { registerAppRemoved } from "./events/app-removed.ts";
import type { SlackListenerDeps } from "./listener-deps.ts";
import { registerViews } from "./views/index.ts";

export function registerListeners(app: App, deps: SlackListenerDeps): void {
  registerCommands(app, deps);
  registerActions(app, deps);
  registerViews(app, deps);
  registerAppHome(app, deps);
  registerAppRemoved(app, deps);
}
