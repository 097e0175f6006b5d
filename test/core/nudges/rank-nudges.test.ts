import { describe, expect, it } from "vitest";
import type { NudgeCandidate } from "../../../src/core/nudges/nudge-candidate.ts";
import { computeNudges, selectForDigest } from "../../../src/core/nudges/rank-nudges.ts";
import type { ReferrerFacts } from "../../../src/core/nudges/referrer-facts.ts";
import { aNudgeContext, aReferrer, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z"; // Wednesday
const ctx = aNudgeContext({ now: NOW });

const find = (nudges: NudgeCandidate[], facts: ReferrerFacts, kind: NudgeCandidate["kind"]) =>
  nudges.find((n) => n.referrerId === facts.referrerId && n.kind === kind);

/** `count` referrals spread over the last year, the last one `lastDaysAgo` before now. */
const sending = (count: number, lastDaysAgo = 1) =>
  aReferrer().withReferralsBetween(NOW, { count, fromDaysAgo: 360, toDaysAgo: lastDaysAgo });

describe("computeNudges", () => {
  it("puts an overdue close-the-loop for a small referrer above asking a big one for feedback", () => {
    const small = aReferrer("Dr. Small")
      .withReferralsOn([daysBefore(NOW, 70), daysBefore(NOW, 60)])
      .thankedOn(daysBefore(NOW, 59))
      .askedForFeedbackOn(daysBefore(NOW, 50))
      .sawPatientsOn([daysBefore(NOW, 10)])
      .build();
    const big = sending(200).thankedOn(NOW).askedForFeedbackOn(daysBefore(NOW, 730)).build();
    const nudges = computeNudges([big, small], ctx);
    const closeLoop = find(nudges, small, "close_loop")!;
    const askFeedback = find(nudges, big, "ask_feedback")!;
    expect(closeLoop.priority).toBeGreaterThan(askFeedback.priority);
    expect(nudges.indexOf(closeLoop)).toBeLessThan(nudges.indexOf(askFeedback));
  });

  it("returns at most one nudge per referrer and kind, even if a referrer appears twice", () => {
    const facts = sending(12)
      .sawPatientsOn([daysBefore(NOW, 1)])
      .build();
    const nudges = computeNudges([facts, facts], ctx);
    const keys = nudges.map((n) => `${n.referrerId}/${n.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
    expect(keys).toContain(`${facts.referrerId}/close_loop`);
  });

  it("gives a brand-new referrer a welcome call rather than a thank-you", () => {
    const facts = Referrers.brandNew(NOW).build();
    expect(computeNudges([facts], ctx).map((n) => n.kind)).toEqual(["welcome"]);
  });

  it("gives nothing to an archived referrer or one with no history", () => {
    const archived = sending(30)
      .sawPatientsOn([daysBefore(NOW, 9)])
      .archived()
      .build();
    expect(computeNudges([archived, Referrers.withNoHistory().build()], ctx)).toEqual([]);
  });

  it("returns nudges from the highest priority down", () => {
    const all = [
      sending(40)
        .sawPatientsOn([daysBefore(NOW, 6)])
        .negativeFeedbackOn(daysBefore(NOW, 12))
        .build(),
      sending(3, 20).build(),
      Referrers.brandNew(NOW).build(),
      Referrers.steady(NOW, 9, 41).build(),
    ];
    const priorities = computeNudges(all, ctx).map((n) => n.priority);
    expect(priorities.length).toBeGreaterThan(4);
    expect(priorities).toEqual([...priorities].sort((a, b) => b - a));
  });

  // A close-the-loop call: thank nudges mostly wait for the weekly cards (thank.test.ts).
  it("weighs the same nudge by the referrer's volume", () => {
    const big = sending(100)
      .sawPatientsOn([daysBefore(NOW, 4)])
      .build();
    const small = sending(4)
      .sawPatientsOn([daysBefore(NOW, 4)])
      .build();
    const nudges = computeNudges([small, big], ctx);
    expect(find(nudges, big, "close_loop")!.priority).toBeGreaterThan(find(nudges, small, "close_loop")!.priority);
  });

  it("raises a referrer's other nudges when they are at risk", () => {
    const recently = () => sending(12).sawPatientsOn([daysBefore(NOW, 4)]);
    const calm = recently().build();
    const unhappy = recently().negativeFeedbackOn(daysBefore(NOW, 10)).build();
    const nudges = computeNudges([calm, unhappy], ctx);
    expect(find(nudges, unhappy, "close_loop")!.priority).toBeGreaterThan(find(nudges, calm, "close_loop")!.priority);
    expect(find(nudges, unhappy, "open_problem")?.reason).toBe("Negative feedback unresolved for 10 days");
  });

  it("ranks 2,000 referrers of a heavy-tailed practice the same way every time, one nudge per referrer and kind", () => {
    // Heavy-tailed like a real practice: most referrers send a few a year, one in twenty sends most.
    // How fast this runs is measured by \`npm run bench -- digest\`, not here.
    const all = Array.from({ length: 2_000 }, (_, i) => {
      const count = i % 20 === 0 ? 100 + (i % 200) : i % 5 === 0 ? 10 + (i % 30) : 1 + (i % 6);
      const builder = aReferrer().withReferralsBetween(NOW, { count, fromDaysAgo: 390, toDaysAgo: i % 45 });
      if (i % 3 === 0) builder.thankedOn(daysBefore(NOW, i % 30));
      if (i % 4 === 0) builder.askedForFeedbackOn(daysBefore(NOW, i % 200));
      if (i % 7 === 0) builder.sawPatientsOn([daysBefore(NOW, i % 9)]);
      if (i % 11 === 0) builder.metOn(daysBefore(NOW, i % 400));
      if (i % 29 === 0) builder.negativeFeedbackOn(daysBefore(NOW, i % 20));
      return builder.asOf(NOW).build();
    });
    const first = computeNudges(all, ctx);
    const again = computeNudges([...all].reverse(), ctx);
    expect(first.length).toBeGreaterThan(100);
    expect(again).toEqual(first);
    const keys = first.map((n) => `${n.referrerId}|${n.kind}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});

describe("selectForDigest", () => {
  const nudge = (
    kind: NudgeCandidate["kind"],
    priority: number,
    personal: boolean,
    dueAt = "2025-06-20T00:00:00Z",
  ) => ({
    referrerId: `ref-${kind}`,
    kind,
    reason: kind,
    dueAt: new Date(dueAt),
    triggeredAt: new Date("2025-06-01T00:00:00Z"),
    priority,
    personal,
  });
  const now = new Date(NOW);
  const thank = nudge("thank", 15, false);
  const meet = nudge("meet", 14, false);
  const welcome = nudge("welcome", 10, true);

  it("puts a first referral's welcome call before a bigger thank-you, whatever their priorities", () => {
    expect(selectForDigest([welcome, meet, thank], { topN: 2, now })).toEqual([welcome, meet]);
  });

  it("ranks complaints, welcome calls and loops to close, then going quiet, then meetings, then the rest", () => {
    const complaint = nudge("open_problem", 1, true);
    const loop = nudge("close_loop", 2, true);
    const quiet = nudge("going_quiet", 3, false);
    const feedback = nudge("ask_feedback", 90, false);
    const picked = selectForDigest([feedback, thank, meet, quiet, loop, welcome, complaint], { topN: 7, now });
    expect(picked.map((n) => n.kind)).toEqual([
      "welcome",
      "close_loop",
      "open_problem",
      "going_quiet",
      "meet",
      "ask_feedback",
      "thank",
    ]);
  });

  it("favours what a physician does personally within a tier", () => {
    const personalThank = { ...nudge("thank", 8, true), referrerId: "ref-personal" };
    expect(selectForDigest([thank, personalThank], { topN: 1, now, forRole: "physician" })).toEqual([personalThank]);
    expect(selectForDigest([thank, personalThank], { topN: 1, now })).toEqual([thank]);
  });

  it("favours a liaison's own work within a tier", () => {
    const personalThank = { ...nudge("thank", 8, true), referrerId: "ref-personal" };
    expect(selectForDigest([personalThank, thank], { topN: 1, now, forRole: "liaison" })).toEqual([thank]);
  });

  it("never shows more than the cap, even when every nudge is an overdue close-the-loop", () => {
    const loops = Array.from({ length: 9 }, (_, i) => ({
      ...nudge("close_loop", 5 + i, true, "2025-06-10T00:00:00Z"),
      referrerId: `ref-loop-${i}`,
    }));
    const picked = selectForDigest([thank, meet, ...loops], { topN: 5, now });
    expect(picked).toHaveLength(5);
    expect(picked.every((n) => n.kind === "close_loop")).toBe(true);
    expect(picked[0]!.priority).toBe(13);
    expect(selectForDigest(loops, { topN: 0, now })).toEqual([]);
  });
});

describe("computeNudges with several complaints", () => {
  it("raises one open-problem nudge per complaint of a referrer, even when the referrer is listed twice", () => {
    const facts = aReferrer("Dr. Unhappy")
      .withId("ref-unhappy")
      .negativeFeedbackOn(daysBefore(NOW, 12), { id: "fb-a", text: "Reports arrive late" })
      .negativeFeedbackOn(daysBefore(NOW, 9), { id: "fb-b", text: "Nobody called back" })
      .build();
    for (const all of [[facts], [facts, facts]]) {
      const problems = computeNudges(all, ctx).filter((n) => n.kind === "open_problem");
      expect(problems.map((n) => n.feedbackId).sort()).toEqual(["fb-a", "fb-b"]);
    }
  });
});
