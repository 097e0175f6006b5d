// The figures the charts draw, and the words that say them: local months (empty ones too), month ends
// across time zones, a referrer with a single referral, and the year-on-year change.
import { DateTime } from "luxon";
import { describe, expect, it } from "vitest";
import { managersWeekChart } from "../../../src/core/charts/managers-week-data.ts";
import { countByMonth, monthWindow } from "../../../src/core/charts/months.ts";
import { practiceOverviewChart } from "../../../src/core/charts/practice-overview-data.ts";
import { referrerTrendChart } from "../../../src/core/charts/referrer-trend-data.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const DAY = 86_400_000;

function trend(referralTimes: Date[], opts: Partial<Parameters<typeof referrerTrendChart>[0]> = {}) {
  return referrerTrendChart({
    referrerName: "Dr. Jennifer Lee",
    referralTimes,
    touches: [],
    complaints: [],
    lastReferralAt: null,
    now: NOW,
    zone: "America/New_York",
    ...opts,
  });
}

describe("the referrer trend's months", () => {
  it("has all 24 months, oldest first, with zero for the months without referrals", () => {
    const chart = trend([new Date("2026-03-10T15:00:00Z")]);
    expect(chart.data.months).toHaveLength(24);
    expect(chart.data.months[0]).toEqual({ month: "2025-01", count: 0 });
    expect(chart.data.months.at(-1)).toEqual({ month: "2026-12", count: 0 });
    expect(chart.data.months.filter((m) => m.count > 0)).toEqual([{ month: "2026-03", count: 1 }]);
  });

  it("is all zeros for a referrer who never sent anyone", () => {
    const chart = trend([]);
    expect(chart.data.months.every((m) => m.count === 0)).toBe(true);
    expect(chart.altText).toBe("Dr. Jennifer Lee: no referrals yet.");
  });

  it("puts a referral in the month of the practice's own time zone at a month's end", () => {
    // 03:30 UTC on 1 February is still 31 January in New York, and already 1 February in Berlin.
    const lateJanuary = new Date("2026-02-01T03:30:00Z");
    const window = (zone: string) => monthWindow(NOW, zone, 24);
    const monthOf = (zone: string) => countByMonth([lateJanuary], window(zone), zone).find((m) => m.count === 1)?.month;
    expect(monthOf("America/New_York")).toBe("2026-01");
    expect(monthOf("UTC")).toBe("2026-02");
    // 23:30 UTC on 31 January is 00:30 on 1 February in Berlin.
    const berlin = countByMonth([new Date("2026-01-31T23:30:00Z")], window("Europe/Berlin"), "Europe/Berlin");
    expect(berlin.find((m) => m.count === 1)?.month).toBe("2026-02");
  });

  it("starts the window at the first local moment of the oldest month", () => {
    expect(monthWindow(NOW, "America/New_York", 24).start.toISOString()).toBe("2025-01-01T05:00:00.000Z");
    expect(monthWindow(NOW, "Australia/Sydney", 12).start.toISOString()).toBe("2025-12-31T13:00:00.000Z");
  });

  it("leaves out referrals from before the window", () => {
    const chart = trend([new Date("2024-12-31T12:00:00Z"), new Date("2025-01-02T12:00:00Z")]);
    expect(chart.data.months.reduce((sum, m) => sum + m.count, 0)).toBe(1);
  });
});

