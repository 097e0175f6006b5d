import { describe, expect, it } from "vitest";
import { computePracticeFigures } from "../../../src/core/nudges/practice-figures.ts";
import { meetRule } from "../../../src/core/nudges/rules/meet.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z";

/** A referrer who sent `count` referrals spread over the last year. */
const sending = (count: number, name = `Dr. ${count}`) =>
  aReferrer(name).withReferralsBetween(NOW, { count, fromDaysAgo: 360, toDaysAgo: 1 });

/** Ten referrers sending 1…9 and 42 a year: the top fifth is the two biggest, threshold 9. */
function practice() {
  const small = [1, 2, 3, 4, 5, 6, 7, 8, 9].map((n) => sending(n).build());
  const top = sending(42, "Dr. Lee").metOn(daysBefore(NOW, 213)).build();
  return { top, small, all: [...small, top] };
}

describe("practice figures", () => {
  it("puts the top fifth of sending referrers at or above the threshold", () => {
    const { all, top } = practice();
    const figures = computePracticeFigures(all, new Date(NOW), 0.2);
    expect(figures.topThreshold).toBe(9);
    expect(figures.volume12.get(top.referrerId)).toBe(42);
  });

  it("leaves out archived referrers and referrals older than 12 months", () => {
    const old = aReferrer()
      .withReferralsOn([daysBefore(NOW, 370), daysBefore(NOW, 380)])
      .build();
    const archived = sending(50).archived().build();
    const figures = computePracticeFigures([old, archived, sending(4).build()], new Date(NOW), 0.2);
    expect(figures.volume12.get(old.referrerId)).toBe(0);
    expect(figures.volume12.has(archived.referrerId)).toBe(false);
    expect(figures.topThreshold).toBe(4);
  });

  it("never calls one or two referrals a year a top referrer", () => {
    const figures = computePracticeFigures([sending(1).build(), sending(2).build()], new Date(NOW), 0.2);
    expect(figures.topThreshold).toBe(3);
  });

  it("has no threshold when nobody sent anything", () => {
    expect(computePracticeFigures([Referrers.withNoHistory().build()], new Date(NOW), 0.2).topThreshold).toBeNull();
  });
});

describe("meet rule", () => {
  it("asks to meet a top referrer not met in person for longer than the interval", () => {
    const { top, all } = practice();
    const nudge = meetRule(top, aRuleContext({ now: NOW, allFacts: all }));
    expect(nudge).toMatchObject({
      kind: "meet",
      reason: "Top referrer (42 in 12 months); not met in person for 7 months",
      personal: false,
    });
    expect(nudge?.dueAt).toEqual(daysBefore(NOW, 213 - 180));
  });

  it("stays silent for a top referrer met within the interval", () => {
    const recent = sending(42).metOn(daysBefore(NOW, 60)).build();
    expect(meetRule(recent, aRuleContext({ now: NOW, allFacts: [...practice().small, recent] }))).toBeNull();
  });

  it("says when a top referrer was never met", () => {
    const never = sending(42, "Dr. Kim").build();
    const nudge = meetRule(never, aRuleContext({ now: NOW, allFacts: [...practice().small, never] }));
    expect(nudge?.reason).toBe("Top referrer (42 in 12 months); never met in person");
  });

  it("leaves out referrers below the top fraction, archived ones and those with no history", () => {
    const { small, all } = practice();
    const ctx = aRuleContext({ now: NOW, allFacts: all });
    expect(meetRule(small[0]!, ctx)).toBeNull();
    expect(meetRule(sending(42).archived().build(), ctx)).toBeNull();
    expect(meetRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
  });
});
