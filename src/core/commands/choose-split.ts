// Picks which cut of "Dr. Lee sent a card" names the referrer, by asking the directory about each.
// Pure: the caller passes the lookup, so this works with any directory (or a fake in tests).
import type { NameSplit } from "./split-name-note.ts";

/** The part of a resolution this needs; ReferrerResolution fits. */
export type SplitOutcome = { kind: "one"; matchedOn?: string } | { kind: "ambiguous" } | { kind: "none" };

export interface ChosenSplit<R extends SplitOutcome> {
  split: NameSplit;
  resolution: R;
}

/**
 * In order: the longest name that resolves to one referrer without forgiving a typo; else the longest
 * name that is ambiguous or a forgiven typo (the longer name says more, "Jennifer Smyth" over "Jennifer");
 * else the shortest name, whose suggestions are about the name alone and not the note's first words.
 * Null only for an empty list. `splits` must be longest first, as the parser returns them.
 */
export function chooseSplit<R extends SplitOutcome>(
  splits: readonly NameSplit[],
  tryResolve: (name: string) => R,
): ChosenSplit<R> | null {
  const tried: ChosenSplit<R>[] = [];
  for (const split of splits) {
    const resolution = tryResolve(split.name);
    if (resolution.kind === "one" && resolution.matchedOn !== "fuzzy") return { split, resolution };
    tried.push({ split, resolution });
  }
  const partial = tried.find(({ resolution }) => resolution.kind !== "none");
  if (partial) return partial;
  return tried[tried.length - 1] ?? null;
}
