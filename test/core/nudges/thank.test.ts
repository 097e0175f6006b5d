import { describe, expect, it } from "vitest";
import { thankRule } from "../../../src/core/nudges/rules/thank.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z"; // Wednesday, 12:00 in New York: not the card day (Friday)
const FRIDAY = "2025-06-13T16:00:00Z";

/** A referrer with `n` referrals not yet thanked, in a practice where they are the top sender. */
function topReferrerWith(n: number, now = NOW) {
  const facts = aReferrer()
    .withReferralsOn(Array.from({ length: 10 }, (_, i) => daysBefore(now, 60 + i)))
    .thankedOn(daysBefore(now, 50))
    .withReferralsOn(Array.from({ length: n }, (_, i) => daysBefore(now, 1 + i)))
    .build();
  const small = aReferrer("Dr. Small")
    .withReferralsOn([daysBefore(now, 100)])
    .build();
  return { facts, ctx: (settings = {}) => aRuleContext({ now, allFacts: [facts, small], settings }) };
}

describe("thank rule between card days", () => {
  it("asks a top referrer with many unthanked referrals for one thank-you covering all of them", () => {
    const { facts, ctx } = topReferrerWith(5);
    const nudge = thankRule(facts, ctx());
    expect(nudge).toMatchObject({ kind: "thank", reason: "5 referrals since your last thank-you", personal: false });
    expect(nudge?.triggeredAt.toISOString()).toBe(daysBefore(NOW, 1).toISOString());
  });

  it("leaves a top referrer with fewer unthanked referrals than the setting to the weekly cards", () => {
    const { facts, ctx } = topReferrerWith(4);
    expect(thankRule(facts, ctx())).toBeNull();
    expect(thankRule(facts, ctx({ thankTopUnthanked: 4 }))?.reason).toBe("4 referrals since your last thank-you");
  });

  it("leaves a referrer who is not a top referrer to the weekly cards, however many are waiting", () => {
    const top = aReferrer("Dr. Top")
      .withReferralsOn(Array.from({ length: 40 }, (_, i) => daysBefore(NOW, 2 + i)))
      .thankedOn(daysBefore(NOW, 1))
      .build();
    const others = Array.from({ length: 4 }, (_, i) =>
      aReferrer(`Dr. Other ${i}`)
        .withReferralsOn(Array.from({ length: 30 }, (_, j) => daysBefore(NOW, 1 + j)))
        .build(),
    );
    const lesser = aReferrer("Dr. Lesser")
      .withReferralsOn(Array.from({ length: 6 }, (_, i) => daysBefore(NOW, 1 + i)))
      .build();
    const ctx = aRuleContext({ now: NOW, allFacts: [top, ...others, lesser] });
    expect(thankRule(lesser, ctx)).toBeNull();
  });

  it("says so when the referrer was never thanked at all", () => {
    const facts = aReferrer()
      .withReferralsOn(Array.from({ length: 6 }, (_, i) => daysBefore(NOW, 1 + i)))
      .build();
    expect(thankRule(facts, aRuleContext({ now: NOW, allFacts: [facts] }))?.reason).toBe(
      "6 referrals and no thank-you yet",
    );
  });
});

describe("thank rule on card day", () => {
  it("stays silent: the card-day message gathers every thank-you, the top referrers' too", () => {
    const { facts, ctx } = topReferrerWith(8, FRIDAY);
    expect(thankRule(facts, ctx())).toBeNull();
  });

  it("follows the practice's card day", () => {
    const { facts, ctx } = topReferrerWith(8, FRIDAY);
    expect(thankRule(facts, ctx({ cardWeekday: 3 }))?.kind).toBe("thank");
    const wednesday = topReferrerWith(8, NOW);
    expect(thankRule(wednesday.facts, wednesday.ctx({ cardWeekday: 3 }))).toBeNull();
  });

  it("counts the day in the practice's zone: Thursday 23:30 in Los Angeles is not Friday", () => {
    const thursdayNight = "2025-06-13T06:30:00Z";
    const { facts } = topReferrerWith(8, thursdayNight);
    const ctx = aRuleContext({ now: thursdayNight, timeZone: "America/Los_Angeles", allFacts: [facts] });
    expect(thankRule(facts, ctx)?.kind).toBe("thank");
  });
});

describe("thank rule, what it never asks", () => {
  it("stays silent when every referral has been thanked", () => {
    const facts = aReferrer().withReferralsOn(["2025-06-09T15:00:00Z"]).thankedOn("2025-06-10T15:00:00Z").build();
    expect(thankRule(facts, aRuleContext({ now: NOW, allFacts: [facts] }))).toBeNull();
  });

  it("leaves a first referral ever to the welcome call", () => {
    const facts = Referrers.brandNew(NOW).build();
    expect(
      thankRule(facts, aRuleContext({ now: NOW, allFacts: [facts], settings: { thankTopUnthanked: 1 } })),
    ).toBeNull();
  });

  it("raises nothing for a referrer with no history or an archived one", () => {
    const ctx = aRuleContext({ now: NOW });
    expect(thankRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
    const archived = aReferrer()
      .archived()
      .withReferralsOn(Array.from({ length: 8 }, () => daysBefore(NOW, 2)))
      .build();
    expect(thankRule(archived, ctx)).toBeNull();
  });

  it("puts more unthanked referrals ahead of fewer", () => {
    const five = topReferrerWith(5);
    const nine = topReferrerWith(9);
    expect(thankRule(nine.facts, nine.ctx())!.priority).toBeGreaterThan(thankRule(five.facts, five.ctx())!.priority);
  });
});
