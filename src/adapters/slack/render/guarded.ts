// The last check before anything leaves for Slack. The renderer already keeps to the limits; if a
// payload still breaks one (a limit we did not know, a renderer bug), we log it and send less
// rather than have Slack refuse the whole message and the user see nothing.
import type { types } from "@slack/bolt";
import type { Reply } from "../../../core/reply.ts";
import type { Logger } from "../../../logging/logger.ts";
import type { ChartImageLookup } from "../chart-images.ts";
import { describeViolations, findMessageViolations, findViewViolations } from "./block-kit-limits.ts";
import { headlineOnly, type RenderedMessage, replyToBlocks } from "./reply-to-blocks.ts";

export function renderMessage(reply: Reply, logger: Logger, chartImages?: ChartImageLookup): RenderedMessage {
  const message = replyToBlocks(reply, { surface: "message", ...(chartImages ? { chartImages } : {}) });
  const violations = findMessageViolations(message);
  if (violations.length === 0) return message;
  logger.error({ violations: describeViolations(violations) }, "a reply broke a Block Kit limit; sending its headline");
  return headlineOnly(reply);
}

export function renderHomeView(reply: Reply, logger: Logger, chartImages?: ChartImageLookup): types.HomeView {
  const blocks = replyToBlocks(reply, { surface: "home", ...(chartImages ? { chartImages } : {}) }).blocks;
  const view: types.HomeView = { type: "home", blocks };
  const violations = findViewViolations(view);
  if (violations.length === 0) return view;
  logger.error(
    { violations: describeViolations(violations) },
    "the home view broke a Block Kit limit; showing its headline",
  );
  return { type: "home", blocks: headlineOnly(reply).blocks };
}

/** A modal is sent only if it is valid: a modal Slack refuses is worse than the reply without it. */
export function checkModal(view: types.ModalView, logger: Logger): boolean {
  const violations = findViewViolations(view);
  if (violations.length === 0) return true;
  logger.error({ violations: describeViolations(violations) }, "a form broke a Block Kit limit; not opening it");
  return false;
}
