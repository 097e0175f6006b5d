// Button clicks. Every id in a button value is re-checked against the clicker's practice:
// a forged value from another workspace finds nothing and changes nothing.

import { z } from "zod/v4";
import { runCardAction } from "../cards/card-actions.ts";
import type { ActionResult, ChatContext } from "../chat-api.ts";
import { complaintAbout, resolveComplaintForm } from "../complaints/complaint-replies.ts";
import type { Digest } from "../digest/digest-model.ts";
import { DONE_ACTION } from "../digest/nudge-actions.ts";
import { renderDigest } from "../digest/render-digest.ts";
import { planMeeting } from "../meetings/plan-meeting.ts";
import type { Actor, Nudge } from "../model.ts";
import { nudgeTitle, snoozeConfirmation } from "../nudges/nudge-title.ts";
import { touchAnswers } from "../nudges/touch-answers.ts";
import { errorReply, type Reply } from "../reply.ts";
import { notScheduledFormFor } from "../scheduling/not-scheduled-form.ts";
import { audienceOf } from "./audience.ts";
import type { CoreDeps } from "./deps.ts";
import { localTime } from "./format.ts";
import { nudgeListReply, seeAllReply } from "./nudge-list.ts";
import { parseJson, ZAddValue, ZPickValue } from "./pending.ts";
import { feedbackForm, runPending } from "./run-pending.ts";

const ZNudgeValue = z.object({
  n: z.string().min(1).max(64),
  r: z.string().max(64).optional(),
  m: z.string().max(64).optional(),
});
/** `f`: the referrer; `k`: the complaint whose nudge carried the button. */
const ZFeedbackValue = z.object({ f: z.string().min(1).max(64), k: z.string().min(1).max(64).optional() });
/** `f`: the complaint (feedback id); `h`: a resolution typed in a command, to prefill the form. */
const ZComplaintValue = z.object({ f: z.string().min(1).max(64), h: z.string().max(1500).optional() });
/** `r`: the digest run; `m`: whose personal digest it is. */
const ZDigestValue = z.object({ r: z.string().min(1).max(64).optional(), m: z.string().max(64).optional() });
const SNOOZE_DAYS = 7;

const notFound = (): ActionResult => ({
  notice: errorReply("That button no longer matches anything I can change.", "Type /nudges for the current list."),
});

