// The Home tab: my open nudges, referrers going quiet, this month's referrals and touches, drawn from
// the core's "home" reply each time the user opens the tab.
import type { AllMiddlewareArgs, App, SlackEventMiddlewareArgs } from "@slack/bolt";
import { chatContext, eventRequestKey, workspaceIdOf } from "../../slack-context.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { publishHome } from "../send.ts";

type HomeArgs = SlackEventMiddlewareArgs<"app_home_opened"> & AllMiddlewareArgs;

export async function handleAppHomeOpened(deps: SlackListenerDeps, args: HomeArgs): Promise<void> {
  const { event, context, client, body } = args;
  // Bolt has acknowledged already; a retry means the first delivery was slow, not lost.
  if (context.retryNum) return;
  if (event.tab !== "home") return;
  try {
    const workspaceId = workspaceIdOf(context);
    const user = await deps.users.whoIs(client, workspaceId, event.user, event.user);
    const ctx = chatContext({
      context,
      userId: event.user,
      userName: user.name,
      platformAdmin: user.admin,
      conversation: event.channel,
      requestKey: eventRequestKey(body.event_id, `${workspaceId}:${event.user}:${event.event_ts}`),
    });
    await publishHome(deps, client, ctx);
  } catch (error) {
    deps.logger.error({ err: error }, "could not draw the Home tab");
  }
}

export function registerAppHome(app: App, deps: SlackListenerDeps): void {
  app.event("app_home_opened", (args) => handleAppHomeOpened(deps, args));
}
