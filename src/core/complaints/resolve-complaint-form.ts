// The submitted "Mark resolved" form (core/forms/resolve-complaint.ts, drawn as a Slack modal or a Teams
// card): checked against its definition, then handed to the resolveComplaint use case.
import { z } from "zod/v4";
import type { CoreDeps } from "../chat/deps.ts";
import { parseJson } from "../chat/pending.ts";
import type { ChatContext } from "../chat-api.ts";
import { formRefusal } from "../forms/form-refusal.ts";
import { resolveComplaintForm } from "../forms/resolve-complaint.ts";
import { validateForm } from "../forms/validate-form.ts";
import type { Actor } from "../model.ts";
import { errorReply, type Reply } from "../reply.ts";
import { type ResolveOutcome, resolveComplaint } from "./resolve-complaint.ts";

const ZResolveMeta = z.object({ f: z.string().min(1).max(64) });

export async function submitResolveComplaint(
  deps: CoreDeps,
  _ctx: ChatContext,
  actor: Actor,
  metadata: string,
  values: Record<string, unknown>,
): Promise<Reply> {
  const meta = parseJson(ZResolveMeta, metadata);
  if (!meta) return errorReply("This form is out of date.", "Open it again from the complaint's Mark resolved button.");
  const checked = validateForm(resolveComplaintForm, values);
  if (!checked.ok) return formRefusal(resolveComplaintForm, checked.fieldErrors);
  const outcome = await resolveComplaint(
    { feedback: deps.repos.feedback, clock: deps.clock },
    actor,
    meta.f,
    checked.values.resolution,
  );
  return resolutionReply(deps, actor, outcome);
}

/** The answer to a resolution, from the form or from `/feedback Dr. Lee resolved: …`. */
export async function resolutionReply(deps: CoreDeps, actor: Actor, outcome: ResolveOutcome): Promise<Reply> {
  switch (outcome.kind) {
    case "invalid":
      return {
        ...errorReply(`${outcome.problem}.`, "Write a few words on how it was resolved."),
        fieldErrors: { resolution: outcome.problem },
      };
    case "not_found":
      return errorReply(
        "That complaint is not in your practice.",
        "Type /referrer and the name to see open complaints.",
      );
    case "already_resolved": {
      const name = await referrerName(deps, actor, outcome.complaint.referrerId);
      return {
        ephemeral: true,
        tone: "info",
        headline: `That complaint from ${name} was resolved already; nothing changed.`,
        sections: outcome.complaint.resolution ? [{ context: `Resolution: ${outcome.complaint.resolution}` }] : [],
      };
    }
    case "resolved": {
      const name = await referrerName(deps, actor, outcome.complaint.referrerId);
      return {
        ephemeral: true,
        tone: "success",
        headline: `✓ Complaint from ${name} resolved`,
        sections: [
          { text: `“${outcome.complaint.text}”`, context: `Resolved by ${actor.name}: ${outcome.resolution}` },
        ],
      };
    }
  }
}

async function referrerName(deps: CoreDeps, actor: Actor, referrerId: string): Promise<string> {
  return (await deps.repos.referrers.findById(actor.practiceId, referrerId))?.displayName ?? "this referrer";
}
