import { describe, expect, it } from "vitest";
import { addBusinessDays, businessDaysBetween, isBusinessDay } from "../../../src/core/time/business-days.ts";
import { localDateOf } from "../../../src/core/time/local-date.ts";

const LA = "America/Los_Angeles";
const NY = "America/New_York";
const FRIDAY_LATE_LA = new Date("2025-06-14T06:30:00Z"); // Friday 23:30 local, Saturday in UTC

describe("business days", () => {
  it("treats Friday 23:30 in Los Angeles as a business day although it is Saturday in UTC", () => {
    expect(isBusinessDay(FRIDAY_LATE_LA, LA)).toBe(true);
    expect(isBusinessDay(FRIDAY_LATE_LA, "UTC")).toBe(false);
  });

  it("skips the weekend and keeps the local time: two business days after Friday 23:30 is Tuesday 23:30", () => {
    const due = addBusinessDays(FRIDAY_LATE_LA, 2, LA);
    expect(due.toISOString()).toBe("2025-06-18T06:30:00.000Z");
    expect(localDateOf(due, LA)).toBe("2025-06-17");
  });

  it("counts Monday as the first business day after a Saturday", () => {
    const saturday = new Date("2025-06-14T17:00:00Z"); // Saturday 10:00 in Los Angeles
    expect(addBusinessDays(saturday, 1, LA).toISOString()).toBe("2025-06-16T17:00:00.000Z");
  });

  it("returns the same instant for zero business days", () => {
    expect(addBusinessDays(FRIDAY_LATE_LA, 0, LA)).toEqual(FRIDAY_LATE_LA);
  });

  it("skips holidays given as local dates", () => {
    const thursday = new Date("2025-07-03T16:00:00Z");
    const holidays = new Set(["2025-07-04"]);
    expect(localDateOf(addBusinessDays(thursday, 1, NY, { holidays }), NY)).toBe("2025-07-07");
    expect(isBusinessDay(new Date("2025-07-04T16:00:00Z"), NY, { holidays })).toBe(false);
  });

  it("keeps the wall-clock time across the spring-forward weekend", () => {
    const fridayMorning = new Date("2025-03-07T14:00:00Z"); // 09:00 EST
    expect(addBusinessDays(fridayMorning, 2, NY).toISOString()).toBe("2025-03-11T13:00:00.000Z"); // 09:00 EDT
  });

  it("refuses a negative or fractional count", () => {
    expect(() => addBusinessDays(FRIDAY_LATE_LA, -1, LA)).toThrow(RangeError);
    expect(() => addBusinessDays(FRIDAY_LATE_LA, 1.5, LA)).toThrow(RangeError);
  });

  it("counts the business days between two instants by local date", () => {
    const tuesday = new Date("2025-06-17T20:00:00Z");
    expect(businessDaysBetween(FRIDAY_LATE_LA, tuesday, LA)).toBe(2);
    expect(businessDaysBetween(tuesday, FRIDAY_LATE_LA, LA)).toBe(0);
    expect(businessDaysBetween(FRIDAY_LATE_LA, FRIDAY_LATE_LA, LA)).toBe(0);
  });
});
