// Teams round trips through the real HTTP server, the Teams SDK and the real core: activity in, answer out.
// A message's answer comes after the turn (the reply is posted to the fake connector first), so this is
// the whole command, not just an acknowledgement.
import { performance } from "node:perf_hooks";
import { SERVER_PAGE_CACHE_MB } from "../src/db/database.ts";
import { startTeamsHarness } from "../test/adapters/teams/support/teams-harness.ts";
import { DEFAULT_TENANT } from "../test/support/teams-requests.ts";
import { openBenchDb } from "./bench-db.ts";
import { ownRssMb, rssFigures, sampleRss } from "./rss.ts";
import { seedChatPracticeApart } from "./seed-chat-process.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const N = Number(process.env.BENCH_CHAT_REQUESTS ?? 1_000);

export async function benchTeams(): Promise<Figure[]> {
  const bench = await openBenchDb("teams", { pageCacheMb: SERVER_PAGE_CACHE_MB });
  const h = await startTeamsHarness({ core: bench.core, repos: bench.repos });
  try {
    const { uniqueNames, nudgeIds, runId, practiceId } = await seedChatPracticeApart(bench.url, {
      platform: "teams",
      externalId: DEFAULT_TENANT,
    });
    await bench.lookup.directory(practiceId);
    // RSS while the requests run; the seeding above ran in a process of its own, so this one holds what a
    // `serve` holds: the server, the core and the directory of 10,000 referrers.
    const rss = sampleRss(ownRssMb);
    // The fake connector and the harness record every card the bot sent; that record is the test's
    // memory, not the server's.
    const forgetSent = () => {
      h.connector.reset();
      h.invokeCards.length = 0;
    };
    const messages: number[] = [];
    for (let i = 0; i < N + 50; i++) {
      const start = performance.now();
      const res = await h.send(`called ${uniqueNames[i % uniqueNames.length]} about the knee patient`);
      if (res.status >= 300) throw new Error(`message answered ${res.status}`);
      if (i >= 50) messages.push(performance.now() - start);
      if (i % 100 === 0) forgetSent();
    }
    const clicks: number[] = [];
    for (let i = 0; i < N; i++) {
      const start = performance.now();
      const res = await h.click({
        verb: "nudge.done",
        data: { value: JSON.stringify({ n: nudgeIds[i], r: runId }) },
        replyToId: `msg-${i}`,
      });
      if (res.status >= 300) throw new Error(`Action.Execute answered ${res.status}`);
      clicks.push(performance.now() - start);
      if (i % 100 === 0) forgetSent();
    }
    const curve = rss.stop();
    const touches = await bench.db.prisma.touch.count();
    const m = summarize(messages);
    const c = summarize(clicks);
    return [
      { name: "teams: 'called Dr. …' message round trip, 10,000 referrers, p50", value: ms(m.p50) },
      {
        name: `teams: message round trip p99 (${m.n} messages)`,
        value: ms(m.p99),
        target: "< 50 ms",
        pass: m.p99 < 50,
      },
      { name: "teams: Action.Execute click round trip, p50", value: ms(c.p50) },
      {
        name: `teams: Action.Execute click p99 (${c.n} clicks)`,
        value: ms(c.p99),
        target: "< 50 ms",
        pass: c.p99 < 50,
      },
      { name: "teams: touches logged by those requests", value: String(touches) },
      ...rssFigures("teams: during those requests", curve),
    ];
  } finally {
    await h.close();
    await bench.close();
  }
}
