// Carries out a command once its referrer is known: from the command itself, a "Which Dr. Lee?"
// button, or the "add a new referrer" form. One path, so all three behave the same.

import { briefReply } from "../brief/brief-reply.ts";
import { loadReferrerTrend } from "../charts/load-charts.ts";
import { openComplaintSections } from "../complaints/complaint-replies.ts";
import { resolveFromCommand } from "../complaints/resolve-from-command.ts";
import { feedbackStatusFor } from "../feedback/feedback-status.ts";
import { standingLine, standingWarning } from "../gifts/gift-wording.ts";
import { yearGifts } from "../gifts/gift-year-standing.ts";
import type { Actor, Referrer } from "../model.ts";
import { touchAnswers } from "../nudges/touch-answers.ts";
import { cleanFreeText } from "../phi/clean-free-text.ts";
import type { Reply, ReplyForm } from "../reply.ts";
import { setReferrerArchived } from "./archive-referrer.ts";
import type { Audience } from "./audience.ts";
import type { CoreDeps } from "./deps.ts";
import { localDay, TOUCH_PAST } from "./format.ts";
import { mayShowGiftAmounts } from "./gift-visibility.ts";
import { logGift } from "./log-gift.ts";
import type { PendingCommand } from "./pending.ts";
import { reciprocityLine } from "./reciprocity-line.ts";

export async function runPending(
  deps: CoreDeps,
  actor: Actor,
  referrer: Referrer,
  pending: PendingCommand,
  idempotencyKey: string,
  audience: Audience,
): Promise<Reply> {
  const now = deps.clock.now();
  // Typed text may carry a patient's details: cleaned here, before it is stored or echoed back.
  if ("n" in pending && pending.n) pending = { ...pending, n: cleanFreeText(pending.n) };
  switch (pending.t) {
    case "touch": {
      const { created, resolvedNudges } = await deps.repos.touches.log(actor, {
        referrerId: referrer.id,
        kind: pending.k,
        note: pending.n ?? null,
        occurredAt: now,
        idempotencyKey: `touch:${idempotencyKey}`,
        answers: touchAnswers(pending.k),
      });
      const closed = resolvedNudges.length
        ? ` Closed ${resolvedNudges.length === 1 ? "a nudge" : `${resolvedNudges.length} nudges`}.`
        : "";
      return {
        ephemeral: true,
        tone: "success",
        headline: `✓ ${TOUCH_PAST[pending.k]} ${referrer.displayName}`,
        sections: [
          {
            text: created ? `Logged by ${actor.name}.${closed}` : "Already logged; nothing changed.",
            ...(pending.n ? { context: `Note: ${pending.n}` } : {}),
          },
        ],
      };
    }
    case "feedback": {
      if (!pending.n) {
        return {
          ephemeral: true,
          tone: "info",
          headline: `Feedback from ${referrer.displayName}`,
          sections: [],
          form: feedbackForm(referrer, pending.s),
        };
      }
      const sentiment = pending.s ?? "neutral";
      const { created } = await deps.repos.feedback.log(actor, {
        referrerId: referrer.id,
        sentiment,
        text: pending.n,
        needsFollowUp: sentiment === "negative",
        idempotencyKey: `feedback:${idempotencyKey}`,
        at: deps.clock.now(),
        status: feedbackStatusFor({ sentiment, needsFollowUp: sentiment === "negative" }),
      });
      return {
        ephemeral: true,
        tone: "success",
        headline: `✓ Feedback from ${referrer.displayName} logged`,
        sections: [
          {
            text: created
              ? `${sentiment[0]!.toUpperCase()}${sentiment.slice(1)}: ${pending.n}`
              : "Already logged; nothing changed.",
            ...(sentiment === "negative" && created
              ? { context: "Marked for follow-up: it shows in the digest until resolved." }
              : {}),
          },
        ],
      };
    }
    case "referral": {
      const { created } = await deps.repos.referrals.add(actor, {
        referrerId: referrer.id,
        sourceId: `chat:${idempotencyKey}`,
        receivedAt: now,
        reason: pending.n ?? null,
      });
      return {
        ephemeral: true,
        tone: "success",
        headline: created ? `✓ Referral from ${referrer.displayName} recorded` : "Already recorded; nothing changed.",
        sections: pending.n ? [{ context: `Reason: ${pending.n}` }] : [],
      };
    }
    case "gift":
      return logGift(
        deps,
        actor,
        referrer,
        { amountCents: pending.a, what: pending.n ?? null },
        idempotencyKey,
        audience,
      );
    case "profile":
      return profileReply(deps, actor, referrer, audience);
    case "brief":
      return briefReply(deps, actor, referrer);
    case "archive":
      return setReferrerArchived(deps, actor, referrer, pending.a);
    case "resolve":
      return resolveFromCommand(deps, actor, referrer, pending.n ?? "");
  }
}

