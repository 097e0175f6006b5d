// A practice with 10,000 referrers and a few thousand open nudges: what the chat benchmarks run against.
import type { BenchDb } from "./bench-db.ts";
import { fakeReferrers } from "./fake-names.ts";

export async function seedChatPractice(bench: BenchDb, workspace: { platform: "slack" | "teams"; externalId: string }) {
  const link = await bench.repos.workspaces.getOrLink(workspace.platform, workspace.externalId);
  const practiceId = link.practiceId;
  const referrers = fakeReferrers(10_000).map((r, i) => ({
    id: `${practiceId}-r${i}`,
    practiceId,
    displayName: r.displayName,
    firstName: r.firstName,
    lastName: r.lastName,
  }));
  for (let i = 0; i < referrers.length; i += 1_000) {
    await bench.db.prisma.referrer.createMany({ data: referrers.slice(i, i + 1_000) });
    await bench.db.prisma.referrerStats.createMany({
      data: referrers.slice(i, i + 1_000).map((r) => ({ referrerId: r.id, practiceId })),
    });
  }
  const now = new Date();
  const nudges = referrers.slice(0, 3_000).map((r, i) => ({
    id: `${practiceId}-n${i}`,
    practiceId,
    referrerId: r.id,
    kind: "thank" as const,
    reason: "2 referrals since your last thank-you",
    dueAt: now,
    priority: 1,
    triggeredAt: now,
    liveKey: `${r.id}:thank`,
  }));
  await bench.db.prisma.nudge.createMany({ data: nudges });
  // Clicks come from a digest message, which is redrawn from its snapshot.
  const run = await bench.db.prisma.digestRun.create({
    data: {
      practiceId,
      localDate: now.toISOString().slice(0, 10),
      status: "delivered",
      claimedBy: "bench",
      claimedAt: now,
      leaseUntil: now,
      snapshot: JSON.stringify({
        practiceId,
        practiceName: "Bench",
        localDate: now.toISOString().slice(0, 10),
        timeZone: "America/New_York",
        runId: "bench-run",
        forMemberId: null,
        newReferrals: { total: 0, since: now.toISOString(), groups: [], otherReferrers: 0, otherCount: 0 },
        nudges: nudges.slice(0, 5).map((n) => ({
          nudgeId: n.id,
          referrerId: n.referrerId,
          referrerName: "Dr. Bench",
          kind: "thank",
          reason: n.reason,
          dueAt: now.toISOString(),
          priority: 1,
          personal: false,
        })),
        moreNudges: 0,
        weekSummary: { touchesThisWeek: 0, goingQuiet: 0 },
        empty: false,
      }),
    },
  });
  // Names that resolve to exactly one referrer, typed the way people type them.
  const uniqueNames = referrers.filter((r) => /\d/.test(r.lastName)).map((r) => `Dr. ${r.lastName}`);
  return { practiceId, uniqueNames, nudgeIds: nudges.map((n) => n.id), runId: run.id };
}
