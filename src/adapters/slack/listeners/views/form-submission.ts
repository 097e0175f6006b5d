// A submitted form (view_submission). Unlike commands and clicks, the acknowledgement itself can
// answer: `response_action: "errors"` keeps the modal open with a message under the field. So we
// check the values here, give the core most of the 3 seconds, and only then decide how to ack.
import type { AllMiddlewareArgs, SlackViewMiddlewareArgs, ViewSubmitAction } from "@slack/bolt";
import type { FormKind, Reply } from "../../../../core/reply.ts";
import {
  decodeFormMetadata,
  FORM_CALLBACK_PREFIX,
  formFieldNames,
  isFormKind,
  readFormValues,
  ZSubmittedView,
} from "../../render/modals.ts";
import { chatContext, viewRequestKey, workspaceIdOf } from "../../slack-context.ts";
import type { SlackListenerDeps } from "../listener-deps.ts";
import { postReply, SOMETHING_WENT_WRONG } from "../send.ts";

type ViewArgs = SlackViewMiddlewareArgs<ViewSubmitAction> & AllMiddlewareArgs;

/** How long after the submission arrives we decide how to ack; Slack's limit is 3 s from when it sent it. */
export const FORM_ACK_BUDGET_MS = 2000;

/**
 * Errors the core pinned to a field, to show under it with the modal kept open. The core says
 * "npi: An NPI is 10 digits…" (its firstProblem); a `fieldErrors: { [field]: message }` member would
 * say it more plainly (proposed for the Reply contract). Only this form's field names count.
 */
export function fieldErrorsOf(reply: Reply, kind: FormKind): Record<string, string> | null {
  if (reply.tone !== "error") return null;
  const names = new Set(formFieldNames(kind));
  const explicit = (reply as Reply & { fieldErrors?: unknown }).fieldErrors;
  if (typeof explicit === "object" && explicit !== null) {
    const errors = Object.fromEntries(
      Object.entries(explicit).filter(([name, message]) => names.has(name) && typeof message === "string"),
    ) as Record<string, string>;
    if (Object.keys(errors).length > 0) return errors;
  }
  const match = /^(\w+): (.+)$/s.exec(reply.headline);
  if (match?.[1] && match[2] && names.has(match[1])) return { [match[1]]: match[2] };
  return null;
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
  const reading = readFormValues(kind, parsed.data);
  if (!reading.ok) {
    await ack({ response_action: "errors", errors: reading.errors });
    return;
  }
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
      requestKey: viewRequestKey(workspaceId, parsed.data.id, reading.values),
    });
    pending = deps.core.submitForm(ctx, kind, metadata, reading.values);
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
    const fieldErrors = fieldErrorsOf(early.reply, kind);
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
