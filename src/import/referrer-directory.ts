// Finds the referrer a report row means, or makes a new one. An NPI is an identity, so it is matched
// first; without one (or with one we have never seen) the name and clinic are compared, folded so that
// "LEE, JENNIFER MD" at "Riverside Family Health, P.C." is Dr. Jennifer Lee at Riverside Family Health PC.
// The whole practice's referrers are read once per import: a few thousand rows at most.
import { randomUUID } from "node:crypto";
import type { Referrer } from "../core/model.ts";
import { isCredentialWord } from "../core/referrers/name-words.ts";
import { foldName, normalizeName } from "../core/referrers/normalize-name.ts";
import { splitReferrerName } from "../core/validation/referrer-input.ts";
import type { PrismaDb } from "../db/database.ts";
import type { TReferralRow } from "./referral-row.ts";

interface KnownReferrer {
  id: string;
  npi: string | null;
  nameKey: string;
  clinicKey: string;
  clinic: string | null;
}

/** A referrer the import creates: the model's fields a report can fill in. */
export type NewReferrerRow = Pick<
  Referrer,
  "id" | "practiceId" | "displayName" | "firstName" | "lastName" | "credentials" | "clinic" | "specialty" | "npi"
>;

export interface ReferrerPatch {
  id: string;
  data: { npi?: string; clinic?: string };
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

/** "JENNIFER O'BRIEN-LEE" → "Jennifer O'Brien-Lee"; names already in mixed case are left as typed. */
function tidyCase(name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, "");
  if (letters === "" || letters !== letters.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s\-'’.])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

export class ReferrerDirectory {
  private readonly byNpi = new Map<string, KnownReferrer>();
  private readonly byNameAndClinic = new Map<string, KnownReferrer>();
  private readonly byName = new Map<string, KnownReferrer[]>();
  private creates: NewReferrerRow[] = [];
  private patches = new Map<string, ReferrerPatch["data"]>();
  private readonly resolved = new Map<string, string>();
  /** Referrers this import created, over all batches. */
  createdCount = 0;

  private constructor(private readonly practiceId: string) {}

  static async load(prisma: PrismaDb, practiceId: string): Promise<ReferrerDirectory> {
    const directory = new ReferrerDirectory(practiceId);
    const rows = await prisma.referrer.findMany({
      where: { practiceId },
      select: { id: true, npi: true, displayName: true, clinic: true },
      orderBy: { createdAt: "asc" },
    });
    for (const row of rows) directory.remember({ id: row.id, npi: row.npi, clinic: row.clinic, name: row.displayName });
    return directory;
  }

  private remember(r: { id: string; npi: string | null; clinic: string | null; name: string }): KnownReferrer {
    const known: KnownReferrer = {
      id: r.id,
      npi: r.npi,
      nameKey: referrerNameKey(r.name),
      clinicKey: clinicKey(r.clinic),
      clinic: r.clinic,
    };
    if (known.npi && !this.byNpi.has(known.npi)) this.byNpi.set(known.npi, known);
    const key = `${known.nameKey}|${known.clinicKey}`;
    if (!this.byNameAndClinic.has(key)) this.byNameAndClinic.set(key, known);
    const sameName = this.byName.get(known.nameKey) ?? [];
    sameName.push(known);
    this.byName.set(known.nameKey, sameName);
    return known;
  }

  /** The referrer's id for this row; a referrer not known yet is queued for creation. */
  resolve(row: TReferralRow): string {
    // A report repeats the same few thousand provider cells; folding a name is the costly part, so each
    // combination is resolved once. The answer cannot change later: whatever it finds or creates keeps
    // the NPI, name and clinic that led to it.
    const cacheKey = `${row.npi ?? ""}\u0000${row.providerName}\u0000${row.clinic ?? ""}`;
    const cached = this.resolved.get(cacheKey);
    if (cached !== undefined) return cached;
    const id = this.resolveUncached(row);
    this.resolved.set(cacheKey, id);
    return id;
  }

  private resolveUncached(row: TReferralRow): string {
    if (row.npi) {
      const byNpi = this.byNpi.get(row.npi);
      if (byNpi) return byNpi.id;
    }
    const name = tidyCase(firstNameFirst(row.providerName));
    const nameKey = referrerNameKey(name);
    const rowClinic = clinicKey(row.clinic);
    let match = this.byNameAndClinic.get(`${nameKey}|${rowClinic}`);
    if (!match) {
      // One referrer of that name, and one side does not say the clinic: the same person.
      const sameName = this.byName.get(nameKey) ?? [];
      const candidates = rowClinic === "" ? sameName : sameName.filter((k) => k.clinicKey === "");
      if (candidates.length === 1) match = candidates[0];
    }
    // A different NPI on file is a different person who shares the name (there are two Dr. Lees).
    if (match && !(row.npi && match.npi && match.npi !== row.npi)) {
      this.fillIn(match, row);
      return match.id;
    }
    return this.create(name, row);
  }

  private fillIn(known: KnownReferrer, row: TReferralRow) {
    const data = this.patches.get(known.id) ?? {};
    if (row.npi && !known.npi && !this.byNpi.has(row.npi)) {
      known.npi = row.npi;
      this.byNpi.set(row.npi, known);
      data.npi = row.npi;
    }
    if (row.clinic && !known.clinic) {
      known.clinic = row.clinic;
      known.clinicKey = clinicKey(row.clinic);
      this.byNameAndClinic.set(`${known.nameKey}|${known.clinicKey}`, known);
      data.clinic = row.clinic;
    }
    if (Object.keys(data).length > 0) this.patches.set(known.id, data);
  }

  private create(name: string, row: TReferralRow): string {
    const parts = splitReferrerName(name);
    const npi = row.npi && !this.byNpi.has(row.npi) ? row.npi : null;
    const created: NewReferrerRow = {
      id: randomUUID(),
      practiceId: this.practiceId,
      displayName: parts.displayName,
      firstName: parts.firstName ?? null,
      lastName: parts.lastName,
      credentials: parts.credentials ?? null,
      clinic: row.clinic,
      specialty: row.referrerSpecialty,
      npi,
    };
    this.creates.push(created);
    this.createdCount++;
    this.remember({ id: created.id, npi, clinic: row.clinic, name: parts.displayName });
    return created.id;
  }

  /** What the batch being built must write for referrers; the queue starts empty again. */
  takeChanges(): { creates: NewReferrerRow[]; patches: ReferrerPatch[] } {
    const changes = {
      creates: this.creates,
      patches: [...this.patches].map(([id, data]) => ({ id, data })),
    };
    // A referrer created in this batch is written with its filled-in values already.
    const createdIds = new Set(this.creates.map((c) => c.id));
    for (const c of this.creates) {
      const patch = this.patches.get(c.id);
      if (patch?.npi) c.npi = patch.npi;
      if (patch?.clinic) c.clinic = patch.clinic;
    }
    changes.patches = changes.patches.filter((p) => !createdIds.has(p.id));
    this.creates = [];
    this.patches = new Map();
    return changes;
  }
}
