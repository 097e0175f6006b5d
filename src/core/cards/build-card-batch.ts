// Card day: every thank-you the practice owes, gathered into one list for whoever writes the cards.
// Pure: the figures (ReferrerStats), the referrers' names and addresses and what their unthanked referrals
// were for go in; the week's batch comes out. Linear in the number of referrers.
import type { Practice } from "../model.ts";
import type { ReferrerFacts } from "../nudges/referrer-facts.ts";
import { type WelcomeFacts, welcomeRule } from "../nudges/rules/welcome.ts";
import type { CardBatch, CardEntry } from "./card-batch.ts";
import { cardGreeting, cardLine } from "./card-line.ts";
import { cardDateOf } from "./card-week.ts";

/** What a card needs to know about a referrer beyond their facts. */
export interface CardReferrer {
  id: string;
  displayName: string;
  firstName: string | null;
  lastName: string;
  clinic: string | null;
  specialty: string | null;
  addressLine1?: string | null;
  addressLine2?: string | null;
  city?: string | null;
  state?: string | null;
  postalCode?: string | null;
}

/** What a card reads of a referrer's figures: the digest's facts have them, and so does CardDataPort.owedCards. */
export type CardFacts = WelcomeFacts &
  Pick<ReferrerFacts, "unthankedCount" | "oldestUnthankedAt" | "lastReferralAt" | "lastThankAt">;

export interface CardBatchInput {
  practice: Pick<Practice, "id" | "name" | "timeZone" | "settings">;
  week: string;
  now: Date;
  facts: readonly CardFacts[];
  referrers: ReadonlyMap<string, CardReferrer>;
  /** The specialties of each referrer's referrals not yet thanked, most recent first (may be absent). */
  specialties: ReadonlyMap<string, readonly string[]>;
}

export const MAX_SPECIALTIES = 3;
const NO_FIGURES = { topThreshold: null, volume12: new Map<string, number>() };

export function buildCardBatch(input: CardBatchInput): CardBatch {
  const { practice, now } = input;
  const ruleCtx = { now, timeZone: practice.timeZone, settings: practice.settings, figures: NO_FIGURES };
  const entries: CardEntry[] = [];
  for (const facts of input.facts) {
    if (facts.status !== "active" || facts.unthankedCount <= 0) continue;
    // A first referral ever is thanked by the welcome call, while that call is still to make.
    if (welcomeRule(facts, ruleCtx)) continue;
    const referrer = input.referrers.get(facts.referrerId);
    if (!referrer) continue;
    const since = facts.oldestUnthankedAt ?? facts.lastReferralAt;
    if (!since) continue;
    const specialties = distinct(input.specialties.get(facts.referrerId) ?? [], referrer.specialty);
    entries.push({
      referrerId: facts.referrerId,
      referrerName: referrer.displayName,
      clinic: referrer.clinic,
      address: {
        line1: referrer.addressLine1 ?? null,
        line2: referrer.addressLine2 ?? null,
        city: referrer.city ?? null,
        state: referrer.state ?? null,
        postalCode: referrer.postalCode ?? null,
      },
      unthanked: facts.unthankedCount,
      since: since.toISOString(),
      specialties,
      greeting: cardGreeting(referrer),
      line: cardLine(facts.unthankedCount, specialties),
    });
  }
  // Those who sent the most first, then those who have waited longest, then by name: a stable list.
  entries.sort(
    (a, b) =>
      b.unthanked - a.unthanked ||
      // ISO times of one format: compared as text they sort as times, without the collator's cost.
      (a.since < b.since ? -1 : a.since > b.since ? 1 : 0) ||
      a.referrerName.localeCompare(b.referrerName) ||
      (a.referrerId < b.referrerId ? -1 : 1),
  );
  return {
    id: null,
    practiceId: practice.id,
    practiceName: practice.name,
    week: input.week,
    cardDate: cardDateOf(input.week, practice),
    timeZone: practice.timeZone,
    entries,
  };
}

/** The referrals' specialties, each once (ignoring case), else the referrer's own; at most MAX_SPECIALTIES. */
function distinct(specialties: readonly string[], fallback: string | null): string[] {
  const out: string[] = [];
  for (const raw of specialties.length > 0 ? specialties : fallback ? [fallback] : []) {
    const text = raw.trim();
    if (text === "" || out.some((s) => s.toLowerCase() === text.toLowerCase())) continue;
    out.push(text);
    if (out.length === MAX_SPECIALTIES) break;
  }
  return out;
}
