// Every referrer a query names without forgiving typos, each with how strongly it matched.
// Scores only order the tiers: a full name beats an alias beats first+last beats a bare last name.
import { fitFirstName } from "./first-name-match.ts";
import { compact, type IndexedReferrer, type ReferrerIndex, spaced } from "./referrer-index.ts";
import type { MatchedOn } from "./resolution.ts";

export interface Hit {
  entry: number;
  matchedOn: MatchedOn;
  score: number;
}

const SCORES = {
  full_name: 100,
  alias: 95,
  first_last: 90,
  first_prefix_last: 85,
  initial_last: 80,
  last_name: 70,
  // "Lee, Jennifer" names every word of Jennifer Lee's name, but only some of Jennifer Lee-Park's.
  name_tokens_all: 68,
  name_tokens_in_order: 65,
  name_tokens: 60,
  // Compact keys ("leepark") are a guess about spacing, so they rank just under the spaced form.
  compact_penalty: 2,
} as const;

/** Shown when a name is ambiguous; matches the directory's limit. */
export const MAX_CANDIDATES = 5;

// A first name typed in front of a last name is at most this many tokens ("Mary Ann Elizabeth").
const MAX_FIRST_TOKENS = 3;

export function exactHits(index: ReferrerIndex, variants: readonly string[][]): Map<number, Hit> {
  const hits = new Map<number, Hit>();
  const keep = (entry: number, matchedOn: MatchedOn, score: number) => {
    const old = hits.get(entry);
    if (!old || old.score < score) hits.set(entry, { entry, matchedOn, score });
  };
  for (const tokens of variants) {
    if (tokens.length === 0) continue;
    lookUp(index.byName, tokens, (i, penalty) => keep(i, "full_name", SCORES.full_name - penalty));
    lookUp(index.byAlias, tokens, (i, penalty) => keep(i, "alias", SCORES.alias - penalty));
    lookUp(index.byLast, tokens, (i, penalty) => keep(i, "last_name", SCORES.last_name - penalty));
    firstThenLast(index, tokens, keep);
    tokenSet(index, tokens, hits, keep);
  }
  return hits;
}

function lookUp(map: Map<string, number[]>, tokens: readonly string[], found: (i: number, penalty: number) => void) {
  for (const i of map.get(spaced(tokens)) ?? []) found(i, 0);
  if (tokens.length > 1) for (const i of map.get(compact(tokens)) ?? []) found(i, SCORES.compact_penalty);
}

/** "J. Lee", "Jen Lee", "Jennifer Lee Park": try each place the first name could end. */
function firstThenLast(
  index: ReferrerIndex,
  tokens: readonly string[],
  keep: (entry: number, matchedOn: MatchedOn, score: number) => void,
) {
  for (let cut = 1; cut < tokens.length && cut <= MAX_FIRST_TOKENS; cut++) {
    const typedFirst = tokens.slice(0, cut);
    lookUp(index.byLast, tokens.slice(cut), (i, penalty) => {
      const entry = index.entries[i]!;
      const fits = entry.firsts.map((first) => fitFirstName(typedFirst, first));
      if (fits.includes("exact")) keep(i, "first_last", SCORES.first_last - penalty);
      else if (fits.includes("prefix")) keep(i, "first_last", SCORES.first_prefix_last - penalty);
      else if (fits.includes("initials")) keep(i, "initial_last", SCORES.initial_last - penalty);
    });
  }
}

/** Every typed word is one of the referrer's name words, in any order ("Cruz", "Lee, Jennifer"). */
function tokenSet(
  index: ReferrerIndex,
  tokens: readonly string[],
  hits: Map<number, Hit>,
  keep: (entry: number, matchedOn: MatchedOn, score: number) => void,
) {
  // Five active referrers already matched more strongly: this tier could not change the answer or the
  // candidates shown, and a common word ("Lee") would add thousands of hits for nothing.
  let strongActive = 0;
  for (const i of hits.keys()) if (index.entries[i]!.referrer.status === "active") strongActive++;
  if (strongActive >= MAX_CANDIDATES) return;
  const words = tokens.filter((t) => t.length > 1);
  if (words.length === 0) return;
  const lists: number[][] = [];
  for (const word of words) {
    const list = index.byToken.get(word);
    if (!list) return;
    lists.push(list);
  }
  lists.sort((a, b) => a.length - b.length);
  const [shortest, ...others] = lists;
  const initials = tokens.filter((t) => t.length === 1);
  for (const i of shortest!) {
    if (!others.every((list) => includesSorted(list, i))) continue;
    const entry = index.entries[i]!;
    if (initials.length > 0 && !hasInitials(entry, initials)) continue;
    const coversName = entry.names.some((name) => name.length === tokens.length);
    const inOrder = entry.names.some((name) => isSubsequence(tokens, name));
    const score = coversName ? SCORES.name_tokens_all : inOrder ? SCORES.name_tokens_in_order : SCORES.name_tokens;
    keep(i, "name_tokens", score);
  }
}

/** Posting lists are built in entry order, so they are sorted and a binary search beats building a Set. */
function includesSorted(list: readonly number[], wanted: number): boolean {
  let low = 0;
  let high = list.length - 1;
  while (low <= high) {
    const mid = (low + high) >> 1;
    const value = list[mid]!;
    if (value === wanted) return true;
    if (value < wanted) low = mid + 1;
    else high = mid - 1;
  }
  return false;
}

function hasInitials(entry: IndexedReferrer, initials: readonly string[]): boolean {
  const words = [...entry.names.flat(), ...entry.firsts.flat(), ...entry.lasts.flat()];
  return initials.every((letter) => words.some((w) => w.startsWith(letter)));
}

function isSubsequence(needle: readonly string[], haystack: readonly string[]): boolean {
  let at = 0;
  for (const word of haystack) {
    const wanted = needle[at];
    if (wanted !== undefined && (word === wanted || (wanted.length === 1 && word.startsWith(wanted)))) at++;
  }
  return at === needle.length;
}
