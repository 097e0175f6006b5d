// A submitted form (view_submission). Unlike commands and clicks, the acknowledgement itself can
// answer: `response_action: "errors"` keeps the modal open with a message under the field. So we
// read the values, give the core (which checks them) most of the 3 seconds, and only then decide how to ack.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { Reply } from "../../../../core/reply.ts";
import {
  decodeFormMetadata,
  FORM_CALLBACK_PREFIX,
  isFormKind,
  readFormValues,
  shownFieldNames,
  ZSubmittedView,
} from "../../render/modals.ts";
import { chatContext, viewRequestKey, workspaceIdOf } from "../../slack-context.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { postReply, SOMETHING_WENT_WRONG } from "../send.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** How long after the submission arrives we decide how to ack; Slack's limit is 3 s from when it sent it. */
export const FORM_ACK_BUDGET_MS = 2000;

/**
 * The core's field errors (Reply.fieldErrors) that Slack can show under a field of this modal, or null
 * when there are none: Slack refuses an `errors` ack naming a block the view does not have.
 */
export function fieldErrorsFor(reply: Reply, shown: Set<string>): Record<string, string> | null {
  if (reply.tone !== "error" || !reply.fieldErrors) return null;
  const errors = Object.fromEntries(
    Object.entries(reply.fieldErrors).filter(([name, message]) => shown.has(name) && typeof message === "string"),
  );
  return Object.keys(errors).length > 0 ? errors : null;
}

function within<T>(promise: Promise<T>, ms: number): Promise<T | { late: true }> {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<{ late: true }>((resolve) => {
    timer = setTimeout(() => resolve({ late: true }), ms);
  });
  return Promise.race([promise, late]).finally(() => clearTimeout(timer));
}

export async function handleFormSubmission(deps: SlackListenerDeps, args: ViewArgs): Promise<void> {
  const { ack, body, client, context } = args;
  const arrived = Date.now();
  const parsed = ZSubmittedView.safeParse(body.view);
  const kind = body.view.callback_id.slice(FORM_CALLBACK_PREFIX.length);
  if (!parsed.success || !isFormKind(kind)) {
    deps.logger.warn({ callbackId: body.view.callback_id }, "a form submission we cannot read");
    await ack();
    await postReply(client, { userId: body.user.id }, SOMETHING_WENT_WRONG, deps.logger).catch(() => {});
    return;
  }
  const values = readFormValues(kind, parsed.data);
  const { metadata, channel } = decodeFormMetadata(parsed.data.private_metadata);
  const target = { userId: body.user.id, channel };

  let pending: Promise<Reply>;
  try {
    const workspaceId = workspaceIdOf(context);
    const user = await deps.users.whoIs(client, workspaceId, body.user.id, body.user.name || body.user.id);
    const ctx = chatContext({
      context,
      userId: body.user.id,
      userName: user.name,
      platformAdmin: user.admin,
      workspaceName: body.team?.domain,
      conversation: channel,
      requestKey: viewRequestKey(workspaceId, parsed.data.id, values),
    });
    pending = deps.core.submitForm(ctx, kind, metadata, values);
  } catch (error) {
    pending = Promise.reject(error);
  }
  const settled: Promise<{ reply: Reply }> = pending.then(
    (reply) => ({ reply }),
    (error: unknown) => {
      deps.logger.error({ err: error, kind }, "form submission failed");
      return { reply: SOMETHING_WENT_WRONG };
    },
  );

  const early = await within(settled, Math.max(0, FORM_ACK_BUDGET_MS - (Date.now() - arrived)));
  if ("reply" in early) {
    const fieldErrors = fieldErrorsFor(early.reply, shownFieldNames(parsed.data));
    if (fieldErrors) {
      await ack({ response_action: "errors", errors: fieldErrors });
      return;
    }
  }
  // Close the modal; the answer comes as a message (now, or when the slow core is done).
  await ack();
  const { reply } = "reply" in early ? early : await settled;
  await postReply(client, target, reply, deps.logger).catch((error: unknown) => {
    deps.logger.error({ err: error }, "could not post the form's answer");
  });
}
