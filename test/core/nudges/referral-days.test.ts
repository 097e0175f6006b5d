import { describe, expect, it } from "vitest";
import { median, referralRhythm, referralsBetween, referralsInLast } from "../../../src/core/nudges/referral-days.ts";

const days: Array<[number, number]> = [
  [100, 2],
  [110, 1],
  [130, 3],
  [131, 1],
];

describe("referral day arithmetic", () => {
  it("sums referrals in a half-open range of days", () => {
    expect(referralsBetween(days, 100, 131)).toBe(6);
    expect(referralsBetween(days, 101, 200)).toBe(5);
    expect(referralsBetween(days, 0, 100)).toBe(0);
    expect(referralsBetween([], 0, 1000)).toBe(0);
  });

  it("counts the last N days including today", () => {
    expect(referralsInLast(days, 131, 2)).toBe(4);
    expect(referralsInLast(days, 131, 1)).toBe(1);
  });

  it("reads the rhythm: active days, first and last day, median gap", () => {
    expect(referralRhythm(days, 0, 1000)).toEqual({ activeDays: 4, firstDay: 100, lastDay: 131, medianGap: 10 });
    expect(referralRhythm(days, 105, 130)).toEqual({ activeDays: 2, firstDay: 110, lastDay: 130, medianGap: 20 });
    expect(referralRhythm(days, 200, 300).activeDays).toBe(0);
  });

  it("finds the same median as sorting, for odd and even counts", () => {
    let seed = 7;
    const random = () => {
      seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31;
      return seed;
    };
    for (let n = 1; n < 60; n++) {
      const values = Int32Array.from({ length: n }, () => random() % 50);
      const sorted = [...values].sort((a, b) => a - b);
      const expected = n % 2 ? sorted[(n - 1) / 2]! : (sorted[n / 2 - 1]! + sorted[n / 2]!) / 2;
      expect(median(values)).toBe(expected);
    }
    expect(median(new Int32Array(0))).toBeNaN();
  });
});
