import { DateTime, IANAZone } from "luxon";
import { describe, expect, it } from "vitest";
import { fromWallClock, offsetMinutesAt, toWallClock, wallWeekday } from "../../../src/core/time/wall-clock.ts";

const HOUR_MS = 3_600_000;
// A changeover at 02:00, one on a half hour (Lord Howe moves by 30 minutes), a 45-minute offset, the
// southern hemisphere, and a zone without daylight saving.
const ZONES = ["America/New_York", "Australia/Lord_Howe", "Asia/Kathmandu", "Pacific/Auckland", "Asia/Tokyo"];

describe("wall clock", () => {
  it.each(ZONES)("gives the same offset as the tz database all through a year in %s", (zone) => {
    const iana = IANAZone.create(zone);
    const start = Date.parse("2025-01-01T00:00:00Z");
    // A 97-minute step walks through every minute of the hour over the year, on both sides of each changeover.
    for (let ms = start; ms < start + 366 * 24 * HOUR_MS; ms += 97 * 60_000) {
      expect(offsetMinutesAt(ms, zone)).toBe(iana.offset(ms));
    }
  });

  it("round-trips every instant of a changeover day through the wall clock", () => {
    const zone = "America/New_York";
    const fallBack = Date.parse("2025-11-02T00:00:00Z");
    for (let ms = fallBack; ms < fallBack + 24 * HOUR_MS; ms += 15 * 60_000) {
      const wall = toWallClock(ms, zone);
      const local = DateTime.fromMillis(ms, { zone });
      expect(new Date(wall).toISOString().slice(0, 16)).toBe(local.toFormat("yyyy-MM-dd'T'HH:mm"));
      const back = fromWallClock(wall, zone);
      // The same wall time again; in the repeated hour, the earlier of its two instants.
      expect(toWallClock(back, zone)).toBe(wall);
      expect(back === ms || back === ms - HOUR_MS).toBe(true);
      if (ms >= Date.parse("2025-11-02T06:00:00Z") && ms < Date.parse("2025-11-02T07:00:00Z")) {
        expect(back).toBe(ms - HOUR_MS);
      }
    }
  });

  it("knows 1 January 1970 was a Thursday", () => {
    expect(wallWeekday(0)).toBe(4);
    expect(wallWeekday(Date.parse("2025-06-15T23:59:00Z"))).toBe(7);
    expect(wallWeekday(Date.parse("1969-12-29T12:00:00Z"))).toBe(1);
  });

  it("refuses an unknown zone", () => {
    expect(() => offsetMinutesAt(0, "Nowhere/Special")).toThrow(RangeError);
  });
});