describe("the referrer trend in words", () => {
  it("says a single referral in the singular, with nothing the year before", () => {
    const only = new Date(NOW.getTime() - 3 * DAY);
    expect(trend([only]).altText).toBe(
      "Dr. Jennifer Lee: 1 referral in 12 months, none the year before; the last on Dec 4.",
    );
  });

  it("says the change on the year before and how long they have been silent", () => {
    const before = Array.from({ length: 20 }, (_, i) => new Date(Date.UTC(2025, 0, 5 + i * 15)));
    const recent = Array.from({ length: 13 }, (_, i) => new Date(Date.UTC(2026, 0, 5 + i * 20)));
    const chart = trend([...before, ...recent], { lastReferralAt: recent.at(-1)! });
    expect(chart.altText).toBe(
      "Dr. Jennifer Lee: 13 referrals in 12 months, down 35 % on the year before; none since Sep 1.",
    );
  });

  it("marks the touches that move referrers and the complaints, by local day, inside the window only", () => {
    const chart = trend([], {
      touches: [
        { at: new Date("2026-03-10T02:00:00Z"), kind: "thank_you" },
        { at: new Date("2026-04-01T15:00:00Z"), kind: "feedback_request" },
        { at: new Date("2024-06-01T15:00:00Z"), kind: "call" },
      ],
      complaints: [new Date("2026-09-01T15:00:00Z")],
    });
    expect(chart.data.marks).toEqual([
      { day: "2026-03-09", kind: "thank_you" },
      { day: "2026-09-01", kind: "complaint" },
    ]);
  });
});

describe("the referrer trend of a busy referrer", () => {
  it("keeps the newest 200 marks by local day, several a day, in every zone, as sorting them all would", () => {
    // Touches every 5 hours back over 22 months, some of them twice at the same instant, and complaints.
    const touches = Array.from({ length: 3_200 }, (_, i) => ({
      at: new Date(NOW.getTime() - Math.floor(i / 1.1) * 5 * 3_600_000),
      kind: (["thank_you", "call", "meeting", "feedback_request"] as const)[i % 4]!,
    }));
    const complaints = Array.from({ length: 40 }, (_, i) => new Date(NOW.getTime() - i * 7 * 3_600_000));
    for (const zone of ["America/New_York", "Pacific/Kiritimati", "Pacific/Pago_Pago", "Australia/Lord_Howe"]) {
      const marks = trend([], { touches, complaints, zone }).data.marks;
      const dayOf = (at: Date) => DateTime.fromJSDate(at, { zone }).toFormat("yyyy-LL-dd");
      const all = [
        ...touches.filter((t) => t.kind !== "feedback_request").map((t) => ({ day: dayOf(t.at), kind: t.kind })),
        ...complaints.map((at) => ({ day: dayOf(at), kind: "complaint" as const })),
      ].sort((a, b) => a.day.localeCompare(b.day));
      expect(marks).toHaveLength(200);
      expect(marks).toEqual(all.slice(-200));
    }
  });
});

describe("the practice at a glance", () => {
  it("says the year, the biggest referrer and who is going quiet", () => {
    const window = monthWindow(NOW, "UTC", 24);
    const chart = practiceOverviewChart({
      practiceName: "Lakeside Ortho",
      months: window.keys.map((month, i) => ({ month, count: i < 12 ? 10 : 12 })),
      top: [{ name: "Dr. Lee", last12: 41, previous12: 30 }],
      quiet: [{ name: "Dr. Okoro", lastReferralAt: new Date(NOW.getTime() - 40 * DAY) }],
      now: NOW,
      zone: "UTC",
    });
    expect(chart.altText).toBe(
      "Lakeside Ortho: 144 referrals in 12 months, up 20 % on the year before; most from Dr. Lee (41); going quiet: Dr. Okoro (40 days).",
    );
    expect(chart.data.quiet).toEqual([{ name: "Dr. Okoro", daysSilent: 40 }]);
  });
});

describe("the manager's week", () => {
  it("puts the busiest member first and counts nudges done against passed over", () => {
    const chart = managersWeekChart({
      weekOf: "2026-12-07",
      members: [
        { name: "Ben", touches: { call: 1 }, nudgesDone: 0, nudgesPassed: 2 },
        { name: "Ana", touches: { thank_you: 3, meeting: 1 }, nudgesDone: 2, nudgesPassed: 0 },
      ],
    });
    expect(chart.data.members.map((m) => m.name)).toEqual(["Ana", "Ben"]);
    expect(chart.altText).toBe(
      "Week of 2026-12-07: 5 touches by 2 members, most by Ana (4); 2 nudges done, 2 passed over.",
    );
  });

  it("says so when nobody did anything yet", () => {
    expect(managersWeekChart({ weekOf: "2026-12-07", members: [] }).altText).toBe(
      "Week of 2026-12-07: no touches logged and no nudges handled yet.",
    );
  });
});
