// Finds the referrer a person means from what they typed in chat. Built once per referrer list
// (cache it per practice and rebuild when the list's version changes); every lookup is then cheap.
import type { Referrer } from "../model.ts";
import { exactHits, type Hit, MAX_CANDIDATES } from "./exact-matches.ts";
import { type FuzzyHit, FuzzyLastNames } from "./fuzzy-matches.ts";
import { normalizeNameVariants } from "./normalize-name.ts";
import { buildReferrerIndex, type ReferrerIndex, spaced } from "./referrer-index.ts";
import type { RankedReferrer, ReferrerResolution } from "./resolution.ts";

interface Ranking {
  ranked: RankedReferrer[];
  tiedAtTop: number;
}

const MAX_SUGGESTIONS = 3;
const NPI_QUERY = /^\s*(?:npi\s*[:#]?\s*)?(\d[\d\s-]{8,14}\d)\s*$/i;

export class ReferrerDirectory {
  private readonly index: ReferrerIndex;
  private readonly fuzzy: FuzzyLastNames;

  constructor(referrers: readonly Referrer[]) {
    this.index = buildReferrerIndex(referrers);
    this.fuzzy = new FuzzyLastNames(this.index);
  }

  get size(): number {
    return this.index.entries.length;
  }

  findById(id: string): Referrer | undefined {
    const i = this.index.byId.get(id);
    return i === undefined ? undefined : this.index.entries[i]!.referrer;
  }

  resolve(query: string): ReferrerResolution {
    const npi = NPI_QUERY.exec(query)?.[1]?.replace(/\D/g, "");
    if (npi !== undefined) return this.resolveNpi(npi);

    const variants = normalizeNameVariants(query);
    const normalizedQuery = spaced(variants[0]!);
    if (normalizedQuery === "") return { kind: "none", suggestions: [], normalizedQuery };

    const exact = this.best(exactHits(this.index, variants), MAX_CANDIDATES);
    if (exact.ranked.length > 0) return this.decide(exact);

    const near = this.preferActive(this.fuzzy.near(variants[0]!));
    const close = near.filter((hit) => hit.close);
    if (close.length === 1) {
      const referrer = this.referrerAt(close[0]!.entry);
      return { kind: "one", referrer, matchedOn: "fuzzy", archived: referrer.status === "archived" };
    }
    return {
      kind: "none",
      suggestions: near.slice(0, MAX_SUGGESTIONS).map((hit) => this.referrerAt(hit.entry)),
      normalizedQuery,
    };
  }

  /** Everyone the query could mean, best first: what to offer when asking "Which Dr. Lee?". */
  rank(query: string, limit = MAX_CANDIDATES): RankedReferrer[] {
    const variants = normalizeNameVariants(query);
    const exact = this.best(exactHits(this.index, variants), limit);
    if (exact.ranked.length > 0) return exact.ranked;
    return this.preferActive(this.fuzzy.near(variants[0]!))
      .slice(0, limit)
      .map((hit) => ({ referrer: this.referrerAt(hit.entry), matchedOn: "fuzzy", score: -hit.distance }));
  }

  private resolveNpi(npi: string): ReferrerResolution {
    if (npi.length !== 10) return { kind: "none", suggestions: [], normalizedQuery: npi };
    const hits = (this.index.byNpi.get(npi) ?? []).map((entry): Hit => ({ entry, matchedOn: "npi", score: 1000 }));
    const found = this.best(new Map(hits.map((hit) => [hit.entry, hit])), MAX_CANDIDATES);
    return found.ranked.length > 0 ? this.decide(found) : { kind: "none", suggestions: [], normalizedQuery: npi };
  }

  /**
   * The best few hits, and how many share the top score. Active referrers only, unless none matched:
   * then the archived ones, so the reply can say they are archived. A common token ("Lee") can hit
   * thousands of referrers, so this keeps a short sorted list instead of sorting them all.
   */
  private best(hits: Map<number, Hit>, limit: number): Ranking {
    const isActive = (hit: Hit) => this.referrerAt(hit.entry).status === "active";
    const all = [...hits.values()];
    const pool = all.some(isActive) ? all.filter(isActive) : all;
    const top: Hit[] = [];
    let topScore = Number.NEGATIVE_INFINITY;
    let tiedAtTop = 0;
    for (const hit of pool) {
      if (hit.score > topScore) [topScore, tiedAtTop] = [hit.score, 1];
      else if (hit.score === topScore) tiedAtTop++;
      const at = top.findIndex((other) => this.compare(hit, other) < 0);
      if (at === -1) top.push(hit);
      else top.splice(at, 0, hit);
      if (top.length > limit) top.pop();
    }
    const ranked = top.map((hit) => ({
      referrer: this.referrerAt(hit.entry),
      matchedOn: hit.matchedOn,
      score: hit.score,
    }));
    return { ranked, tiedAtTop };
  }

  private compare(a: Hit, b: Hit): number {
    if (a.score !== b.score) return b.score - a.score;
    const keyA = this.index.entries[a.entry]!.sortKey;
    const keyB = this.index.entries[b.entry]!.sortKey;
    return keyA < keyB ? -1 : keyA > keyB ? 1 : a.entry - b.entry;
  }

  private decide({ ranked, tiedAtTop }: Ranking): ReferrerResolution {
    const best = ranked[0]!;
    const archived = best.referrer.status === "archived";
    if (tiedAtTop === 1) return { kind: "one", referrer: best.referrer, matchedOn: best.matchedOn, archived };
    return { kind: "ambiguous", candidates: ranked.map((r) => r.referrer), archived };
  }

  private preferActive(hits: FuzzyHit[]): FuzzyHit[] {
    const isActive = (hit: FuzzyHit) => this.referrerAt(hit.entry).status === "active";
    const active = hits.filter(isActive);
    const closeActive = active.some((hit) => hit.close);
    return closeActive ? active : [...active, ...hits.filter((hit) => !isActive(hit))];
  }

  private referrerAt(entry: number): Referrer {
    return this.index.entries[entry]!.referrer;
  }
}
