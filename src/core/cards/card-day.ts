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
  let oldest: Date | null = null;
  for (const f of facts) {
    if (f.unthankedCount > 0 && f.oldestUnthankedAt && (!oldest || f.oldestUnthankedAt < oldest))
      oldest = f.oldestUnthankedAt;
  }
  const rows = oldest ? await deps.cards.referralSpecialties(practice.id, oldest) : [];
  const lastThank = new Map(facts.map((f) => [f.referrerId, f.lastThankAt]));
  rows.sort((a, b) => b.lastAt.getTime() - a.lastAt.getTime());
  const specialties = new Map<string, string[]>();
  for (const row of rows) {
    // Only what came after the last thank-you: the card thanks for those.
    const thanked = lastThank.get(row.referrerId);
    if (thanked && row.lastAt <= thanked) continue;
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
