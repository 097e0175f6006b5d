// `/brief` for the practice's busiest referrer, in a practice of 2,000 referrers and 200,000 referrals:
// the facts read (five queries at once) and the reply worded.
import { performance } from "node:perf_hooks";
import { briefReply } from "../src/core/brief/brief-reply.ts";
import type { Actor } from "../src/core/model.ts";
import { seedSynthetic } from "../src/demo/synthetic.ts";
import { openBenchDb } from "./bench-db.ts";
import { type Figure, ms, summarize } from "./stats.ts";

export async function benchBrief(): Promise<Figure[]> {
  const bench = await openBenchDb("brief");
  try {
    const now = new Date();
    const practice = await bench.repos.practices.getOrCreateDefault();
    await seedSynthetic(bench.demoStore, practice, { referrers: 2_000, referrals: 200_000, touches: 50_000, now });
    // As after an import: the planner's statistics brought up to date.
    await bench.db.optimize();
    const [busiest] = await bench.db.prisma.referral.groupBy({
      by: ["referrerId"],
      where: { practiceId: practice.id },
      _count: { _all: true },
      orderBy: { _count: { referrerId: "desc" } },
      take: 1,
    });
    const referrer = await bench.repos.referrers.findById(practice.id, busiest!.referrerId);
    const actor: Actor = { practiceId: practice.id, memberId: null, name: "bench", channel: "cli", role: null };
    await briefReply(bench.deps, actor, referrer!);
    const samples: number[] = [];
    for (let i = 0; i < 30; i++) {
      const start = performance.now();
      await briefReply(bench.deps, actor, referrer!);
      samples.push(performance.now() - start);
    }
    const s = summarize(samples);
    return [
      {
        name: `brief: the busiest referrer (${busiest!._count._all.toLocaleString("en-US")} referrals) of 2,000, p50`,
        value: ms(s.p50),
      },
      { name: `brief: p99 (${s.n} briefs)`, value: ms(s.p99), target: "< 50 ms", pass: s.p99 < 50 },
    ];
  } finally {
    await bench.close();
  }
}
