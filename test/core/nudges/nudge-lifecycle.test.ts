import { describe, expect, it } from "vitest";
import type { NudgeCandidate } from "../../../src/core/nudges/nudge-candidate.ts";
import { nudgeLiveKey, planNudgeSync, type StoredLiveNudge } from "../../../src/core/nudges/nudge-lifecycle.ts";

const now = new Date("2026-12-03T12:00:00Z");
const day = (d: string) => new Date(`${d}T09:00:00Z`);
const candidate = (over: Partial<NudgeCandidate> = {}): NudgeCandidate => ({
  referrerId: "r1",
  kind: "thank",
  reason: "2 referrals unthanked",
  dueAt: day("2026-12-03"),
  triggeredAt: day("2026-12-01"),
  priority: 1,
  personal: false,
  ...over,
});
const stored = (over: Partial<StoredLiveNudge> = {}): StoredLiveNudge => ({
  id: "n1",
  referrerId: "r1",
  kind: "thank",
  status: "open",
  snoozedUntil: null,
  reason: "2 referrals unthanked",
  feedbackId: null,
  ...over,
});

describe("the nudge lifecycle plan", () => {
  it("creates a nudge for a new candidate and counts it open", () => {
    const plan = planNudgeSync([], new Map(), [candidate()], now);
    expect(plan.inserts).toHaveLength(1);
    expect(plan.open).toEqual([{ insert: 0 }]);
  });

  it("keeps an open nudge with the same reason untouched", () => {
    const plan = planNudgeSync([stored()], new Map(), [candidate()], now);
    expect(plan).toEqual({
      inserts: [],
      updates: [],
      retire: [],
      open: [{ id: "n1", referrerId: "r1", kind: "thank", feedbackId: null }],
    });
  });

  it("rewrites an open nudge's reason when it changed, without moving its due date", () => {
    const plan = planNudgeSync([stored()], new Map(), [candidate({ reason: "3 referrals unthanked" })], now);
    expect(plan.updates).toEqual([
      { id: "n1", reason: "3 referrals unthanked", priority: 1, triggeredAt: day("2026-12-01"), wakes: false },
    ]);
    expect(plan.inserts).toEqual([]);
  });

  it("keeps a snoozed nudge hidden until its date", () => {
    const plan = planNudgeSync(
      [stored({ status: "snoozed", snoozedUntil: day("2026-12-09") })],
      new Map(),
      [candidate()],
      now,
    );
    expect(plan.updates).toEqual([]);
    expect(plan.open).toEqual([]);
  });

  it("reopens a snoozed nudge whose date has come", () => {
    const plan = planNudgeSync(
      [stored({ status: "snoozed", snoozedUntil: day("2026-12-02") })],
      new Map(),
      [candidate()],
      now,
    );
    expect(plan.updates[0]?.wakes).toBe(true);
    expect(plan.open).toEqual([{ id: "n1", referrerId: "r1", kind: "thank", feedbackId: null }]);
  });

  it("keeps a dismissed nudge away while nothing newer happened", () => {
    const retired = new Map([["r1:thank", day("2026-12-01")]]);
    expect(planNudgeSync([], retired, [candidate()], now).inserts).toEqual([]);
  });

  it("raises the nudge again when a newer fact arrives after it was dismissed or done", () => {
    const retired = new Map([["r1:thank", day("2026-11-20")]]);
    expect(planNudgeSync([], retired, [candidate()], now).inserts).toHaveLength(1);
  });

  it("retires a live nudge whose reason is gone", () => {
    const plan = planNudgeSync([stored(), stored({ id: "n2", kind: "meet" })], new Map(), [candidate()], now);
    expect(plan.retire).toEqual(["n2"]);
  });
});

describe("complaint nudges in the lifecycle plan", () => {
  const complaint = (feedbackId: string, triggeredAt: Date) =>
    candidate({ kind: "open_problem", feedbackId, triggeredAt, reason: `Negative feedback (${feedbackId})` });

  it("keeps one live nudge per complaint, not one per referrer", () => {
    const plan = planNudgeSync(
      [stored({ id: "n1", kind: "open_problem", feedbackId: "fb1", reason: "Negative feedback (fb1)" })],
      new Map(),
      [complaint("fb1", day("2026-11-20")), complaint("fb2", day("2026-11-25"))],
      now,
    );
    expect(plan.inserts.map((c) => c.feedbackId)).toEqual(["fb2"]);
    expect(plan.retire).toEqual([]);
    expect(plan.open).toEqual([{ id: "n1", referrerId: "r1", kind: "open_problem", feedbackId: "fb1" }, { insert: 0 }]);
  });

  it("raises a new complaint's nudge although the referrer's last complaint nudge was dismissed", () => {
    const dismissed = new Map([[nudgeLiveKey("r1", "open_problem", "fb1"), day("2026-11-20")]]);
    const plan = planNudgeSync(
      [],
      dismissed,
      [complaint("fb1", day("2026-11-20")), complaint("fb2", day("2026-11-19"))],
      now,
    );
    // The dismissed complaint stays away; the other one, though older, is a different complaint.
    expect(plan.inserts.map((c) => c.feedbackId)).toEqual(["fb2"]);
  });

  it("retires the nudge of a complaint that is no longer open", () => {
    const plan = planNudgeSync(
      [stored({ id: "n1", kind: "open_problem", feedbackId: "fb1", reason: "Negative feedback (fb1)" })],
      new Map(),
      [],
      now,
    );
    expect(plan.retire).toEqual(["n1"]);
  });
});
