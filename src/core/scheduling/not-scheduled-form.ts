// The not-scheduled nudge's button opens the "Scheduled, or why not?" form (core/forms/not-scheduled.ts,
// a Slack modal or a Teams card); its submission is checked against the definition and handed to the
// settleUnscheduled use case.
import { z } from "zod/v4";
import type { CoreDeps } from "../chat/deps.ts";
import { parseJson } from "../chat/pending.ts";
import type { ActionResult } from "../chat-api.ts";
import { formRefusal } from "../forms/form-refusal.ts";
import { notScheduledForm } from "../forms/not-scheduled.ts";
import { validateForm } from "../forms/validate-form.ts";
import type { Actor, Nudge } from "../model.ts";
import { countOf } from "../nudges/phrases.ts";
import { errorReply, type Reply } from "../reply.ts";
import { settleUnscheduled } from "./settle-unscheduled.ts";

/** `c`: the referrer; `n`: the nudge the button was on. */
const ZNotScheduledMeta = z.object({ c: z.string().min(1).max(64), n: z.string().min(1).max(64) });

const OUTCOME_LINE: Record<string, (n: number) => string> = {
  scheduled: (n) => `${countOf(n, "referral")} marked scheduled`,
  declined: (n) => `${countOf(n, "referral")} closed: declined`,
  unreachable: (n) => `${countOf(n, "referral")} closed: the patient could not be reached`,
  elsewhere: (n) => `${countOf(n, "referral")} closed: the patient chose elsewhere`,
};

/** The form for a not-scheduled nudge of the practice. */
export async function notScheduledFormFor(deps: CoreDeps, actor: Actor, nudge: Nudge): Promise<ActionResult> {
  const referrer = await deps.repos.referrers.findById(actor.practiceId, nudge.referrerId);
  const name = referrer?.displayName ?? "this referrer";
  return {
    form: {
      kind: "not_scheduled",
      title: notScheduledForm.title,
      metadata: JSON.stringify({ c: nudge.referrerId, n: nudge.id }),
      initial: {},
      about: `Referrals from ${name} waiting for an appointment: ${nudge.reason}`,
    },
  };
}

export async function submitNotScheduled(
  deps: CoreDeps,
  actor: Actor,
  metadata: string,
  values: Record<string, unknown>,
): Promise<Reply> {
  const meta = parseJson(ZNotScheduledMeta, metadata);
  if (!meta) return errorReply("This form is out of date.", "Open it again from the nudge's button.");
  const checked = validateForm(notScheduledForm, values);
  if (!checked.ok) return formRefusal(notScheduledForm, checked.fieldErrors);
  const referrer = await deps.repos.referrers.findById(actor.practiceId, meta.c);
  if (!referrer) return errorReply("That referrer is not in your practice.", "Type /nudges for the current list.");
  const result = await settleUnscheduled(
    { referrals: deps.repos.referrals, practices: deps.repos.practices, clock: deps.clock },
    actor,
    { referrerId: referrer.id, outcome: checked.values.outcome, nudgeId: meta.n },
  );
  if (result.kind === "none_waiting") {
    return {
      ephemeral: true,
      tone: "info",
      headline: `No referral from ${referrer.displayName} is waiting for an appointment any more; nothing changed.`,
      sections: [],
    };
  }
  return {
    ephemeral: false,
    tone: "success",
    headline: `✓ ${OUTCOME_LINE[checked.values.outcome]!(result.count)} for ${referrer.displayName} (by ${actor.name})`,
    sections: [],
  };
}
