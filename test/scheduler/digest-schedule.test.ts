// When a digest is due, with fixed instants: cron expressions, the next run around daylight-saving
// changes in New York and Berlin, and the send window that decides "missed" versus "skipped".
import cron from "node-cron";
import { afterEach, describe, expect, it, vi } from "vitest";
import {
  cronExpressionFor,
  digestDayAt,
  isInSpringForwardGap,
  nextDigestAt,
  type ScheduleSettings,
} from "../../src/scheduler/digest-schedule.ts";

const weekdays = [1, 2, 3, 4, 5];
const everyDay = [1, 2, 3, 4, 5, 6, 7];

function settings(overrides: Partial<ScheduleSettings> = {}): ScheduleSettings {
  return {
    timeZone: "America/New_York",
    digestTime: "07:30",
    digestWeekdays: weekdays,
    missedDigestCutoff: "12:00",
    ...overrides,
  };
}

const iso = (s: string) => new Date(s);

describe("the cron expression", () => {
  it("is minute, hour and the ISO weekdays as cron weekdays", () => {
    expect(cronExpressionFor({ digestTime: "07:30", digestWeekdays: weekdays })).toBe("30 7 * * 1-5");
  });

  it("writes Sunday as 0 and every day as a star", () => {
    expect(cronExpressionFor({ digestTime: "06:05", digestWeekdays: [1, 3, 5, 7] })).toBe("5 6 * * 0,1,3,5");
    expect(cronExpressionFor({ digestTime: "08:00", digestWeekdays: everyDay })).toBe("0 8 * * *");
    expect(cronExpressionFor({ digestTime: "08:00", digestWeekdays: [6, 7] })).toBe("0 8 * * 0,6");
  });

  it("refuses a schedule with no weekday or a time that is not HH:MM", () => {
    expect(() => cronExpressionFor({ digestTime: "07:30", digestWeekdays: [] })).toThrow(/weekday/);
    expect(() => cronExpressionFor({ digestTime: "7.30", digestWeekdays: weekdays })).toThrow(/HH:MM/);
    expect(() => cronExpressionFor({ digestTime: "24:00", digestWeekdays: weekdays })).toThrow(/HH:MM/);
  });
});

describe("the next digest", () => {
  it("is later today when the digest time has not come yet, in the practice's zone", () => {
    // Monday 2026-03-09 06:00 EDT.
    expect(nextDigestAt(settings(), iso("2026-03-09T10:00:00Z"))).toEqual({
      at: iso("2026-03-09T11:30:00Z"),
      localDate: "2026-03-09",
      inGap: false,
    });
  });

  it("skips to Monday after Friday's digest when the practice has weekdays only", () => {
    const next = nextDigestAt(settings(), iso("2026-03-13T12:00:00Z"));
    expect(next?.localDate).toBe("2026-03-16");
  });

  it("at 02:30 on New York's spring-forward day moves to 03:30 EDT, flagged as in the gap", () => {
    // 2026-03-08 01:00 EST: clocks jump from 02:00 to 03:00, so 02:30 does not exist.
    const next = nextDigestAt(settings({ digestTime: "02:30", digestWeekdays: everyDay }), iso("2026-03-08T06:00:00Z"));
    expect(next).toEqual({ at: iso("2026-03-08T07:30:00Z"), localDate: "2026-03-08", inGap: true });
    expect(isInSpringForwardGap("2026-03-08", "02:30", "America/New_York")).toBe(true);
    expect(isInSpringForwardGap("2026-03-09", "02:30", "America/New_York")).toBe(false);
  });

  it("after the spring-forward digest is the next day's 02:30, which exists again", () => {
    const next = nextDigestAt(settings({ digestTime: "02:30", digestWeekdays: everyDay }), iso("2026-03-08T07:30:00Z"));
    expect(next).toEqual({ at: iso("2026-03-09T06:30:00Z"), localDate: "2026-03-09", inGap: false });
  });

  it("at 02:30 on Berlin's spring-forward day moves to 03:30 CEST", () => {
    const berlin = settings({ timeZone: "Europe/Berlin", digestTime: "02:30", digestWeekdays: everyDay });
    expect(nextDigestAt(berlin, iso("2026-03-28T23:30:00Z"))).toEqual({
      at: iso("2026-03-29T01:30:00Z"),
      localDate: "2026-03-29",
      inGap: true,
    });
  });

  it("at 01:30 on New York's fall-back day is the first 01:30 (EDT), and only that one", () => {
    const ny = settings({ digestTime: "01:30", digestWeekdays: everyDay });
    expect(nextDigestAt(ny, iso("2026-11-01T04:00:00Z"))).toEqual({
      at: iso("2026-11-01T05:30:00Z"),
      localDate: "2026-11-01",
      inGap: false,
    });
    // The second 01:30 (EST, 06:30Z) is not a second digest: next comes Monday's.
    expect(nextDigestAt(ny, iso("2026-11-01T05:30:00Z"))?.at).toEqual(iso("2026-11-02T06:30:00Z"));
  });

  it("at 02:30 on Berlin's fall-back day is the first 02:30 (CEST), and only that one", () => {
    const berlin = settings({ timeZone: "Europe/Berlin", digestTime: "02:30", digestWeekdays: everyDay });
    expect(nextDigestAt(berlin, iso("2026-10-24T23:00:00Z"))?.at).toEqual(iso("2026-10-25T00:30:00Z"));
    expect(nextDigestAt(berlin, iso("2026-10-25T00:30:00Z"))?.at).toEqual(iso("2026-10-26T01:30:00Z"));
  });
});

