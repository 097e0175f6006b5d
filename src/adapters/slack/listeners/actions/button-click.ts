// A click on one of the core's buttons (nudge done / snooze / dismiss, pick a referrer, …).
// The button's value is opaque to us and re-checked by the core against the practice of the signed
// request's workspace, so a forged value can reach nothing outside that practice.
import type { AllMiddlewareArgs, BlockAction, ButtonAction, SlackActionMiddlewareArgs } from "@slack/bolt";
import type { ActionResult, ChatContext } from "../../../../core/chat-api.ts";
import type { Reply } from "../../../../core/reply.ts";
import { slackChartImages } from "../../chart-images.ts";
import { renderMessage } from "../../render/guarded.ts";
import { stripActionIndex } from "../../render/reply-to-blocks.ts";
import { actionRequestKey, chatContext, workspaceIdOf } from "../../slack-context.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { openForm, postReply, publishHome, respondWithReply, SOMETHING_WENT_WRONG } from "../send.ts";

type ButtonArgs = SlackActionMiddlewareArgs<BlockAction> & AllMiddlewareArgs;

/** Where the clicked button was, read once from the payload. */
interface ClickPlace {
  inView: boolean;
  ephemeral: boolean;
  channelId: string | undefined;
  messageTs: string | undefined;
}

function placeOf(body: BlockAction): ClickPlace {
  const container = body.container;
  const str = (v: unknown) => (typeof v === "string" ? v : undefined);
  return {
    inView: container["type"] === "view",
    ephemeral: container["is_ephemeral"] === true,
    channelId: body.channel?.id ?? str(container["channel_id"]),
    messageTs: body.message?.ts ?? str(container["message_ts"]),
  };
}

async function replaceMessage(
  deps: SlackListenerDeps,
  args: ButtonArgs,
  place: ClickPlace,
  ctx: ChatContext,
  reply: Reply,
) {
  const { client, respond } = args;
  if (place.inView) {
    // The Home tab is one view drawn from the core's "home" reply: draw it again.
    await publishHome(deps, client, ctx);
    return;
  }
  const message = renderMessage(
    reply,
    deps.logger,
    await slackChartImages(deps.charts, client, ctx.workspaceId, reply, deps.logger),
  );
  if (!place.ephemeral && place.channelId && place.messageTs) {
    try {
      await client.chat.update({
        channel: place.channelId,
        ts: place.messageTs,
        text: message.text,
        blocks: message.blocks,
      });
      return;
    } catch (error) {
      // A message the bot did not post itself (an in_channel command answer) can only be replaced via response_url.
      deps.logger.info({ err: error }, "chat.update refused; replacing through the response_url");
    }
  }
  await respond({ replace_original: true, text: message.text, blocks: message.blocks });
}

async function showResult(
  deps: SlackListenerDeps,
  args: ButtonArgs,
  place: ClickPlace,
  ctx: ChatContext,
  result: ActionResult,
) {
  const { body, client } = args;
  if (result.form && body.trigger_id) {
    await openForm(client, body.trigger_id, result.form, place.channelId, deps.logger);
  }
  if (result.update) await replaceMessage(deps, args, place, ctx, result.update);
  if (result.file && place.channelId && !place.inView) {
    // Shared into the conversation the button was in, with the notice as its comment.
    await client.files.uploadV2({
      channel_id: place.channelId,
      file: Buffer.from(result.file.bytes),
      filename: result.file.filename,
      title: result.file.title,
      ...(result.notice ? { initial_comment: result.notice.headline } : {}),
    });
    return;
  }
  if (result.notice) {
    if (!place.inView && body.response_url)
      await respondWithReply(args.respond, { ...result.notice, ephemeral: true }, deps.logger);
    else await postReply(client, { userId: body.user.id }, result.notice, deps.logger);
  }
}

export async function handleButtonClick(deps: SlackListenerDeps, args: ButtonArgs): Promise<void> {
  const { ack, action, body, context, client } = args;
  await ack();
  if (action.type !== "button") return;
  const button = action as ButtonAction;
  const place = placeOf(body);
  try {
    const workspaceId = workspaceIdOf(context);
    const actionId = stripActionIndex(button.action_id);
    const value = button.value ?? "";
    const fallbackName = body.user.name ?? body.user.username ?? body.user.id;
    const user = await deps.users.whoIs(client, workspaceId, body.user.id, fallbackName);
    const ctx = chatContext({
      context,
      userId: body.user.id,
      userName: user.name,
      platformAdmin: user.admin,
      workspaceName: body.team?.domain,
      conversation: place.channelId,
      requestKey: actionRequestKey({
        workspaceId,
        container: body.container,
        channelId: place.channelId,
        messageTs: place.messageTs,
        viewId: body.view?.id,
        viewHash: body.view?.hash,
        actionId,
        value,
      }),
    });
    const result = await deps.core.runAction(ctx, actionId, value);
    await showResult(deps, args, place, ctx, result);
  } catch (error) {
    deps.logger.error({ err: error, actionId: button.action_id }, "button click failed");
    const notice = body.response_url
      ? respondWithReply(args.respond, SOMETHING_WENT_WRONG, deps.logger)
      : postReply(client, { userId: body.user.id }, SOMETHING_WENT_WRONG, deps.logger);
    await notice.catch(() => {});
  }
}
