// What resolving a typed name gives back: one referrer, a short list to choose from, or nothing (with near names).
import type { Referrer } from "../model.ts";

/** Which part of the directory the query met, strongest first; "fuzzy" means a typo was forgiven. */
export type MatchedOn =
  | "npi"
  | "full_name"
  | "alias"
  | "first_last"
  | "initial_last"
  | "last_name"
  | "name_tokens"
  | "fuzzy";

export type ReferrerResolution =
  | {
      kind: "one";
      referrer: Referrer;
      matchedOn: MatchedOn;
      /** True when only an archived referrer matched: say so before logging anything against them. */
      archived: boolean;
    }
  | {
      kind: "ambiguous";
      /** Best first, at most 5. */
      candidates: Referrer[];
      /** True when every candidate is archived (no active referrer matched). */
      archived: boolean;
    }
  | {
      kind: "none";
      /** Close names, best first, at most 3; empty when nothing is near. */
      suggestions: Referrer[];
      /** The query as the directory read it, e.g. "pattel" for "Dr. Pattel, MD". */
      normalizedQuery: string;
    };

export interface RankedReferrer {
  referrer: Referrer;
  matchedOn: MatchedOn;
  /** Higher is better; only the order means anything. */
  score: number;
}
