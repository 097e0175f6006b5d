// The gift rules on a fixed clock: which calendar year a gift counts in (the practice's, not UTC's), the
// 80 % warning, going over the limit, and which CMS figure applies.
import { describe, expect, it } from "vitest";
import { CMS_NON_MONETARY_LIMIT_CENTS, cmsLimitFor, giftLimitFor } from "../../../src/core/gifts/gift-limit.ts";
import { giftOutcome, giftStanding } from "../../../src/core/gifts/gift-standing.ts";
import { limitSource, standingWarning } from "../../../src/core/gifts/gift-wording.ts";
import { calendarYearOf, calendarYearRange, yearTotalCents } from "../../../src/core/gifts/gift-year.ts";

const NEW_YORK = "America/New_York";
const gift = (iso: string, amountCents: number) => ({ givenAt: new Date(iso), amountCents });

describe("gift totals per calendar year", () => {
  // 23:30 on 31 December in New York is 04:30 on 1 January in UTC.
  const newYearsEveDinner = gift("2027-01-01T04:30:00Z", 12_000);
  const gifts = [
    gift("2026-01-01T04:59:59Z", 1_000), // 23:59:59 on 31 Dec 2025 in New York: last year
    gift("2026-01-01T05:00:00Z", 2_000), // midnight, 1 Jan 2026 in New York: this year
    gift("2026-06-15T16:00:00Z", 8_500),
    newYearsEveDinner,
    gift("2027-01-01T05:00:00Z", 4_000), // 1 Jan 2027 in New York: next year
  ];

  it("counts a gift at 23:30 on 31 December local time in that year, though UTC has moved on", () => {
    expect(calendarYearOf(newYearsEveDinner.givenAt, NEW_YORK)).toBe(2026);
    expect(calendarYearOf(newYearsEveDinner.givenAt, "UTC")).toBe(2027);
  });

  it("adds up only the gifts of the year asked about, in the practice's time zone", () => {
    expect(yearTotalCents(gifts, 2025, NEW_YORK)).toBe(1_000);
    expect(yearTotalCents(gifts, 2026, NEW_YORK)).toBe(2_000 + 8_500 + 12_000);
    expect(yearTotalCents(gifts, 2027, NEW_YORK)).toBe(4_000);
  });

  it("gives different totals for the same gifts in another time zone", () => {
    expect(yearTotalCents(gifts, 2026, "UTC")).toBe(1_000 + 2_000 + 8_500);
  });

  it("bounds a year by local midnights", () => {
    const { start, end } = calendarYearRange(2026, NEW_YORK);
    expect(start.toISOString()).toBe("2026-01-01T05:00:00.000Z");
    expect(end.toISOString()).toBe("2027-01-01T05:00:00.000Z");
  });
});

describe("the standing against the limit", () => {
  const LIMIT = 53_500; // $535

  it("is within the limit below 80 %", () => {
    expect(giftStanding(42_799, LIMIT)).toMatchObject({ status: "within", percent: 79, leftCents: 10_701 });
  });

  it("warns from exactly 80 % of the limit", () => {
    expect(giftStanding(42_800, LIMIT)).toMatchObject({ status: "near", percent: 80 });
    expect(standingWarning("Dr. Lee", giftStanding(42_800, LIMIT), 2026)).toBe(
      "⚠ Dr. Lee is at 80 % of the yearly limit for gifts and meals: $107 left for 2026.",
    );
  });

  it("is still allowed, and near, when the total is exactly the limit", () => {
    expect(giftStanding(LIMIT, LIMIT)).toMatchObject({ status: "near", percent: 100, leftCents: 0, overCents: 0 });
  });

  it("is over one cent past the limit, and says by how much", () => {
    const over = giftStanding(LIMIT + 2_500, LIMIT);
    expect(over).toMatchObject({ status: "over", overCents: 2_500 });
    expect(standingWarning("Dr. Lee", over, 2026)).toContain("$560 of $535 (104 %) in 2026, $25 too much");
  });

  it("says nothing while well within the limit", () => {
    expect(standingWarning("Dr. Lee", giftStanding(8_500, LIMIT), 2026)).toBeNull();
  });

  it("tells the gift that crosses the limit from one given when it was already over", () => {
    expect(giftOutcome(50_000, 8_500, LIMIT)).toMatchObject({
      crossesLimit: true,
      before: { status: "near" },
      after: { status: "over", totalCents: 58_500 },
    });
    expect(giftOutcome(58_500, 1_000, LIMIT).crossesLimit).toBe(false);
    expect(giftOutcome(0, LIMIT, LIMIT).crossesLimit).toBe(false);
  });
});

describe("the yearly limit", () => {
  it("is CMS's published figure for the year: $507 in 2024, $519 in 2025, $535 in 2026", () => {
    expect(cmsLimitFor(2024)).toEqual({ cents: 50_700, year: 2024 });
    expect(cmsLimitFor(2025)).toEqual({ cents: 51_900, year: 2025 });
    expect(cmsLimitFor(2026)).toEqual({ cents: 53_500, year: 2026 });
  });

  it("falls back to the latest figure known for a year CMS has not published here yet, and says so", () => {
    const latest = Math.max(...Object.keys(CMS_NON_MONETARY_LIMIT_CENTS).map(Number));
    const next = cmsLimitFor(latest + 1);
    expect(next.year).toBe(latest);
    expect(limitSource(giftLimitFor({}, latest + 1), latest + 1)).toContain(`CMS's latest known figure, for ${latest}`);
  });

  it("is the practice's own when an admin set one", () => {
    expect(giftLimitFor({ giftLimitCents: 40_000 }, 2026)).toEqual({
      cents: 40_000,
      source: "practice",
      cmsYear: 2026,
    });
    expect(giftLimitFor({}, 2026)).toEqual({ cents: 53_500, source: "cms", cmsYear: 2026 });
  });
});