describe("node-cron around daylight saving (why the gap needs a timer)", () => {
  afterEach(() => {
    vi.useRealTimers();
  });

  it("skips a 02:30 digest on spring-forward day, so the scheduler cannot rely on it alone", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(iso("2026-03-08T05:00:00Z"));
    const task = cron.createTask("30 2 * * *", () => {}, { timezone: "America/New_York" });
    try {
      expect(task.getNextRuns(1)[0]).toEqual(iso("2026-03-09T06:30:00Z"));
    } finally {
      void task.destroy();
    }
  });

  it("fires a 01:30 digest once on fall-back day", () => {
    vi.useFakeTimers({ toFake: ["Date"] });
    vi.setSystemTime(iso("2026-11-01T04:00:00Z"));
    const task = cron.createTask("30 1 * * *", () => {}, { timezone: "America/New_York" });
    try {
      const [first, second] = task.getNextRuns(2);
      expect(first?.toISOString().slice(0, 10)).toBe("2026-11-01");
      expect(second?.toISOString().slice(0, 10)).toBe("2026-11-02");
    } finally {
      void task.destroy();
    }
  });
});

describe("the digest day at an instant", () => {
  it("is not a digest day on a Saturday for a weekdays-only practice", () => {
    expect(digestDayAt(settings(), iso("2026-03-14T14:00:00Z")).phase).toBe("not-a-digest-day");
  });

  it("is before, due, then past the cutoff as the morning goes by", () => {
    const s = settings();
    expect(digestDayAt(s, iso("2026-03-09T11:29:00Z")).phase).toBe("before");
    expect(digestDayAt(s, iso("2026-03-09T11:30:00Z")).phase).toBe("due");
    expect(digestDayAt(s, iso("2026-03-09T15:59:00Z")).phase).toBe("due");
    expect(digestDayAt(s, iso("2026-03-09T16:00:00Z")).phase).toBe("past-cutoff");
  });

  it("takes the local date in the practice's zone, not UTC's", () => {
    // 03:00 UTC on Tuesday is still Monday evening in Los Angeles.
    const day = digestDayAt(settings({ timeZone: "America/Los_Angeles" }), iso("2026-03-10T03:00:00Z"));
    expect(day.localDate).toBe("2026-03-09");
  });

  it("keeps a short window for the on-time send when the cutoff is not after the digest time", () => {
    const s = settings({ digestTime: "13:00", missedDigestCutoff: "12:00" });
    expect(digestDayAt(s, iso("2026-03-09T17:05:00Z")).phase).toBe("due");
    expect(digestDayAt(s, iso("2026-03-09T17:30:00Z")).phase).toBe("past-cutoff");
  });
});
