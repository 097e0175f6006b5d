import { describe, expect, it } from "vitest";
import type { TeamActivity } from "../../../src/core/ports.ts";
import { teamFigures, teamPeriods, trendOf } from "../../../src/core/team/team-figures.ts";
import { ownedLine, periodLine, teamSections } from "../../../src/core/team/team-reply.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const ZONE = "America/New_York";

const activity: TeamActivity = {
  members: [
    { id: "m-ana", displayName: "Ana Lopez", role: "liaison" },
    { id: "m-kim", displayName: "Dr. Sun Kim", role: "physician" },
  ],
  touches: [
    { memberId: "m-ana", kind: "thank_you", period: "this", count: 3 },
    { memberId: "m-ana", kind: "call", period: "this", count: 1 },
    { memberId: "m-ana", kind: "call", period: "last", count: 2 },
    { memberId: null, kind: "meeting", period: "this", count: 4 },
  ],
  nudgeActions: [
    { memberId: "m-ana", action: "done", period: "this", count: 2 },
    { memberId: "m-ana", action: "snoozed", period: "this", count: 1 },
    { memberId: "m-kim", action: "dismissed", period: "last", count: 5 },
  ],
  passedOver: [
    { audience: "m-kim", period: "this", count: 3 },
    { audience: "channel", period: "this", count: 2 },
  ],
  escalations: [
    { toMemberId: "m-ana", period: "this", count: 3 },
    { toMemberId: null, period: "this", count: 1 },
  ],
  owned: [
    { referrerId: "r1", displayName: "Dr. Lee", ownerMemberId: "m-ana", thisMonth: 2, lastMonth: 5 },
    { referrerId: "r2", displayName: "Dr. Okoro", ownerMemberId: "m-ana", thisMonth: 4, lastMonth: 1 },
  ],
  goingQuiet: [
    {
      referrerId: "r3",
      displayName: "Dr. Patel",
      ownerMemberId: null,
      reason: "Usually every 9 days; nothing for 41 days",
    },
    {
      referrerId: "r1",
      displayName: "Dr. Lee",
      ownerMemberId: "m-ana",
      reason: "Referrals down from 12 to 5 in the last 90 days",
    },
  ],
};

describe("the team's figures", () => {
  const periods = teamPeriods(NOW, ZONE);
  const figures = teamFigures(activity, periods, ZONE);
  const ana = figures.members.find((m) => m.memberId === "m-ana")!;
  const kim = figures.members.find((m) => m.memberId === "m-kim")!;

  it("are this calendar month and the last in the practice's zone", () => {
    expect(periods.this.from.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(periods.last.from.toISOString()).toBe("2026-11-01T04:00:00.000Z");
    expect(figures.monthNames).toEqual({ this: "December 2026", last: "November 2026" });
  });

  it("count each member's touches by kind, nudge clicks, passes and what was handed on to them", () => {
    expect(ana.thisMonth).toMatchObject({ touchesTotal: 4, nudgesDone: 2, nudgesSnoozed: 1, handedOnToThem: 3 });
    expect(ana.thisMonth.touches).toMatchObject({ thank_you: 3, call: 1, meeting: 0 });
    expect(ana.lastMonth.touchesTotal).toBe(2);
    expect(kim.thisMonth.passedOver).toBe(3);
    expect(kim.lastMonth.nudgesDismissed).toBe(5);
    expect(figures.unattributedTouches).toEqual({ thisMonth: 4, lastMonth: 0 });
    expect(figures.escalations).toEqual({ thisMonth: 4, lastMonth: 0 });
  });

  it("list the referrers each member looks after, busiest this month first, with their trend", () => {
    expect(ana.referrers.map((r) => [r.name, r.trend])).toEqual([
      ["Dr. Okoro", "up"],
      ["Dr. Lee", "down"],
    ]);
    expect(kim.referrers).toEqual([]);
    expect(trendOf(3, 3)).toBe("flat");
  });

  it("name who looks after each referrer going quiet", () => {
    expect(figures.goingQuiet.map((q) => [q.name, q.ownerName])).toEqual([
      ["Dr. Lee", "Ana Lopez"],
      ["Dr. Patel", null],
    ]);
  });

  it("read as plain lines, with names of referrers and members and counts only", () => {
    expect(periodLine(ana.thisMonth)).toBe(
      "4 touches (3 thank-yous, 1 call) · 2 nudges done, 1 snoozed, 0 dismissed · passed over 0 · 3 handed on to them",
    );
    expect(ownedLine(ana.referrers[1]!)).toBe("Dr. Lee 2 ↓ (5 last month)");
    const text = teamSections(figures)
      .map((s) => `${s.text ?? ""}${s.context ?? ""}`)
      .join("\n");
    expect(text).toContain("Dr. Patel: Usually every 9 days; nothing for 41 days · nobody looks after them");
    expect(text).toContain("Nudges handed on after three passes: 4 in December 2026, 0 in November 2026");
  });
});
