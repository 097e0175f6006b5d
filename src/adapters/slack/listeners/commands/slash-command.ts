// Every slash command works the same way: acknowledge at once (Slack gives 3 seconds), ask the core,
// open its form first if it has one (the trigger_id also dies after 3 seconds), then answer
// through the response_url.
import type { AllMiddlewareArgs, SlackCommandMiddlewareArgs } from "@slack/bolt";
import type { Reply } from "../../../../core/reply.ts";
import { slackChartImages } from "../../chart-images.ts";
import { chatContext, commandRequestKey, workspaceIdOf } from "../../slack-context.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { openForm, respondWithReply, SOMETHING_WENT_WRONG } from "../send.ts";
import { verbOf } from "./slash-commands.ts";

type CommandArgs = SlackCommandMiddlewareArgs & AllMiddlewareArgs;

function withNote(reply: Reply, note: string): Reply {
  return { ...reply, sections: [...reply.sections, { context: note }] };
}

export async function handleSlashCommand(deps: SlackListenerDeps, args: CommandArgs): Promise<void> {
  const { command, ack, respond, client, context } = args;
  await ack();
  try {
    const user = await deps.users.whoIs(client, workspaceIdOf(context), command.user_id, command.user_name);
    const ctx = chatContext({
      context,
      userId: command.user_id,
      userName: user.name,
      platformAdmin: user.admin,
      workspaceName: command.team_domain,
      conversation: command.channel_id,
      requestKey: commandRequestKey(command.trigger_id),
    });
    // As Slack sent it: the core tells Slack's own mentions (<@U123|ana>) from typed text (&lt;@U123&gt;),
    // and decodes the rest itself. Decoding here would turn a typed "<@U123>" into a real mention.
    const text = (command.text ?? "").trim();
    const { reply } = await deps.core.runCommand(ctx, verbOf(command.command), text);

    let formOpened = false;
    if (reply.form && command.trigger_id) {
      formOpened = await openForm(client, command.trigger_id, reply.form, command.channel_id, deps.logger);
    }

    if (!reply.form) {
      await respondWithReply(
        respond,
        reply,
        deps.logger,
        await slackChartImages(deps.charts, client, ctx.workspaceId, reply, deps.logger),
      );
    }
    // With the form open, a headline-only reply would just repeat its title.
    else if (formOpened && reply.sections.length > 0) await respondWithReply(respond, reply, deps.logger);
    else if (!formOpened) {
      await respondWithReply(
        respond,
        withNote(reply, "The form did not open. Please run the command again."),
        deps.logger,
      );
    }
  } catch (error) {
    deps.logger.error({ err: error, command: command.command }, "slash command failed");
    await respondWithReply(respond, SOMETHING_WENT_WRONG, deps.logger).catch(() => {});
  }
}
