// Slack round trips through the real HTTP server, Bolt and the real core: signed request in, ack out.
import { performance } from "node:perf_hooks";
import { limitHeapGrowth } from "../src/app/heap-growth.ts";
import { startSlackHarness } from "../test/adapters/slack/support/harness.ts";
import { openBenchDb } from "./bench-db.ts";
import { seedChatPractice } from "./chat-fixture.ts";
import { ownRssMb, rssFigures, sampleRss } from "./rss.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const N = Number(process.env.BENCH_CHAT_REQUESTS ?? 1_000);

export async function benchSlack(): Promise<Figure[]> {
  limitHeapGrowth(); // as `serve` does at start
  const bench = await openBenchDb("slack");
  const h = await startSlackHarness({ core: bench.core, repos: bench.repos });
  try {
    const { uniqueNames, nudgeIds, runId } = await seedChatPractice(bench, {
      platform: "slack",
      externalId: "T0CLINIC",
    });
    await bench.lookup.directory((await bench.repos.workspaces.find("slack", "T0CLINIC"))!.practiceId);
    // RSS while the requests run; the seeding above, in this same process, sets where it starts.
    const rss = sampleRss(ownRssMb);
    const commands: number[] = [];
    for (let i = 0; i < N + 100; i++) {
      const start = performance.now();
      const res = await h.command({
        command: "/called",
        text: `${uniqueNames[i % uniqueNames.length]} about the knee patient`,
      });
      if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
      if (i >= 100) commands.push(performance.now() - start);
    }
    const clicks: number[] = [];
    for (let i = 0; i < N; i++) {
      const start = performance.now();
      const res = await h.click({ actionId: "nudge.done#0", value: JSON.stringify({ n: nudgeIds[i], r: runId }) });
      if (res.status !== 200) throw new Error(`button click answered ${res.status}`);
      clicks.push(performance.now() - start);
    }
    // Let the work done after each ack finish before counting what it logged.
    await new Promise((r) => setTimeout(r, 1_000));
    const curve = rss.stop();
    const touches = await bench.db.prisma.touch.count();
    const c = summarize(commands);
    const k = summarize(clicks);
    return [
      { name: `slack: /called round trip, 10,000 referrers, p50`, value: ms(c.p50) },
      {
        name: `slack: /called round trip p99 (${c.n} requests)`,
        value: ms(c.p99),
        target: "< 50 ms",
        pass: c.p99 < 50,
      },
      { name: "slack: button click round trip, p50", value: ms(k.p50) },
      {
        name: `slack: button click round trip p99 (${k.n} clicks)`,
        value: ms(k.p99),
        target: "< 50 ms",
        pass: k.p99 < 50,
      },
      { name: "slack: touches logged by those requests", value: String(touches) },
      ...rssFigures("slack: during those requests", curve),
    ];
  } finally {
    await h.close();
    await bench.close();
  }
}
