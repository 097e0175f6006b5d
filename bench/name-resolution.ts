// Name → referrer against 10,000 referrers: the in-memory directory every chat command uses.
import { performance } from "node:perf_hooks";
import { ReferrerDirectory } from "../src/core/referrers/referrer-directory.ts";
import { fakeReferrers } from "./fake-names.ts";
import { type Figure, ms, summarize } from "./stats.ts";

export async function benchNameResolution(): Promise<Figure[]> {
  const referrers = fakeReferrers(10_000);
  const t0 = performance.now();
  const directory = new ReferrerDirectory(referrers);
  const buildMs = performance.now() - t0;
  const queries = referrers
    .slice(0, 2_000)
    .flatMap((r, i) => [
      r.displayName,
      `dr ${r.lastName.toLowerCase()}`,
      `${r.firstName} ${r.lastName} MD`,
      i % 10 === 0 ? `${r.lastName.slice(0, -1)}x` : r.lastName,
      "Dr. Nobody Atall",
    ]);
  for (const q of queries.slice(0, 500)) directory.resolve(q); // warm-up
  const samples: number[] = [];
  for (const q of queries) {
    const start = performance.now();
    directory.resolve(q);
    samples.push(performance.now() - start);
  }
  const s = summarize(samples);
  return [
    { name: "name resolution: build directory of 10,000 referrers", value: ms(buildMs) },
    {
      name: `name resolution: lookup (${s.n} mixed queries) mean`,
      value: ms(s.mean),
      target: "< 2 ms",
      pass: s.mean < 2,
    },
    {
      name: "name resolution: lookup p50 / p99",
      value: `${ms(s.p50)} / ${ms(s.p99)}`,
      target: "p99 < 2 ms",
      pass: s.p99 < 2,
    },
  ];
}
