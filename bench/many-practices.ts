// Digests for 1,000 practices of 200 referrers each: what a hosted instance does every morning.

import { performance } from "node:perf_hooks";
import { buildDailyDigest } from "../src/core/digest/build-daily-digest.ts";
import { renderDigest } from "../src/core/digest/render-digest.ts";
import type { Practice } from "../src/core/model.ts";
import { localDateOf } from "../src/core/time/local-date.ts";
import { seedSynthetic } from "../src/demo/synthetic.ts";
import { openBenchDb } from "./bench-db.ts";
import type { Figure } from "./stats.ts";

const PRACTICES = 1_000;
const CONCURRENCY = 4;

export async function benchManyPractices(): Promise<Figure[]> {
  const bench = await openBenchDb("practices");
  try {
    const now = new Date();
    const t0 = performance.now();
    const practices: Practice[] = [];
    for (let i = 0; i < PRACTICES; i++) {
      const practice = await bench.repos.practices.create({ name: `Practice ${i}` });
      await seedSynthetic(bench.demoStore, practice, {
        referrers: 200,
        referrals: 1_000,
        touches: 250,
        now,
        seed: i + 1,
      });
      practices.push(practice);
    }
    const seedMs = performance.now() - t0;
    const start = performance.now();
    let next = 0;
    const worker = async () => {
      while (next < practices.length) {
        const practice = practices[next++]!;
        renderDigest(await buildDailyDigest(bench.digestData, practice, localDateOf(now, practice.timeZone), { now }));
      }
    };
    await Promise.all(Array.from({ length: CONCURRENCY }, worker));
    const totalS = (performance.now() - start) / 1000;
    return [
      {
        name: `many practices: seed ${PRACTICES} × 200 referrers / 1,000 referrals`,
        value: `${(seedMs / 1000).toFixed(1)} s`,
      },
      {
        name: `many practices: build ${PRACTICES} digests`,
        value: `${totalS.toFixed(1)} s`,
        target: "< 60 s",
        pass: totalS < 60,
      },
    ];
  } finally {
    await bench.close();
  }
}