/**
 * The feedback form about one referrer: the referrer is fixed by the metadata, so its field is not shown;
 * `complaintId` when opened from a complaint's nudge (good news then offers to resolve it).
 */
export function feedbackForm(referrer: Referrer, sentiment?: string, complaintId?: string): ReplyForm {
  return {
    kind: "feedback",
    title: "Log feedback",
    metadata: JSON.stringify({ c: referrer.id, ...(complaintId ? { k: complaintId } : {}) }),
    initial: { referrer: referrer.displayName, ...(sentiment ? { sentiment } : {}) },
    hide: ["referrer"],
    about: `Feedback from ${referrer.displayName}`,
  };
}

async function profileReply(deps: CoreDeps, actor: Actor, referrer: Referrer, audience: Audience): Promise<Reply> {
  const practice = await deps.repos.practices.findById(actor.practiceId);
  const zone = practice?.timeZone ?? "UTC";
  const now = deps.clock.now();
  const [summary, complaints, gifts] = await Promise.all([
    deps.repos.referrals.summaryForReferrer(actor.practiceId, referrer.id, now),
    deps.repos.feedback.openForReferrer(actor.practiceId, referrer.id),
    // Read only for whom the amounts may show: a shared conversation never gets them, so need not read them.
    practice && !audience.shared ? yearGifts(deps.repos.gifts, practice, referrer.id, now) : null,
  ]);
  const trend = deps.chartData
    ? await loadReferrerTrend(
        deps.chartData,
        { practiceId: actor.practiceId, zone, now },
        referrer,
        summary.lastReferralAt,
      )
    : null;
  const fields = [
    { label: "Referrals, last 12 months", value: String(summary.referralsLast12Months) },
    { label: "Referrals, last 90 days", value: String(summary.referralsLast90Days) },
    { label: "Last referral", value: localDay(summary.lastReferralAt, zone) },
    {
      label: "Last touch",
      value: summary.lastTouchAt
        ? `${localDay(summary.lastTouchAt, zone)} (${summary.lastTouchKind?.replace("_", " ")})`
        : "never",
    },
    { label: "Open feedback", value: String(summary.openFeedback) },
    { label: "Sent us · we sent back", value: reciprocityLine(summary) },
  ];
  if (referrer.specialty) fields.unshift({ label: "Specialty", value: referrer.specialty });
  if (referrer.clinic) fields.unshift({ label: "Clinic", value: referrer.clinic });
  if (referrer.phone) fields.push({ label: "Phone", value: referrer.phone });
  const showGifts = gifts !== null && mayShowGiftAmounts(actor, audience, gifts.giverIds);
  if (showGifts) fields.push({ label: `Gifts and meals, ${gifts.year}`, value: standingLine(gifts.standing) });
  const giftWarning = showGifts ? standingWarning(referrer.displayName, gifts.standing, gifts.year) : null;
  return {
    ephemeral: true,
    tone: "info",
    headline: `${referrer.displayName}${referrer.status === "archived" ? " (archived)" : ""}`,
    sections: [
      { fields },
      ...(giftWarning ? [{ text: giftWarning }] : []),
      ...(trend ? [{ chart: trend }] : []),
      ...(complaints.length
        ? [{ text: `*Open complaints (${complaints.length})*` }, ...openComplaintSections(complaints, now)]
        : []),
      {
        buttons: [
          { label: "Log feedback", actionId: "feedback.open", value: JSON.stringify({ f: referrer.id }) },
          { label: "Brief", actionId: "referrer.brief", value: JSON.stringify({ f: referrer.id }) },
        ],
      },
    ],
  };
}
