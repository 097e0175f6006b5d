// `seed-demo` then a 100,000-row referral report, imported twice (the second must change nothing).
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { seedDemo } from "../src/demo/seed-demo.ts";
import { generateReferralsCsv } from "../src/demo/synthetic.ts";
import { importReferralsCsv } from "../src/import/import-referrals.ts";
import { openBenchDb } from "./bench-db.ts";
import type { Figure } from "./stats.ts";

const ROWS = 100_000;

export async function benchImport(): Promise<Figure[]> {
  const bench = await openBenchDb("import");
  try {
    const practice = await bench.repos.practices.getOrCreateDefault();
    await seedDemo(bench.db, practice, { now: new Date(), reset: false });
    const file = join(bench.dir, "referrals.csv");
    await generateReferralsCsv(file, ROWS, { referrers: 2_000, seed: 42 });
    const t0 = performance.now();
    const first = await importReferralsCsv(bench.db, practice, file, { progress: false });
    const firstS = (performance.now() - t0) / 1000;
    const t1 = performance.now();
    const second = await importReferralsCsv(bench.db, practice, file, { progress: false });
    const secondS = (performance.now() - t1) / 1000;
    return [
      {
        name: `import: ${ROWS.toLocaleString("en-US")} rows after seed-demo`,
        value: `${firstS.toFixed(1)} s`,
        target: "< 10 s",
        pass: firstS < 10,
      },
      { name: "import: throughput", value: `${Math.round(ROWS / firstS).toLocaleString("en-US")} rows/s` },
      {
        name: "import: first run new / updated / rejected",
        value: `${first.imported} / ${first.updated} / ${first.rejected.length ?? first.rejected}`,
      },
      {
        name: "import: same file again, new + updated rows",
        value: `${second.imported + second.updated} in ${secondS.toFixed(1)} s`,
        target: "0",
        pass: second.imported + second.updated === 0,
      },
    ];
  } finally {
    await bench.close();
  }
}
