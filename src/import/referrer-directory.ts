// Finds the referrer a report row means, or makes a new one, by the same rule as the chat form and the CLI
// (findSameReferrer in core/referrers/referrer-identity.ts). The whole practice's referrers are read once per
// import (a few thousand at most) and indexed by NPI and name, so each row is compared only with the few
// referrers that could be it.
import { randomUUID } from "node:crypto";
import type { Referrer } from "../core/model.ts";
import type { ImportStore } from "../core/ports.ts";
import {
  clinicKey,
  findSameReferrer,
  firstNameFirst,
  type ReferrerIdentity,
  referrerNameKey,
} from "../core/referrers/referrer-identity.ts";
import { splitReferrerName } from "../core/validation/referrer-input.ts";
import type { TReferralRow } from "./referral-row.ts";

interface KnownReferrer extends ReferrerIdentity {
  id: string;
  clinic: string | null;
  /** A mailing address is on file (or queued): a report's address fills in only a missing one. */
  hasAddress: boolean;
}

const ADDRESS_FIELDS = ["addressLine1", "addressLine2", "city", "state", "postalCode"] as const;
type AddressData = Partial<Record<(typeof ADDRESS_FIELDS)[number], string>>;

/** A referrer the import creates: the model's fields a report can fill in. */
export type NewReferrerRow = Pick<
  Referrer,
  "id" | "practiceId" | "displayName" | "firstName" | "lastName" | "credentials" | "clinic" | "specialty" | "npi"
> &
  AddressData;

export interface ReferrerPatch {
  id: string;
  data: { npi?: string; clinic?: string } & AddressData;
}

/** "JENNIFER O'BRIEN-LEE" → "Jennifer O'Brien-Lee"; names already in mixed case are left as typed. */
function tidyCase(name: string): string {
  const letters = name.replace(/[^\p{L}]/gu, "");
  if (letters === "" || letters !== letters.toUpperCase()) return name;
  return name.toLowerCase().replace(/(^|[\s\-'’.])(\p{L})/gu, (_, sep: string, ch: string) => sep + ch.toUpperCase());
}

export class ReferrerDirectory {
  private readonly byNpi = new Map<string, KnownReferrer>();
  private readonly byName = new Map<string, KnownReferrer[]>();
  private creates: NewReferrerRow[] = [];
  private patches = new Map<string, ReferrerPatch["data"]>();
  private readonly resolved = new Map<string, string>();
  /** Referrers this import created, over all batches. */
  createdCount = 0;

  private constructor(private readonly practiceId: string) {}

  static async load(store: Pick<ImportStore, "referrerIdentities">, practiceId: string): Promise<ReferrerDirectory> {
    const directory = new ReferrerDirectory(practiceId);
    const rows = await store.referrerIdentities(practiceId);
    for (const row of rows) {
      directory.remember({
        id: row.id,
        npi: row.npi,
        clinic: row.clinic,
        name: row.displayName,
        hasAddress: !!row.addressLine1,
      });
    }
    return directory;
  }

  private readonly byId = new Map<string, KnownReferrer>();

  private remember(r: {
    id: string;
    npi: string | null;
    clinic: string | null;
    name: string;
    hasAddress: boolean;
  }): KnownReferrer {
    const known: KnownReferrer = {
      hasAddress: r.hasAddress,
      id: r.id,
      npi: r.npi,
      nameKey: referrerNameKey(r.name),
      clinicKey: clinicKey(r.clinic),
      clinic: r.clinic,
    };
    this.byId.set(known.id, known);
    if (known.npi && !this.byNpi.has(known.npi)) this.byNpi.set(known.npi, known);
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
    const id = cached ?? this.resolveUncached(row);
    if (cached === undefined) this.resolved.set(cacheKey, id);
    if (row.addressLine1) this.fillInAddress(id, row);
    return id;
  }

  /** The first address a report gives a referrer with none on file; an address on file is never overwritten. */
  private fillInAddress(id: string, row: TReferralRow) {
    const known = this.byId.get(id);
    if (!known || known.hasAddress) return;
    known.hasAddress = true;
    const data = this.patches.get(id) ?? {};
    for (const field of ADDRESS_FIELDS) {
      const value = row[field];
      if (value) data[field] = value;
    }
    this.patches.set(id, data);
  }

  private resolveUncached(row: TReferralRow): string {
    const name = tidyCase(firstNameFirst(row.providerName));
    const identity: ReferrerIdentity = {
      npi: row.npi,
      nameKey: referrerNameKey(name),
      clinicKey: clinicKey(row.clinic),
    };
    // Only a referrer with the row's NPI or name key can be the one; the rule decides among them.
    const byNpi = row.npi ? this.byNpi.get(row.npi) : undefined;
    const sameName = this.byName.get(identity.nameKey) ?? [];
    const same = findSameReferrer(byNpi ? [byNpi, ...sameName] : sameName, identity);
    if (!same) return this.create(name, row);
    if (same.reason !== "npi") this.fillIn(same.referrer, row);
    return same.referrer.id;
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
    // The address comes with the first row that has one (fillInAddress), this one or a later one.
    this.remember({ id: created.id, npi, clinic: row.clinic, name: parts.displayName, hasAddress: false });
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
      for (const field of ADDRESS_FIELDS) {
        const value = patch?.[field];
        if (value) c[field] = value;
      }
    }
    changes.patches = changes.patches.filter((p) => !createdIds.has(p.id));
    this.creates = [];
    this.patches = new Map();
    return changes;
  }
}
