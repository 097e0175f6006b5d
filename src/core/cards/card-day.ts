// The week's batch of thank-you cards: built from the figures of the referrers owed one (ReferrerStats,
// which the digest reads too) with their addresses, and what their unthanked referrals were for. The
// card-day delivery stores it (so the buttons act on what was sent); the CLI prints the stored one, or a
// preview built now.
import type { Practice } from "../model.ts";
import type { CardDataPort } from "../ports.ts";
import { buildCardBatch } from "./build-card-batch.ts";
import type { CardBatch } from "./card-batch.ts";

export interface CardDayDeps {
  cards: CardDataPort;
}

/** Builds the batch as of `now` (not stored). */
export async function buildCardBatchNow(
  deps: CardDayDeps,
  practice: Practice,
  week: string,
  now: Date,
): Promise<CardBatch> {
  // Only the referrers owed a card, and only the figures a card needs: the digest's facts for all 2,000
  // referrers (each with 400 days of counts) and a second read for the addresses cost 30 ms.
  const owed = await deps.cards.owedCards(practice.id);
  const facts = owed.map((o) => o.facts);
  const wanted = facts.map((f) => ({ referrerId: f.referrerId, since: f.lastThankAt ?? new Date(0) }));
  const rows = wanted.length > 0 ? await deps.cards.unthankedSpecialties(practice.id, wanted) : [];
  rows.sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime());
  const specialties = new Map<string, string[]>();
  for (const row of rows) {
    const list = specialties.get(row.referrerId);
    if (list) list.push(row.specialty);
    else specialties.set(row.referrerId, [row.specialty]);
  }
  return buildCardBatch({
    practice,
    week,
    now,
    facts,
    referrers: new Map(owed.map((o) => [o.referrer.id, o.referrer])),
    specialties,
  });
}

/** The week's stored batch, built and stored now if there is none yet (card day, or a retry of it). */
export async function storedCardBatch(
  deps: CardDayDeps,
  practice: Practice,
  week: string,
  now: Date,
): Promise<CardBatch> {
  const kept = await deps.cards.findBatch(practice.id, week);
  if (kept) return kept;
  return deps.cards.saveBatch(await buildCardBatchNow(deps, practice, week, now));
}

/** The week's stored batch if there is one, else a preview built now (nothing stored): what the CLI prints. */
export async function cardBatchForPrint(
  deps: CardDayDeps,
  practice: Practice,
  week: string,
  now: Date,
): Promise<CardBatch> {
  return (await deps.cards.findBatch(practice.id, week)) ?? buildCardBatchNow(deps, practice, week, now);
}
