// Who a referrer is, as the chat form, the CLI and the import all decide it: one rule, here.
// An NPI is an identity, so it decides first. Without a shared NPI the name and clinic are compared, folded
// so that "LEE, JENNIFER MD" at "Riverside Family Health, P.C." is Dr. Jennifer Lee at Riverside Family
// Health PC. A known referrer with a different NPI on file is a different person who shares the name.
import { isCredentialWord } from "./name-words.ts";
import { foldName, normalizeName } from "./normalize-name.ts";

/** What identity is decided on, folded once (building the keys is the costly part). */
export interface ReferrerIdentity {
  npi: string | null;
  /** referrerNameKey of the name. */
  nameKey: string;
  /** clinicKey of the clinic; "" when there is none. */
  clinicKey: string;
}

/** Why a known referrer is the one meant. */
export type SameReferrerReason = "npi" | "name_and_clinic" | "name";

export interface SameReferrer<T> {
  referrer: T;
  reason: SameReferrerReason;
}

/** The keys of a referrer or of a typed one: its NPI, its name and its clinic as compared. */
export function identityOf(r: { npi?: string | null; name: string; clinic?: string | null }): ReferrerIdentity {
  return { npi: r.npi || null, nameKey: referrerNameKey(r.name), clinicKey: clinicKey(r.clinic) };
}

/**
 * The known referrer `input` means, or null for a new one. Same NPI: the same referrer. Else the same name
 * at the same clinic (the first such, in the order given), or, when one side says no clinic, the only
 * referrer of that name there is. Either way not one whose NPI on file differs from the input's.
 * `known` may be only the candidates worth comparing (those with the input's NPI or name key): the answer
 * is the same, since no other referrer can match.
 */
export function findSameReferrer<T extends ReferrerIdentity>(
  known: readonly T[],
  input: ReferrerIdentity,
): SameReferrer<T> | null {
  if (input.npi) {
    const byNpi = known.find((k) => k.npi === input.npi);
    if (byNpi) return { referrer: byNpi, reason: "npi" };
  }
  const sameName = known.filter((k) => k.nameKey === input.nameKey);
  let match: SameReferrer<T> | null = null;
  const sameClinic = sameName.find((k) => k.clinicKey === input.clinicKey);
  if (sameClinic) match = { referrer: sameClinic, reason: "name_and_clinic" };
  else {
    const candidates = input.clinicKey === "" ? sameName : sameName.filter((k) => k.clinicKey === "");
    if (candidates.length === 1) match = { referrer: candidates[0]!, reason: "name" };
  }
  if (match && input.npi && match.referrer.npi && match.referrer.npi !== input.npi) return null;
  return match;
}

/** Tokens of the name, first name first, without titles, credentials or middle initials. */
export function referrerNameKey(name: string): string {
  return normalizeName(firstNameFirst(name), { expandUmlauts: true })
    .filter((token) => token.length > 1)
    .join(" ");
}

/** What a practice is registered as, not what it is called: "Riverside Family Health, P.C." is Riverside Family Health. */
const ENTITY_SUFFIXES = new Set([
  "pc",
  "pllc",
  "llc",
  "llp",
  "lp",
  "inc",
  "incorporated",
  "ltd",
  "corp",
  "corporation",
  "co",
  "pa",
  "sc",
]);

/** Case, punctuation, "&"/"and" and a trailing "P.C." or "LLC" do not make two clinics. */
export function clinicKey(clinic: string | null | undefined): string {
  if (!clinic) return "";
  const words = foldName(clinic.replace(/\./g, "").replace(/&/g, " and "), { expandUmlauts: true }).split(" ");
  while (words.length > 1 && ENTITY_SUFFIXES.has(words.at(-1)!)) words.pop();
  return words.join(" ");
}

/**
 * "Lee, Jennifer MD" → "Jennifer Lee, MD", the order splitReferrerName expects. "Lee, MD" stays as it is:
 * what follows the comma is credentials, not a first name.
 */
export function firstNameFirst(raw: string): string {
  const comma = raw.indexOf(",");
  if (comma < 0) return raw.trim();
  const last = raw.slice(0, comma).trim();
  const words = raw
    .slice(comma + 1)
    .split(/[\s,]+/)
    .filter(Boolean);
  const credentials = words.filter((w) => isCredentialWord(w));
  const given = words.filter((w) => !isCredentialWord(w));
  // "De La Cruz, Maria" has a three-word surname; a longer run before the comma is not a surname.
  if (given.length === 0 || given.length > 3 || last.split(/\s+/).length > 3) return raw.trim();
  return `${given.join(" ")} ${last}${credentials.length ? `, ${credentials.join(" ")}` : ""}`;
}
