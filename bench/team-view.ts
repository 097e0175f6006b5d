// The team view for a practice of 2,000 referrers, 200,000 referrals and 50,000 touches, with twelve
// members who look after all of them: the grouped reads, the figures and the reply, as /referrals team
// and the Monday summary build them.
import { performance } from "node:perf_hooks";
import { buildDailyDigest } from "../src/core/digest/build-daily-digest.ts";
import { teamFigures, teamPeriods } from "../src/core/team/team-figures.ts";
import { teamSections } from "../src/core/team/team-reply.ts";
import { localDateOf } from "../src/core/time/local-date.ts";
import { seedSynthetic } from "../src/demo/synthetic.ts";
import { openBenchDb } from "./bench-db.ts";
import { type Figure, ms, summarize } from "./stats.ts";

const MEMBERS = 12;

export async function benchTeamView(): Promise<Figure[]> {
  const bench = await openBenchDb("team-view", { countQueries: true });
  try {
    const now = new Date();
    const practice = await bench.repos.practices.getOrCreateDefault();
    await seedSynthetic(bench.demoStore, practice, { referrers: 2_000, referrals: 200_000, touches: 50_000, now });
    const members = [];
    for (let i = 0; i < MEMBERS; i++) {
      const m = await bench.repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: `U${i}`,
        displayName: `Member ${i}`,
        workspaceExternalId: "T1",
      });
      members.push(await bench.repos.members.setRole(m.id, i % 3 === 0 ? "physician" : "liaison"));
    }
    const referrers = await bench.repos.referrers.listForPractice(practice.id);
    for (let i = 0; i < MEMBERS; i++) {
      const ids = referrers.filter((_, j) => j % MEMBERS === i).map((r) => r.id);
      await bench.db.prisma.referrer.updateMany({
        where: { id: { in: ids } },
        data: { ownerMemberId: members[i]!.id },
      });
    }
    // The morning's nudges exist, so the going-quiet list has something to read.
    await buildDailyDigest(bench.digestData, practice, localDateOf(now, practice.timeZone), { now });
    const periods = teamPeriods(now, practice.timeZone);
    const samples: number[] = [];
    let queries = 0;
    let sections = 0;
    for (let i = 0; i < 15; i++) {
      const before = bench.queries.count;
      const start = performance.now();
      const figures = teamFigures(await bench.team.loadTeamActivity(practice.id, periods), periods, practice.timeZone);
      sections = teamSections(figures).length;
      samples.push(performance.now() - start);
      queries = bench.queries.count - before;
    }
    const s = summarize(samples);
    return [
      {
        name: `team: figures + reply for 2,000 referrers and ${MEMBERS} members, p50`,
        value: ms(s.p50),
        target: "< 150 ms",
        pass: s.p50 < 150,
      },
      { name: "team: figures + reply, p99 of 15", value: ms(s.p99) },
      {
        name: "team: database queries per team view",
        value: String(queries),
        target: "fixed, not per referrer",
        pass: queries < 20,
      },
      { name: "team: sections in the reply", value: String(sections) },
    ];
  } finally {
    await bench.close();
  }
}
