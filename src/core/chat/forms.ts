// Submitted forms (Slack modals, Teams card forms). Values are validated here against the form's one
// definition (core/forms), whatever the platform; a refusal carries its problems by field (fieldErrors).

import { z } from "zod/v4";
import type { ChatContext } from "../chat-api.ts";
import { markResolvedButton } from "../complaints/complaint-replies.ts";
import { submitResolveComplaint } from "../complaints/resolve-complaint-form.ts";
import { feedbackStatusFor } from "../feedback/feedback-status.ts";
import { addReferrerForm } from "../forms/add-referrer.ts";
import { feedbackForm } from "../forms/feedback.ts";
import { omitFields } from "../forms/form-definition.ts";
import { formRefusal } from "../forms/form-refusal.ts";
import { validateForm } from "../forms/validate-form.ts";
import type { Actor, Referrer } from "../model.ts";
import { addReferrer } from "../referrers/add-referrer.ts";
import { errorReply, type Reply, type ReplySection } from "../reply.ts";
import { submitNotScheduled } from "../scheduling/not-scheduled-form.ts";
import { audienceOf } from "./audience.ts";
import type { CoreDeps } from "./deps.ts";
import { parseJson, ZPendingCommand } from "./pending.ts";
import { runPending } from "./run-pending.ts";
import { saveSettingsForm } from "./settings-form.ts";

/** Good news heard while a complaint is open: offer to close it (only if it still is open). */
async function offerToResolve(deps: CoreDeps, actor: Actor, complaintId: string): Promise<ReplySection[]> {
  const complaint = await deps.repos.feedback.findById(actor.practiceId, complaintId);
  if (complaint?.status !== "open") return [];
  return [
    { text: `Does this resolve the complaint “${complaint.text}”?`, buttons: [markResolvedButton(complaint.id)] },
  ];
}

/** `c`: the referrer; `k`: the complaint the form was opened from (its nudge's Log feedback button). */
const ZFeedbackMeta = z.object({ c: z.string().min(1).max(64), k: z.string().min(1).max(64).optional() });
const ZAddMeta = z.object({ p: ZPendingCommand });

/** The feedback form without its referrer field: the form names the referrer in its metadata. */
const feedbackAboutKnownReferrer = omitFields(feedbackForm, ["referrer"]);

export async function submitForm(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  kind: string,
  metadata: string,
  values: Record<string, unknown>,
): Promise<Reply> {
  switch (kind) {
    case "feedback":
      return submitFeedback(deps, ctx, actor, metadata, values);
    case "add_referrer":
      return submitAddReferrer(deps, ctx, actor, metadata, values);
    case "settings":
      return saveSettingsForm(deps, actor, values);
    case "resolve_complaint":
      return submitResolveComplaint(deps, ctx, actor, metadata, values);
    case "not_scheduled":
      return submitNotScheduled(deps, actor, metadata, values);
    default:
      return errorReply("I don't know that form.", "Type /referrals help to see what I can do.");
  }
}

async function submitFeedback(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  metadata: string,
  values: Record<string, unknown>,
): Promise<Reply> {
  const meta = parseJson(ZFeedbackMeta, metadata);
  const checked = validateForm(meta ? feedbackAboutKnownReferrer : feedbackForm, values);
  const fieldErrors = checked.ok ? {} : { ...checked.fieldErrors };
  let referrer: Referrer | null = null;
  if (meta) {
    referrer = await deps.repos.referrers.findById(actor.practiceId, meta.c);
    if (!referrer) return errorReply("That referrer is not in your practice.", "Open the form again from /referrer.");
  } else if (!fieldErrors["referrer"]) {
    // Opened with plain `/feedback`: the referrer is typed into the form.
    const typed = String(values["referrer"] ?? "").trim();
    const found = await deps.lookup.resolve(actor.practiceId, typed);
    if (found.kind === "ambiguous") {
      fieldErrors["referrer"] = `Which ${typed}? ${found.candidates.map((c) => c.displayName).join(", ")}`;
    } else if (found.kind === "none") {
      fieldErrors["referrer"] = `No referrer called ${typed}; check the spelling, or add them with /referrer add`;
    } else referrer = found.referrer;
  }
  if (!checked.ok || !referrer || Object.keys(fieldErrors).length > 0) return formRefusal(feedbackForm, fieldErrors);

  const { sentiment, text, needsFollowUp } = checked.values;
  const { feedback, created } = await deps.repos.feedback.log(actor, {
    referrerId: referrer.id,
    sentiment,
    text,
    needsFollowUp,
    idempotencyKey: `form:${ctx.platform}:${ctx.requestKey}`,
    at: deps.clock.now(),
    status: feedbackStatusFor({ sentiment, needsFollowUp }),
  });
  // Good news logged from a complaint's own nudge: offer to close that complaint.
  const offer = meta?.k && sentiment === "positive" ? await offerToResolve(deps, actor, meta.k) : [];
  return {
    ephemeral: true,
    tone: "success",
    headline: created ? `✓ Feedback from ${referrer.displayName} logged` : "Already logged; nothing changed.",
    sections: [
      {
        // As stored: cleaned of patient details.
        text: `${feedback.sentiment}: ${feedback.text}`,
        ...(needsFollowUp ? { context: "Needs follow-up: it stays in the digest until resolved." } : {}),
      },
      ...offer,
    ],
  };
}

async function submitAddReferrer(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  metadata: string,
  values: Record<string, unknown>,
): Promise<Reply> {
  const checked = validateForm(addReferrerForm, values);
  if (!checked.ok) return formRefusal(addReferrerForm, checked.fieldErrors);
  const meta = parseJson(ZAddMeta, metadata);
  const added = await addReferrer(
    { referrers: deps.repos.referrers, referrersChanged: (id) => deps.lookup.invalidate(id) },
    actor,
    checked.values,
  );
  if (added.kind === "invalid") {
    // The use case's own rules (the NPI's check digit, an email's shape), pinned to their field.
    return added.field
      ? formRefusal(addReferrerForm, { [added.field]: added.message })
      : errorReply(added.problem, "Give at least the name, e.g. Dr. Jane Smith.");
  }
  if (added.kind === "exists") return errorReply(`${added.explanation}.`, `Use /referrer ${added.referrer.lastName}.`);
  const { referrer } = added;
  if (meta && meta.p.t !== "profile") {
    const done = await runPending(deps, actor, referrer, meta.p, `add:${ctx.requestKey}`, audienceOf(ctx));
    return { ...done, headline: `✓ Added ${referrer.displayName}. ${done.headline}` };
  }
  return { ephemeral: true, tone: "success", headline: `✓ Added ${referrer.displayName}`, sections: [] };
}
