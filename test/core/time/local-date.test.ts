import { describe, expect, it } from "vitest";
import {
  atLocalTime,
  dateOfEpochDay,
  epochDayOf,
  isoWeekdayOf,
  isValidTimeZone,
  localDateOf,
  localDaysBetween,
  startOfLocalDay,
  startOfLocalWeek,
  weekdayName,
} from "../../../src/core/time/local-date.ts";

const LA = "America/Los_Angeles";
// Friday 13 June 2025, 23:30 in Los Angeles (PDT, UTC-7): already Saturday in UTC.
const FRIDAY_LATE_LA = new Date("2025-06-14T06:30:00Z");

describe("local dates", () => {
  it("gives the practice's calendar date, not UTC's, just before local midnight", () => {
    expect(localDateOf(FRIDAY_LATE_LA, LA)).toBe("2025-06-13");
    expect(localDateOf(FRIDAY_LATE_LA, "UTC")).toBe("2025-06-14");
  });

  it("names the local weekday", () => {
    expect(weekdayName(FRIDAY_LATE_LA, LA)).toBe("Friday");
    expect(weekdayName(FRIDAY_LATE_LA, "UTC")).toBe("Saturday");
    expect(isoWeekdayOf(FRIDAY_LATE_LA, LA)).toBe(5);
  });

  it("counts epoch days in UTC, as the stats row does", () => {
    expect(epochDayOf(new Date("1970-01-01T23:59:59Z"))).toBe(0);
    expect(epochDayOf(new Date("1970-01-02T00:00:00Z"))).toBe(1);
    expect(dateOfEpochDay(epochDayOf(FRIDAY_LATE_LA)).toISOString()).toBe("2025-06-14T00:00:00.000Z");
  });

  it("counts local calendar days across local midnight", () => {
    expect(localDaysBetween(FRIDAY_LATE_LA, new Date("2025-06-14T07:10:00Z"), LA)).toBe(1);
    expect(localDaysBetween(new Date("2025-06-14T06:00:00Z"), FRIDAY_LATE_LA, LA)).toBe(0);
  });

  it("counts a day across a daylight-saving change as one day", () => {
    expect(
      localDaysBetween(new Date("2025-03-08T17:00:00Z"), new Date("2025-03-09T16:00:00Z"), "America/New_York"),
    ).toBe(1);
  });

  it("starts the local day and the local Monday-based week in the zone", () => {
    expect(startOfLocalDay(FRIDAY_LATE_LA, LA).toISOString()).toBe("2025-06-13T07:00:00.000Z");
    expect(startOfLocalWeek(new Date("2025-06-11T16:00:00Z"), "Europe/Berlin").toISOString()).toBe(
      "2025-06-08T22:00:00.000Z",
    );
  });

  it("puts a Sunday late evening in the week that began the Monday before", () => {
    const sundayLate = new Date("2025-06-16T06:30:00Z"); // Sunday 15 June, 23:30 in Los Angeles
    expect(localDateOf(startOfLocalWeek(sundayLate, LA), LA)).toBe("2025-06-09");
  });

  it("turns a local date and time into an instant", () => {
    expect(atLocalTime("2025-06-11", "07:00", "America/New_York").toISOString()).toBe("2025-06-11T11:00:00.000Z");
  });

  it("moves a time in the spring-forward gap forward, and takes the earlier of a fall-back overlap", () => {
    expect(atLocalTime("2025-03-09", "02:30", "America/New_York").toISOString()).toBe("2025-03-09T07:30:00.000Z");
    expect(atLocalTime("2025-11-02", "01:30", "America/New_York").toISOString()).toBe("2025-11-02T05:30:00.000Z");
  });

  it("refuses a malformed time and an unknown zone instead of guessing", () => {
    expect(() => atLocalTime("2025-06-11", "7am", "America/New_York")).toThrow(RangeError);
    expect(() => localDateOf(FRIDAY_LATE_LA, "Mars/Olympus_Mons")).toThrow(RangeError);
    expect(isValidTimeZone("Mars/Olympus_Mons")).toBe(false);
    expect(isValidTimeZone(LA)).toBe(true);
  });
});
