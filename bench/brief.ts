// `/brief` for the practice's busiest referrer, in a practice of 2,000 referrers and 200,000 referrals:
// the facts read (a dozen small indexed queries, the trend counted per month in SQL) and the reply worded.
import { briefReply } from "../src/core/brief/brief-reply.ts";
import type { Actor } from "../src/core/model.ts";
import { seedSynthetic } from "../src/demo/synthetic.ts";
import { openBenchDb } from "./bench-db.ts";
import { collectSetupGarbage, type Figure, p50p99, summarize, timeRuns } from "./stats.ts";

/** Briefs built and timed, after a few untimed ones that let the JIT compile the code. */
const RUNS = 30;
const WARMING = 3;

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
    collectSetupGarbage();
    for (let i = 0; i < WARMING; i++) await briefReply(bench.deps, actor, referrer!);
    const runs = await timeRuns(RUNS, () => briefReply(bench.deps, actor, referrer!));
    const wall = summarize(runs.wall);
    return [
      {
        name: `brief: the busiest referrer (${busiest!._count._all.toLocaleString("en-US")} referrals) of 2,000, p50 / p99 of ${wall.n}`,
        value: p50p99(wall),
        target: "< 50 ms, p50 and p99",
        pass: wall.p50 < 50 && wall.p99 < 50,
      },
      {
        name: "brief: the same, CPU time p50 / p99 (not slowed by other processes)",
        value: p50p99(summarize(runs.cpu)),
      },
    ];
  } finally {
    await bench.close();
  }
}
