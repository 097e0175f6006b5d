// What the weekly thank-you cards need from the database, beside the digest's facts.

import type { CardReferrer } from "../cards/build-card-batch.ts";
import type { CardBatch, CardMailed } from "../cards/card-batch.ts";

/** One specialty a referrer's referrals were for, and the newest referral for it. */
export interface ReferralSpecialtyRow {
  referrerId: string;
  specialty: string;
  lastAt: Date;
}

export interface CardDataPort {
  /** The practice's active referrers with their clinic and mailing address. */
  cardReferrers(practiceId: string): Promise<CardReferrer[]>;
  /** Distinct (referrer, specialty) of referrals received since `since`, with the newest of each (cancelled left out). */
  referralSpecialties(practiceId: string, since: Date): Promise<ReferralSpecialtyRow[]>;
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
