// The lookup tables behind the directory, built once per referrer list: every way a referrer is
// commonly named maps to the referrers it could mean, so exact lookups are a handful of Map reads.
import type { Referrer } from "../model.ts";
import { normalizeNameVariants } from "./normalize-name.ts";

export interface IndexedReferrer {
  referrer: Referrer;
  /** Display-name tokens (each spelling variant), in the order written. */
  names: string[][];
  firsts: string[][];
  lasts: string[][];
  /** Each last-name variant in compact form ("leepark"), as the typo search compares them. */
  lastKeys: string[];
  /** Folded display name: orders equally good matches alphabetically without a locale compare per lookup. */
  sortKey: string;
}

export interface ReferrerIndex {
  entries: IndexedReferrer[];
  byName: Map<string, number[]>;
  byAlias: Map<string, number[]>;
  byLast: Map<string, number[]>;
  byToken: Map<string, number[]>;
  byNpi: Map<string, number[]>;
  byId: Map<string, number>;
}

export function spaced(tokens: readonly string[]): string {
  return tokens.join(" ");
}

export function compact(tokens: readonly string[]): string {
  return tokens.join("");
}

export function buildReferrerIndex(referrers: readonly Referrer[]): ReferrerIndex {
  const index: ReferrerIndex = {
    entries: [],
    byName: new Map(),
    byAlias: new Map(),
    byLast: new Map(),
    byToken: new Map(),
    byNpi: new Map(),
    byId: new Map(),
  };
  referrers.forEach((referrer, i) => {
    const entry = indexEntry(referrer);
    index.entries.push(entry);
    index.byId.set(referrer.id, i);
    const fullNames = [...entry.names, ...entry.firsts.flatMap((f) => entry.lasts.map((l) => [...f, ...l]))];
    for (const tokens of fullNames) addKeys(index.byName, tokens, i);
    for (const alias of referrer.aliases) {
      for (const tokens of normalizeNameVariants(alias)) addKeys(index.byAlias, tokens, i);
    }
    for (const tokens of entry.lasts) addKeys(index.byLast, tokens, i);
    for (const token of new Set([...entry.names, ...entry.firsts, ...entry.lasts].flat())) add(index.byToken, token, i);
    const npi = referrer.npi?.replace(/\D/g, "");
    if (npi) add(index.byNpi, npi, i);
  });
  return index;
}

function indexEntry(referrer: Referrer): IndexedReferrer {
  const names = nonEmpty(normalizeNameVariants(referrer.displayName));
  const lasts = nonEmpty(normalizeNameVariants(referrer.lastName));
  const firsts = referrer.firstName
    ? nonEmpty(normalizeNameVariants(referrer.firstName))
    : nonEmpty(names.map((name) => firstPartOf(name, lasts)));
  return { referrer, names, firsts, lasts, lastKeys: lasts.map(compact), sortKey: spaced(names[0] ?? []) };
}

/** Without a stored first name, whatever comes before the last name in the display name is the first name. */
function firstPartOf(name: string[], lasts: string[][]): string[] {
  for (const last of lasts) {
    if (last.length > 0 && spaced(name.slice(-last.length)) === spaced(last)) return name.slice(0, -last.length);
  }
  return [];
}

function nonEmpty(variants: string[][]): string[][] {
  return variants.filter((tokens) => tokens.length > 0);
}

function addKeys(map: Map<string, number[]>, tokens: readonly string[], i: number): void {
  if (tokens.length === 0) return;
  add(map, spaced(tokens), i);
  // "Lee-Park" is also "leepark" and "O Brien" also "obrien": the compact key catches both ways of typing it.
  add(map, compact(tokens), i);
}

function add(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}
