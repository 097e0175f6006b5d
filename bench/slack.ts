// Slack round trips through the real HTTP server, Bolt and the real core: signed request in, ack out.
import { performance } from "node:perf_hooks";
import { SERVER_PAGE_CACHE_MB } from "../src/db/database.ts";
import { startSlackHarness } from "../test/adapters/slack/support/harness.ts";
import { openBenchDb } from "./bench-db.ts";
import { ownRssMb, rssFigures, sampleRss } from "./rss.ts";
import { seedChatPracticeApart } from "./seed-chat-process.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const N = Number(process.env.BENCH_CHAT_REQUESTS ?? 1_000);

export async function benchSlack(): Promise<Figure[]> {
  const bench = await openBenchDb("slack", { pageCacheMb: SERVER_PAGE_CACHE_MB });
  const h = await startSlackHarness({ core: bench.core, repos: bench.repos });
  try {
    const { uniqueNames, nudgeIds, runId } = await seedChatPracticeApart(bench.url, {
      platform: "slack",
      externalId: "T0CLINIC",
    });
    await bench.lookup.directory((await bench.repos.workspaces.find("slack", "T0CLINIC"))!.practiceId);
    // RSS while the requests run; the seeding above ran in a process of its own, so this one holds what a
    // `serve` holds: the server, the core and the directory of 10,000 referrers.
    const rss = sampleRss(ownRssMb);
    // The fake Slack records every response_url post; that record is the test's memory, not the server's.
    const forgetSent = () => h.fake.reset();
    const commands: number[] = [];
    for (let i = 0; i < N + 100; i++) {
      const start = performance.now();
      const res = await h.command({
        command: "/called",
        text: `${uniqueNames[i % uniqueNames.length]} about the knee patient`,
      });
      if (res.status !== 200) throw new Error(`slash command answered ${res.status}`);
      if (i >= 100) commands.push(performance.now() - start);
      if (i % 100 === 0) forgetSent();
    }
    const clicks: number[] = [];
    for (let i = 0; i < N; i++) {
      const start = performance.now();
      const res = await h.click({ actionId: "nudge.done#0", value: JSON.stringify({ n: nudgeIds[i], r: runId }) });
      if (res.status !== 200) throw new Error(`button click answered ${res.status}`);
      clicks.push(performance.now() - start);
      if (i % 100 === 0) forgetSent();
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