export async function runAction(
  deps: CoreDeps,
  ctx: ChatContext,
  actor: Actor,
  actionId: string,
  value: string,
): Promise<ActionResult> {
  switch (actionId) {
    case "nudge.done":
    case "nudge.snooze":
    case "nudge.dismiss": {
      const parsed = parseJson(ZNudgeValue, value);
      if (!parsed) return notFound();
      const nudge = await deps.repos.nudges.findById(actor.practiceId, parsed.n);
      if (!nudge) return notFound();
      // A complaint is done when it is resolved, not when someone calls: "done" asks how it was resolved.
      if (actionId === "nudge.done" && nudge.feedbackId) return complaintFormFor(deps, actor, nudge.feedbackId);
      // Waiting referrals are done when they are scheduled or closed with a reason: "done" asks which.
      if (actionId === "nudge.done" && nudge.kind === "not_scheduled") return notScheduledFormFor(deps, actor, nudge);
      const line = await applyNudgeAction(deps, actor, nudge, actionId);
      return redraw(deps, actor, { runId: parsed.r, memberId: parsed.m }, nudge.id, line);
    }
    case "unscheduled.open": {
      const parsed = parseJson(ZNudgeValue, value);
      const nudge = parsed ? await deps.repos.nudges.findById(actor.practiceId, parsed.n) : null;
      if (nudge?.kind !== "not_scheduled") return notFound();
      if (nudge.status !== "open" && nudge.status !== "snoozed") {
        return {
          notice: {
            ephemeral: true,
            tone: "info",
            headline: "Those referrals were settled already; nothing changed.",
            sections: [],
          },
        };
      }
      return notScheduledFormFor(deps, actor, nudge);
    }
    case "feedback.open": {
      const parsed = parseJson(ZFeedbackValue, value);
      const referrer = parsed ? await deps.repos.referrers.findById(actor.practiceId, parsed.f) : null;
      return referrer ? { form: feedbackForm(referrer, undefined, parsed?.k) } : notFound();
    }
    case "referrer.brief": {
      const parsed = parseJson(ZFeedbackValue, value);
      const referrer = parsed ? await deps.repos.referrers.findById(actor.practiceId, parsed.f) : null;
      return referrer
        ? { notice: await runPending(deps, actor, referrer, { t: "brief" }, "", audienceOf(ctx)) }
        : notFound();
    }
    case "complaint.resolve": {
      const parsed = parseJson(ZComplaintValue, value);
      return parsed ? complaintFormFor(deps, actor, parsed.f, parsed.h) : notFound();
    }
    case "referrer.pick": {
      const parsed = parseJson(ZPickValue, value);
      const referrer = parsed ? await deps.repos.referrers.findById(actor.practiceId, parsed.c) : null;
      if (!parsed || !referrer) return notFound();
      const reply = await runPending(deps, actor, referrer, parsed.p, `pick:${ctx.requestKey}`, audienceOf(ctx));
      return reply.form ? { form: reply.form } : { update: reply };
    }
    case "referrer.add": {
      const parsed = parseJson(ZAddValue, value);
      if (!parsed) return notFound();
      return {
        form: {
          kind: "add_referrer",
          title: "Add a referrer",
          metadata: JSON.stringify({ p: parsed.p }),
          initial: { name: parsed.name },
        },
      };
    }
    case "digest.refresh": {
      // Read only: the digest from its snapshot with every nudge's state as it is now (nothing clicked).
      const parsed = parseJson(ZDigestValue, value);
      if (!parsed) return notFound();
      return redraw(deps, actor, { runId: parsed.r, memberId: parsed.m }, null, "");
    }
    case "cards.mailed":
    case "cards.all_mailed":
    case "cards.print":
      return runCardAction(deps, actor, actionId, value);
    case "meeting.plan":
      return planMeeting(deps, actor, value);
    case "nudges.more": {
      // From a digest: its whole list (a member's own, or everyone's); from a list: the longer list.
      const parsed = parseJson(ZDigestValue, value);
      if (parsed?.r || parsed?.m) return { notice: await seeAllReply(deps, actor, parsed.m) };
      return { notice: await nudgeListReply(deps, actor, { all: true }) };
    }
    default:
      return { notice: errorReply("I don't know that button.", "Type /referrals help to see what I can do.") };
  }
}

/** The "how was it resolved?" form for an open complaint of the practice; a short notice otherwise. */
async function complaintFormFor(
  deps: CoreDeps,
  actor: Actor,
  feedbackId: string,
  typed?: string,
): Promise<ActionResult> {
  const complaint = await deps.repos.feedback.findById(actor.practiceId, feedbackId);
  if (!complaint) return notFound();
  const referrer = await deps.repos.referrers.findById(actor.practiceId, complaint.referrerId);
  const name = referrer?.displayName ?? "this referrer";
  if (complaint.status !== "open") {
    return {
      notice: {
        ephemeral: true,
        tone: "info",
        headline: `That complaint from ${name} was resolved already; nothing changed.`,
        sections: [],
      },
    };
  }
  return {
    form: resolveComplaintForm(complaint.id, {
      about: complaintAbout({ displayName: name }, complaint.text),
      ...(typed ? { resolution: typed } : {}),
    }),
  };
}

