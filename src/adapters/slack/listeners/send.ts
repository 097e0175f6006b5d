// Putting a core Reply in front of the user, the few ways Slack allows: through the response_url,
// as an ephemeral or a DM from the app, as a modal, or as the Home tab.
import type { RespondFn } from "@slack/bolt";
import type { ChatContext } from "../../../core/chat-api.ts";
import { errorReply, type Reply, type ReplyForm } from "../../../core/reply.ts";
import type { Logger } from "../../../logging/logger.ts";
import { type ChartImageLookup, slackChartImages } from "../chart-images.ts";
import { formToModal } from "../render/form-to-modal.ts";
import { checkModal, renderHomeView, renderMessage } from "../render/guarded.ts";
import type { WebClient } from "../slack-client.ts";
import type { SlackListenerDeps } from "./listener-deps.ts";

/** What the user sees when something on our side failed after the request was acknowledged. */
export const SOMETHING_WENT_WRONG = errorReply("Sorry, that did not work. Please try again in a moment.");

export async function respondWithReply(
  respond: RespondFn,
  reply: Reply,
  logger: Logger,
  chartImages?: ChartImageLookup,
): Promise<void> {
  const message = renderMessage(reply, logger, chartImages);
  await respond({
    response_type: reply.ephemeral ? "ephemeral" : "in_channel",
    replace_original: false,
    text: message.text,
    blocks: message.blocks,
  });
}

/** Opens the core's form as a modal; false if it could not be opened (expired trigger, bad metadata). */
export async function openForm(
  client: WebClient,
  triggerId: string,
  form: ReplyForm,
  channel: string | undefined,
  logger: Logger,
): Promise<boolean> {
  const view = formToModal(form, channel ? { channel } : {});
  if (!view) {
    logger.error({ kind: form.kind }, "form metadata is too long for a Slack modal");
    return false;
  }
  if (!checkModal(view, logger)) return false;
  try {
    await client.views.open({ trigger_id: triggerId, view });
    return true;
  } catch (error) {
    logger.warn({ err: error, kind: form.kind }, "could not open the form modal");
    return false;
  }
}

/**
 * A reply with no response_url to answer through (a form submission, a click in the Home tab):
 * in the channel it came from when there is one, else as a DM from the app.
 */
export async function postReply(
  client: WebClient,
  target: { userId: string; channel?: string | undefined },
  reply: Reply,
  logger: Logger,
): Promise<void> {
  const message = renderMessage(reply, logger);
  const content = { text: message.text, blocks: message.blocks };
  if (target.channel) {
    try {
      if (reply.ephemeral)
        await client.chat.postEphemeral({ channel: target.channel, user: target.userId, ...content });
      else await client.chat.postMessage({ channel: target.channel, ...content, unfurl_links: false });
      return;
    } catch (error) {
      // Not in the channel any more, or a DM between two people the bot cannot write to.
      logger.info({ err: error, channel: target.channel }, "could not answer in the channel; sending a DM instead");
    }
  }
  // A user id as channel posts to the app's own DM with that user (its Messages tab).
  await client.chat.postMessage({ channel: target.userId, ...content, unfurl_links: false });
}

/** Draws the Home tab for the user from the core's "home" reply. */
export async function publishHome(deps: SlackListenerDeps, client: WebClient, ctx: ChatContext): Promise<void> {
  const { reply } = await deps.core.runCommand(ctx, "home", "");
  const images = await slackChartImages(deps.charts, client, ctx.workspaceId, reply, deps.logger);
  await client.views.publish({ user_id: ctx.userId, view: renderHomeView(reply, deps.logger, images) });
}
