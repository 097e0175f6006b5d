// The typo fallback: Fuse finds last names that look like what was typed, then an edit distance over
// first and last name decides how close each referrer really is. Only runs when nothing matched exactly.
import Fuse from "fuse.js";
import { editDistance } from "./edit-distance.ts";
import { fitFirstName } from "./first-name-match.ts";
import { compact, type ReferrerIndex, spaced } from "./referrer-index.ts";

export interface FuzzyHit {
  entry: number;
  /** Edits between what was typed and the referrer's name (first name counted only if typed). */
  distance: number;
  /** Within the typo allowance for a query this long: a unique close hit may be taken as the answer. */
  close: boolean;
  fuseScore: number;
}

// Typos rarely change the first letter, and these consonant swaps cover the ones that do ("Cowalski").
// Each extra letter costs a search, so vowels, which rarely start a misspelt surname, have none.
const SOUND_ALIKE_FIRST_LETTERS: Record<string, string> = {
  c: "ks",
  k: "cq",
  q: "k",
  s: "cz",
  z: "s",
  f: "pv",
  p: "f",
  v: "fw",
  w: "v",
  g: "j",
  j: "gy",
  y: "j",
};

const FUSE_OPTIONS = { includeScore: true, threshold: 0.4, ignoreLocation: true, isCaseSensitive: true };
const FUSE_LIMIT = 10;
const MAX_DISTANCE = 3;
const MAX_TYPOS = 2;
// Only keys this close in length are searched: one letter dropped or doubled is the common slip, and
// each extra length band is another search (with 10,000 referrers a band can hold hundreds of names).
const LENGTH_SLACK = 1;
const MAX_LAST_NAME_TOKENS = 3;
const MAX_FIRST_NAME_TOKENS = 3;

/**
 * Last names are compared in their compact form ("leepark", "delacruz"), so a hyphen, a space or an
 * apostrophe typed differently is not a typo. A one-word query is searched with Fuse in the small index
 * for its (first letter, length); a multi-word last name ("de la Cruzz") is looked up by its exact first
 * word and compared by edit distance, which costs nothing when no last name starts with that word.
 */
export class FuzzyLastNames {
  private readonly buckets = new Map<string, Fuse<string>>();
  /** Each compact last name → the referrers who have it. */
  private readonly owners = new Map<string, number[]>();
  /** First word of a multi-word last name → the referrers who have such a name. */
  private readonly byCompoundHead = new Map<string, number[]>();

  constructor(private readonly index: ReferrerIndex) {
    const keysByBucket = new Map<string, string[]>();
    index.entries.forEach((entry, i) => {
      entry.lasts.forEach((last, variant) => {
        if (last.length > 1) addOnce(this.byCompoundHead, last[0]!, i);
        const key = entry.lastKeys[variant]!;
        if (this.owners.has(key)) {
          addOnce(this.owners, key, i);
          return;
        }
        this.owners.set(key, [i]);
        const bucket = bucketOf(key[0]!, key.length);
        const keys = keysByBucket.get(bucket) ?? [];
        keys.push(key);
        keysByBucket.set(bucket, keys);
      });
    });
    for (const [bucket, keys] of keysByBucket) this.buckets.set(bucket, new Fuse(keys, FUSE_OPTIONS));
  }

  /** Referrers whose names are near the typed tokens, closest first. */
  near(tokens: readonly string[]): FuzzyHit[] {
    const best = new Map<number, FuzzyHit>();
    const keep = (hit: FuzzyHit) => {
      const old = best.get(hit.entry);
      if (!old || hit.distance < old.distance || (hit.distance === old.distance && hit.fuseScore < old.fuseScore)) {
        best.set(hit.entry, hit);
      }
    };
    for (let size = 1; size <= Math.min(MAX_LAST_NAME_TOKENS, tokens.length); size++) {
      const typedFirst = tokens.slice(0, tokens.length - size);
      if (typedFirst.length > MAX_FIRST_NAME_TOKENS) continue;
      const typedLast = compact(tokens.slice(-size));
      if (size === 1) {
        for (const { key, fuseScore } of this.lastNamesLike(typedLast)) {
          for (const i of this.owners.get(key) ?? []) keep(this.measure(i, typedFirst, typedLast, fuseScore));
        }
      } else {
        const head = tokens[tokens.length - size]!;
        for (const i of this.byCompoundHead.get(head) ?? []) keep(this.measure(i, typedFirst, typedLast, 1));
      }
    }
    return [...best.values()].sort((a, b) => a.distance - b.distance || a.fuseScore - b.fuseScore);
  }

  /** `typedLast` is compact ("leeparc"), like the keys it is compared with. */
  private measure(i: number, typedFirst: readonly string[], typedLast: string, fuseScore: number): FuzzyHit {
    const entry = this.index.entries[i]!;
    let lastDistance = MAX_DISTANCE + 1;
    for (const key of entry.lastKeys) lastDistance = Math.min(lastDistance, editDistance(typedLast, key, MAX_DISTANCE));
    const firstDistance = firstNameDistance(typedFirst, entry.firsts);
    const distance = Math.min(MAX_DISTANCE + 1, lastDistance + firstDistance);
    // Each part within its own allowance: "Martini" is not "Martick" just because "James" matched.
    const close =
      distance <= MAX_TYPOS &&
      lastDistance <= typoAllowance(typedLast) &&
      firstDistance <= typoAllowance(spaced(typedFirst));
    return { entry: i, distance, close, fuseScore };
  }

  /**
   * Keys that look like `typed`, from the buckets of its first letter and then, only if none of those is
   * within the typo allowance, of the letters it is often confused with: "Kohen" is not also searched
   * as "Cohen" once a Kohen is close, which halves the cost of the common case.
   */
  private lastNamesLike(typed: string): Array<{ key: string; fuseScore: number }> {
    const found: Array<{ key: string; fuseScore: number }> = [];
    const first = typed[0]!;
    const allowance = typoAllowance(typed);
    for (const letter of first + (SOUND_ALIKE_FIRST_LETTERS[first] ?? "")) {
      if (letter !== first && found.some(({ key }) => editDistance(typed, key, allowance) <= allowance)) break;
      for (let length = typed.length - LENGTH_SLACK; length <= typed.length + LENGTH_SLACK; length++) {
        const fuse = this.buckets.get(bucketOf(letter, length));
        if (!fuse) continue;
        for (const result of fuse.search(typed, { limit: FUSE_LIMIT })) {
          found.push({ key: result.item, fuseScore: result.score ?? 1 });
        }
      }
    }
    return found;
  }
}

function addOnce(map: Map<string, number[]>, key: string, i: number): void {
  const list = map.get(key);
  if (!list) map.set(key, [i]);
  else if (list[list.length - 1] !== i) list.push(i);
}

function bucketOf(letter: string, length: number): string {
  return `${letter}${length}`;
}

/** One typo in a name of four to seven letters, two in a longer one, none in a shorter one ("Le" is not "Lee"). */
export function typoAllowance(typed: string): number {
  const letters = typed.replace(/ /g, "").length;
  if (letters < 4) return 0;
  return letters < 8 ? 1 : 2;
}

function firstNameDistance(typed: readonly string[], firsts: readonly string[][]): number {
  if (typed.length === 0) return 0;
  if (firsts.some((first) => fitFirstName(typed, first) !== "no")) return 0;
  if (firsts.length === 0) return MAX_DISTANCE + 1;
  const wanted = spaced(typed);
  return Math.min(...firsts.map((first) => editDistance(wanted, spaced(first.slice(0, typed.length)), MAX_DISTANCE)));
}
