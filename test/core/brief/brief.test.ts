// The brief's pure parts on a fixed clock: months in the practice's zone, the talking points, the wording.
import { describe, expect, it } from "vitest";
import type { BriefFacts } from "../../../src/core/brief/brief-facts.ts";
import { renderBrief } from "../../../src/core/brief/brief-reply.ts";
import { monthlyFromTrend, monthlyReferrals } from "../../../src/core/brief/monthly-referrals.ts";
import { talkingPoints } from "../../../src/core/brief/talking-points.ts";
import type { Feedback } from "../../../src/core/model.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const ZONE = "America/New_York";
const DAY = 86_400_000;

function facts(over: Partial<BriefFacts> = {}): BriefFacts {
  return {
    referrerName: "Dr. Jennifer Lee",
    ownerName: "Ana Lopez",
    summary: {
      referralsLast12Months: 12,
      referralsLast90Days: 3,
      lastReferralAt: new Date("2026-11-20T15:00:00Z"),
      lastTouchAt: null,
      lastTouchKind: null,
      openFeedback: 0,
      referralsAllTime: 30,
      sentBackLast12Months: 1,
      sentBackAllTime: 2,
    },
    months: monthlyReferrals([], NOW, ZONE),
    touches: [],
    complaints: [],
    loopsOpen: { count: 0, oldestAt: null },
    unscheduled: { count: 0, oldestAt: null },
    trend: null,
    now: NOW,
    zone: ZONE,
    ...over,
  };
}

describe("referrals by month", () => {
  it("counts a referral of 31 March 23:30 in New York as March's, though it is April in UTC", () => {
    const m = monthlyReferrals([new Date("2026-04-01T03:30:00Z")], NOW, ZONE);
    expect(m.labels.at(-1)).toBe("Dec");
    expect(m.labels[2]).toBe("Mar");
    expect(m.thisYear[2]).toBe(1);
    expect(m.thisYear[3]).toBe(0);
  });

  it("gives every month a zero when nothing came, and puts the year before in its own row", () => {
    const m = monthlyReferrals([new Date("2025-12-15T15:00:00Z"), new Date("2024-12-15T15:00:00Z")], NOW, ZONE);
    expect(m.thisYear).toEqual(new Array(12).fill(0));
    // December 2025 is the first month of the year before (24 months back to January 2025).
    expect(m.yearBefore.reduce((a, b) => a + b, 0)).toBe(1);
    expect(m.yearBefore[11]).toBe(1);
  });
});

describe("talking points", () => {
  const complaint: Feedback = {
    id: "f1",
    practiceId: "p",
    referrerId: "r",
    sentiment: "negative",
    text: "reports arrive late",
    heardBy: "Ana",
    needsFollowUp: true,
    status: "open",
    createdAt: new Date(NOW.getTime() - 12 * DAY),
    resolvedAt: null,
    resolvedById: null,
    resolution: null,
  };

  it("puts an open complaint first, then the referrals not booked, and stops at three", () => {
    const points = talkingPoints(
      facts({
        complaints: [complaint],
        unscheduled: { count: 2, oldestAt: new Date(NOW.getTime() - 6 * DAY) },
        loopsOpen: { count: 1, oldestAt: new Date(NOW.getTime() - 3 * DAY) },
      }),
    );
    expect(points).toHaveLength(3);
    expect(points[0]).toContain("complaint of 12 days ago");
    expect(points[1]).toContain("2 referrals of theirs not booked yet (oldest 6 days)");
    expect(points[2]).toContain("1 patient we saw");
  });

  it("names a fall in referrals against the year before", () => {
    const before = [2, 2, 1, 1, 0, 0, 0, 0, 0, 0, 0, 0];
    const months = { ...monthlyReferrals([], NOW, ZONE), yearBefore: before, thisYear: new Array(12).fill(0) };
    months.thisYear[0] = 2;
    expect(talkingPoints(facts({ months }))[0]).toBe(
      "Referrals are down from 6 to 2 on the year before: ask what has changed for them.",
    );
  });

  it("asks for feedback when nothing else needs saying", () => {
    const points = talkingPoints(
      facts({
        touches: [
          {
            id: "t",
            practiceId: "p",
            referrerId: "r",
            kind: "call",
            actorName: "Ana Lopez",
            memberId: null,
            occurredAt: NOW,
            note: null,
            channel: "slack",
            referralId: null,
          },
        ],
      }),
    );
    expect(points).toEqual(["Ask how referring to us is going and what one thing we could do better."]);
  });
});

describe("the brief as a reply", () => {
  it("shows the owner, the year against the one before, what waits, and numbered talking points", () => {
    const months = monthlyReferrals(
      [new Date("2026-11-03T15:00:00Z"), new Date("2026-10-03T15:00:00Z"), new Date("2025-11-03T15:00:00Z")],
      NOW,
      ZONE,
    );
    const reply = renderBrief(
      facts({ months, unscheduled: { count: 3, oldestAt: new Date(NOW.getTime() - 6 * DAY) } }),
    );
    expect(reply.headline).toBe("Brief: Dr. Jennifer Lee");
    const fields = Object.fromEntries((reply.sections[0]?.fields ?? []).map((f) => [f.label, f.value]));
    expect(fields).toMatchObject({
      "Relationship owner": "Ana Lopez",
      "Referrals, 12 months": "2 (1 the year before, +100 %)",
      "Not yet booked": "3 (oldest 6 days)",
      "Loops not closed": "none",
    });
    const text = reply.sections.map((s) => s.text ?? "").join("\n");
    expect(text).toContain("Nov 1 · 1");
    expect(text).toContain("*Talking points*\n1. 3 referrals of theirs not booked yet");
  });
});

describe("referrals by month from the trend chart", () => {
  it("reads the chart's 24 local months into this year and the year before", () => {
    const m = monthlyFromTrend(
      [
        { month: "2026-12", count: 4 },
        { month: "2026-01", count: 2 },
        { month: "2025-12", count: 3 },
      ],
      NOW,
      ZONE,
    );
    expect(m.labels[0]).toBe("Jan");
    expect(m.thisYear[11]).toBe(4);
    expect(m.thisYear[0]).toBe(2);
    expect(m.yearBefore[11]).toBe(3);
    expect(m).toEqual(
      monthlyReferrals(
        [
          ...Array.from({ length: 4 }, () => new Date("2026-12-02T15:00:00Z")),
          ...Array.from({ length: 2 }, () => new Date("2026-01-10T15:00:00Z")),
          ...Array.from({ length: 3 }, () => new Date("2025-12-10T15:00:00Z")),
        ],
        NOW,
        ZONE,
      ),
    );
  });
});
