// One week's thank-you cards, as the card-day message lists them. Stored once per practice and week
// (CardBatch), so Mailed, All mailed and Print act on the list that was sent, whenever they are clicked.
// Names, clinics, addresses, counts and specialties: never a patient.

/** A referrer's mailing address as it goes on an envelope; lines are empty when nothing is on file. */
export interface MailingAddress {
  line1: string | null;
  line2: string | null;
  city: string | null;
  state: string | null;
  postalCode: string | null;
}

export interface CardEntry {
  referrerId: string;
  referrerName: string;
  clinic: string | null;
  address: MailingAddress;
  /** Referrals received since the last thank-you. */
  unthanked: number;
  /** The oldest of them (ISO instant). */
  since: string;
  /** What they were referred for, distinct, at most three (the referrals' specialties, else the referrer's). */
  specialties: string[];
  /** "Dear Dr. Lee," */
  greeting: string;
  /** The suggested card text: the number of referrals and the specialties, nothing about a patient. */
  line: string;
}

export interface CardBatch {
  /** The stored batch's id (buttons carry it); null for a batch only printed (the CLI's preview). */
  id: string | null;
  practiceId: string;
  practiceName: string;
  /** ISO week, "2026-W49". */
  week: string;
  /** The local date of the card day, "YYYY-MM-DD". */
  cardDate: string;
  timeZone: string;
  entries: CardEntry[];
}

/** Who marked a card mailed, and when: read back from the thank-you touch the button logged. */
export interface CardMailed {
  by: string;
  at: Date;
}

/** The address as envelope lines: street lines, then "City, ST 12345"; empty when nothing is on file. */
export function addressLines(address: MailingAddress): string[] {
  const cityLine = [address.city, [address.state, address.postalCode].filter(Boolean).join(" ")]
    .filter((part) => part && part.length > 0)
    .join(", ");
  return [address.line1, address.line2, cityLine].filter((line): line is string => !!line && line.trim() !== "");
}

export function hasAddress(address: MailingAddress): boolean {
  return !!address.line1 && !!(address.city || address.postalCode);
}

/** The idempotency key of the thank-you touch a card of this batch logs: one per batch and referrer. */
export function cardTouchKey(batchId: string, referrerId: string): string {
  return `card:${batchId}:${referrerId}`;
}
