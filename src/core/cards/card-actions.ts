// The card-day buttons. Mailed logs one thank-you touch for that referrer, All mailed one for each
// referrer not marked yet, keyed by batch and referrer: a double click, a Slack retry or a second
// instance finds the touch already there, so each card counts once. Print hands over the PDF.
import { z } from "zod/v4";
import type { CoreDeps } from "../chat/deps.ts";
import { parseJson } from "../chat/pending.ts";
import type { ActionResult } from "../chat-api.ts";
import type { Actor } from "../model.ts";
import { touchAnswers } from "../nudges/touch-answers.ts";
import { errorReply, type ReplyFile, textReply } from "../reply.ts";
import { type CardBatch, cardTouchKey } from "./card-batch.ts";
import { renderCardDay } from "./render-card-day.ts";

const ZCardValue = z.object({ b: z.string().min(1).max(64), r: z.string().min(1).max(64).optional() });

export const CARD_ACTIONS = ["cards.mailed", "cards.all_mailed", "cards.print"] as const;

const gone = (): ActionResult => ({
  notice: errorReply("Those cards are no longer on file.", "Type /thanked Dr. Lee to log a thank-you."),
});

export async function runCardAction(
  deps: CoreDeps,
  actor: Actor,
  actionId: (typeof CARD_ACTIONS)[number],
  value: string,
): Promise<ActionResult> {
  const cards = deps.cards;
  const parsed = parseJson(ZCardValue, value);
  if (!cards || !parsed) return gone();
  // Scoped by the clicker's practice: a forged batch id from another workspace finds nothing.
  const batch = await cards.findBatchById(actor.practiceId, parsed.b);
  if (!batch?.id) return gone();

  if (actionId === "cards.print") {
    const file = await cardFile(deps, batch);
    if (!file) return { notice: errorReply("Printing is not available here.", "Run: referral-nudge cards") };
    return {
      file,
      notice: textReply(`Here are ${batch.entries.length} card texts and their address labels (Avery 5160, letter).`),
    };
  }

  const referrerIds =
    actionId === "cards.mailed" ? (parsed.r ? [parsed.r] : []) : batch.entries.map((e) => e.referrerId);
  if (actionId === "cards.mailed" && !batch.entries.some((e) => e.referrerId === parsed.r)) return gone();
  const already = await cards.mailed(batch);
  for (const referrerId of referrerIds) {
    if (already.has(referrerId)) continue;
    await logCard(deps, actor, batch, referrerId);
  }
  return { update: renderCardDay(batch, await cards.mailed(batch)) };
}

async function logCard(deps: CoreDeps, actor: Actor, batch: CardBatch, referrerId: string): Promise<void> {
  if (!batch.id) return;
  await deps.repos.touches.log(actor, {
    referrerId,
    kind: "thank_you",
    note: "Thank-you card mailed",
    occurredAt: deps.clock.now(),
    idempotencyKey: cardTouchKey(batch.id, referrerId),
    answers: touchAnswers("thank_you"),
  });
}

const FILE_REF = /^cards:([A-Za-z0-9_-]{1,64})$/;

/** The batch's PDF, with the reference a download link carries to make it again. */
async function cardFile(deps: CoreDeps, batch: CardBatch): Promise<ReplyFile | null> {
  if (!deps.cardPdf || !batch.id) return null;
  return {
    filename: `thank-you-cards-${batch.week}.pdf`,
    title: `Thank-you cards, ${batch.week}`,
    mimeType: "application/pdf",
    bytes: await deps.cardPdf(batch),
    ref: `cards:${batch.id}`,
  };
}

/** A card PDF again, from the reference its link carries; null for another reference or a batch that is gone. */
export async function cardFileFor(deps: CoreDeps, practiceId: string, ref: string): Promise<ReplyFile | null> {
  const id = FILE_REF.exec(ref)?.[1];
  if (!id || !deps.cards) return null;
  const batch = await deps.cards.findBatchById(practiceId, id);
  return batch ? cardFile(deps, batch) : null;
}
