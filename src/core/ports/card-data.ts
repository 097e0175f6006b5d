// What the weekly thank-you cards need from the database: who is owed a card, and the stored batches.

import type { CardFacts, CardReferrer } from "../cards/build-card-batch.ts";
import type { CardBatch, CardMailed } from "../cards/card-batch.ts";

/** The specialty of one of a referrer's newest referrals not yet thanked. */
export interface ReferralSpecialtyRow {
  referrerId: string;
  specialty: string;
  receivedAt: Date;
}

/** Whose unthanked referrals to read: received after `since` (the last thank-you; the epoch when never thanked). */
export interface UnthankedSince {
  referrerId: string;
  since: Date;
}

/** A card names what the newest few referrals were for: enough for a line, and a bounded read. */
export const SPECIALTY_REFERRALS_PER_REFERRER = 5;

/** A referrer who may be owed a card: their figures, and their clinic and mailing address. */
export interface OwedCard {
  facts: CardFacts;
  referrer: CardReferrer;
}

export interface CardDataPort {
  /** The practice's active referrers with referrals not yet thanked (their stats say so), in one query. */
  owedCards(practiceId: string): Promise<OwedCard[]>;
  /**
   * The specialties of each referrer's newest referrals received after their `since` (at most
   * SPECIALTY_REFERRALS_PER_REFERRER each, cancelled ones and those without a specialty left out), in one query.
   */
  unthankedSpecialties(practiceId: string, wanted: readonly UnthankedSince[]): Promise<ReferralSpecialtyRow[]>;
  findBatch(practiceId: string, week: string): Promise<CardBatch | null>;
  /** The practice's batch with this id; null for an unknown id or another practice's. */
  findBatchById(practiceId: string, id: string): Promise<CardBatch | null>;
  /** Stores the week's batch, unless one is stored already (another instance, an earlier try): returns the stored one. */
  saveBatch(batch: CardBatch): Promise<CardBatch>;
  /** Which referrers of the batch were marked mailed, by whom and when (the touches its buttons logged). */
  mailed(batch: CardBatch): Promise<Map<string, CardMailed>>;
}

/** Draws a batch as a printable PDF: the card texts, then the address labels. */
export type CardPdfRenderer = (batch: CardBatch) => Promise<Uint8Array>;
