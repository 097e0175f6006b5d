// One practice's digest at scale: 2,000 referrers, 200,000 referrals, 50,000 touches.
import { performance } from "node:perf_hooks";
import { buildDailyDigest } from "../src/core/digest/build-daily-digest.ts";
import { renderDigest } from "../src/core/digest/render-digest.ts";
import { localDateOf } from "../src/core/time/local-date.ts";
import { seedSynthetic } from "../src/demo/synthetic.ts";
import { openBenchDb } from "./bench-db.ts";
import { type Figure, ms, summarize } from "./stats.ts";

export async function benchDigest(): Promise<Figure[]> {
  const bench = await openBenchDb("digest", { countQueries: true });
  try {
    const now = new Date();
    const practice = await bench.repos.practices.getOrCreateDefault();
    const t0 = performance.now();
    await seedSynthetic(bench.demoStore, practice, { referrers: 2_000, referrals: 200_000, touches: 50_000, now });
    const seedMs = performance.now() - t0;
    const localDate = localDateOf(now, practice.timeZone);
    // The first build creates the practice's nudges; later mornings only update them.
    await buildDailyDigest(bench.digestData, practice, localDate, { now });
    const samples: number[] = [];
    let queries = 0;
    for (let i = 0; i < 15; i++) {
      const before = bench.queries.count;
      const start = performance.now();
      const digest = await buildDailyDigest(bench.digestData, practice, localDate, { now });
      renderDigest(digest);
      samples.push(performance.now() - start);
      queries = bench.queries.count - before;
    }
    const s = summarize(samples);
    return [
      {
        name: "digest: seed 2,000 referrers / 200,000 referrals / 50,000 touches",
        value: `${(seedMs / 1000).toFixed(1)} s`,
      },
      {
        name: "digest: build + render one practice's digest, p50",
        value: ms(s.p50),
        target: "< 150 ms",
        pass: s.p50 < 150,
      },
      { name: "digest: build + render, p99 of 15", value: ms(s.p99) },
      {
        name: "digest: database queries per digest",
        value: String(queries),
        target: "fixed, not per referrer",
        pass: queries < 20,
      },
    ];
  } finally {
    await bench.close();
  }
}
