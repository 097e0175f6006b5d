// Submitted forms (Slack modals, Teams card forms). Values are validated here, whatever the platform.

import { z } from "zod/v4";
import type { ChatContext } from "../chat-api.ts";
import { markResolvedButton } from "../complaints/complaint-replies.ts";
import { submitResolveComplaint } from "../complaints/resolve-complaint-form.ts";
import { feedbackStatusFor } from "../feedback/feedback-status.ts";
import type { Actor } from "../model.ts";
import { addReferrer } from "../referrers/add-referrer.ts";
import { errorReply, type Reply, type ReplySection } from "../reply.ts";
import { firstProblem } from "../validation/referrer-input.ts";
import type { CoreDeps } from "./deps.ts";
import { parseJson, ZPendingCommand } from "./pending.ts";
import { runPending } from "./run-pending.ts";
import { saveSettingsForm } from "./settings.ts";

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

const ZFeedbackValues = z.object({
  sentiment: z.enum(["positive", "neutral", "negative"], { message: "Choose positive, neutral or negative" }),
  text: z.string().trim().min(1, "Write what they said").max(2000, "Keep it under 2,000 characters"),
  needsFollowUp: z
    .union([z.boolean(), z.enum(["true", "false", "on", "off", ""])])
    .optional()
    .transform((v) => v === true || v === "true" || v === "on"),
});

export async function submitForm(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  kind: string,
  metadata: string,
  values: Record<string, unknown>,
): Promise<Reply> {
  if (kind === "feedback") {
    const meta = parseJson(ZFeedbackMeta, metadata);
    let referrer = meta ? await deps.repos.referrers.findById(actor.practiceId, meta.c) : null;
    if (!meta) {
      // Opened with plain `/feedback`: the referrer is typed into the form.
      const typed = typeof values.referrer === "string" ? values.referrer.trim() : "";
      if (!typed) return errorReply("referrer: Type the referrer's name, e.g. Dr. Lee", "Name the referrer.");
      const found = await deps.lookup.resolve(actor.practiceId, typed);
      if (found.kind === "ambiguous") {
        return errorReply(
          `referrer: Which ${typed}? ${found.candidates.map((c) => c.displayName).join(", ")}`,
          "Type the full name.",
        );
      }
      if (found.kind === "none")
        return errorReply(
          `referrer: No referrer called ${typed}`,
          "Check the spelling, or add them with /referrer add.",
        );
      referrer = found.referrer;
    }
    if (!referrer) return errorReply("That referrer is not in your practice.", "Open the form again from /referrer.");
    const parsed = ZFeedbackValues.safeParse(values);
    if (!parsed.success) return errorReply(firstProblem(parsed.error), "Fill in the sentiment and what they said.");
    const { created } = await deps.repos.feedback.log(actor, {
      referrerId: referrer.id,
      sentiment: parsed.data.sentiment,
      text: parsed.data.text,
      needsFollowUp: parsed.data.needsFollowUp,
      idempotencyKey: `form:${ctx.platform}:${ctx.requestKey}`,
      at: deps.clock.now(),
      status: feedbackStatusFor(parsed.data),
    });
    const offer = meta?.k && parsed.data.sentiment === "positive" ? await offerToResolve(deps, actor, meta.k) : [];
    return {
      ephemeral: true,
      tone: "success",
      headline: created ? `✓ Feedback from ${referrer.displayName} logged` : "Already logged; nothing changed.",
      sections: [
        {
          text: `${parsed.data.sentiment}: ${parsed.data.text}`,
          ...(parsed.data.needsFollowUp ? { context: "Needs follow-up: it stays in the digest until resolved." } : {}),
        },
        ...offer,
      ],
    };
  }
  if (kind === "resolve_complaint") return submitResolveComplaint(deps, ctx, actor, metadata, values);
  if (kind === "add_referrer") {
    const meta = parseJson(ZAddMeta, metadata);
    const added = await addReferrer(
      { referrers: deps.repos.referrers, referrersChanged: (id) => deps.lookup.invalidate(id) },
      actor,
      values,
    );
    if (added.kind === "invalid") return errorReply(added.problem, "Give at least the name, e.g. Dr. Jane Smith.");
    if (added.kind === "exists")
      return errorReply(`${added.explanation}.`, `Use /referrer ${added.referrer.lastName}.`);
    const { referrer } = added;
    if (meta && meta.p.t !== "profile") {
      const done = await runPending(deps, actor, referrer, meta.p, `add:${ctx.requestKey}`);
      return { ...done, headline: `✓ Added ${referrer.displayName}. ${done.headline}` };
    }
    return { ephemeral: true, tone: "success", headline: `✓ Added ${referrer.displayName}`, sections: [] };
  }
  if (kind === "settings") return saveSettingsForm(deps, actor, values);
  return errorReply("I don't know that form.", "Type /referrals help to see what I can do.");
}