/** Does what the button says (once, however often it is clicked) and returns the line to show in its place. */
async function applyNudgeAction(deps: CoreDeps, actor: Actor, nudge: Nudge, actionId: string): Promise<string> {
  const practice = await deps.repos.practices.findById(actor.practiceId);
  const zone = practice?.timeZone ?? "UTC";
  const now = deps.clock.now();
  if (actionId === "nudge.done") {
    const done = DONE_ACTION[nudge.kind];
    // Keyed by the nudge, not the request: a second click, a retry or a second instance finds the first touch.
    const { touch } = await deps.repos.touches.log(actor, {
      referrerId: nudge.referrerId,
      kind: done.touch,
      occurredAt: now,
      idempotencyKey: `nudge:${nudge.id}:done`,
      answers: touchAnswers(done.touch),
    });
    await deps.repos.nudges.transition(actor, nudge.id, { status: "done" });
    return `✓ ${done.past} by ${touch.actorName} at ${localTime(touch.occurredAt, zone)}`;
  }
  if (actionId === "nudge.snooze") {
    const until = new Date(now.getTime() + SNOOZE_DAYS * 86_400_000);
    const moved = await deps.repos.nudges.transition(actor, nudge.id, { status: "snoozed", until });
    if (moved) {
      const referrer = await deps.repos.referrers.findById(actor.practiceId, nudge.referrerId);
      const title = nudgeTitle(nudge.kind, referrer?.displayName ?? "this referrer");
      return `${snoozeConfirmation(title, until, zone)} (by ${actor.name})`;
    }
    return statusLine((await deps.repos.nudges.findById(actor.practiceId, nudge.id)) ?? nudge, zone);
  }
  const moved = await deps.repos.nudges.transition(actor, nudge.id, { status: "dismissed" });
  if (moved) return `Not needed — ${actor.name} at ${localTime(now, zone)}`;
  return statusLine((await deps.repos.nudges.findById(actor.practiceId, nudge.id)) ?? nudge, zone);
}

function statusLine(nudge: Nudge, zone: string): string {
  const by = nudge.resolvedBy ? ` by ${nudge.resolvedBy}` : "";
  const at = nudge.resolvedAt ? ` at ${localTime(nudge.resolvedAt, zone)}` : "";
  if (nudge.status === "done") return `✓ ${nudge.feedbackId ? "Resolved" : DONE_ACTION[nudge.kind].past}${by}${at}`;
  if (nudge.status === "dismissed") return `Not needed${by}${at}`;
  if (nudge.status === "snoozed")
    return nudge.snoozedUntil ? snoozeConfirmation("this", nudge.snoozedUntil, zone) : "💤 Snoozed";
  return "";
}

/**
 * The message the button was on, redrawn: the digest from its snapshot with every nudge's current
 * state (read fresh, so two people clicking different buttons at once both show), or the list.
 * A button in a physician's direct message names them (`m`): that message is redrawn from their own
 * snapshot, never from the channel's, and without one it becomes the clicker's own list.
 */
async function redraw(
  deps: CoreDeps,
  actor: Actor,
  origin: { runId: string | undefined; memberId: string | undefined },
  /** The nudge just acted on (its line is `line`), or null for a plain redraw. */
  nudgeId: string | null,
  line: string,
): Promise<ActionResult> {
  const { runId, memberId } = origin;
  if (runId) {
    const digest = await deps.digestData.loadSnapshot(actor.practiceId, runId, memberId ?? null);
    if (digest) {
      const practice = await deps.repos.practices.findById(actor.practiceId);
      const zone = practice?.timeZone ?? "UTC";
      const others = digest.nudges.filter((n) => n.nudgeId !== nudgeId).map((n) => n.nudgeId);
      const current = new Map((await deps.repos.nudges.findByIds(actor.practiceId, others)).map((n) => [n.id, n]));
      const nudges = digest.nudges.map((n) => {
        if (n.nudgeId === nudgeId) return { ...n, doneLine: line };
        const now = current.get(n.nudgeId);
        const status = now && now.status !== "open" ? statusLine(now, zone) : "";
        return status ? { ...n, doneLine: status } : n;
      });
      const marked: Digest = { ...digest, nudges };
      return { update: renderDigest(marked) };
    }
  }
  const list: Reply = await nudgeListReply(deps, actor, { note: line });
  return { update: list };
}
