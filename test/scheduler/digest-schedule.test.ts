// When a digest is due, with fixed instants: the times the schedule accepts, the next run around
// daylight-saving changes in New York and Berlin, and the send window that decides "missed" versus "skipped".
import { describe, expect, it } from "vitest";
import {
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

describe("the digest time", () => {
  it("is refused when it is not HH:MM", () => {
    expect(() => nextDigestAt(settings({ digestTime: "7.30" }), iso("2026-03-09T10:00:00Z"))).toThrow(/HH:MM/);
    expect(() => nextDigestAt(settings({ digestTime: "24:00" }), iso("2026-03-09T10:00:00Z"))).toThrow(/HH:MM/);
  });

  it("has no next digest when the practice has no digest weekday", () => {
    expect(nextDigestAt(settings({ digestWeekdays: [] }), iso("2026-03-09T10:00:00Z"))).toBeNull();
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
