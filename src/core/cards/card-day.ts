// The week's batch of thank-you cards: built from the facts the digest reads, plus the referrers'
// addresses and what their unthanked referrals were for. The card-day delivery stores it (so the buttons
// act on what was sent); the CLI prints the stored one, or a preview built now.
import type { Practice } from "../model.ts";
import type { CardDataPort, DigestDataPort } from "../ports.ts";
import { buildCardBatch } from "./build-card-batch.ts";
import type { CardBatch } from "./card-batch.ts";

export interface CardDayDeps {
  digestData: Pick<DigestDataPort, "loadFacts">;
  cards: CardDataPort;
}

/** Builds the batch as of `now` (not stored). */
export async function buildCardBatchNow(
  deps: CardDayDeps,
  practice: Practice,
  week: string,
  now: Date,
): Promise<CardBatch> {
  const [facts, referrers] = await Promise.all([
    deps.digestData.loadFacts(practice.id),
    deps.cards.cardReferrers(practice.id),
  ]);
  const wanted = facts
    .filter((f) => f.status === "active" && f.unthankedCount > 0)
    .map((f) => ({ referrerId: f.referrerId, since: f.lastThankAt ?? new Date(0) }));
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
    referrers: new Map(referrers.map((r) => [r.id, r])),
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
