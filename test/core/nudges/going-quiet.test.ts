import { describe, expect, it } from "vitest";
import { goingQuietRule } from "../../../src/core/nudges/rules/going-quiet.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z";
const ctx = aRuleContext({ now: NOW });
const DAY_MS = 86_400_000;

/** One referral every `everyDays` days for most of a year, the last `silentDays` before now. */
const regular = (everyDays: number, silentDays: number) =>
  aReferrer().withSteadyReferrals({
    count: Math.floor(270 / everyDays),
    everyDays,
    lastOn: daysBefore(NOW, silentDays),
  });

describe("going-quiet rule: silence", () => {
  it("flags a regular referrer silent for more than twice their usual gap, in their own numbers", () => {
    const nudge = goingQuietRule(regular(9, 41).build(), ctx);
    expect(nudge).toMatchObject({ kind: "going_quiet", reason: "Usually every 9 days; nothing for 41 days" });
    expect(nudge?.personal).toBe(false);
  });

  it("leaves a steady referrer alone", () => {
    expect(goingQuietRule(Referrers.steady(NOW, 7, 3).build(), ctx)).toBeNull();
  });

  it("waits for quietMinDays of silence however frequent the referrer", () => {
    expect(goingQuietRule(regular(2, 30).build(), ctx)).toBeNull();
    expect(goingQuietRule(regular(2, 31).build(), ctx)?.reason).toBe("Usually every 2 days; nothing for 31 days");
  });

  it("needs silence strictly longer than gap factor × median gap", () => {
    expect(goingQuietRule(regular(20, 40).build(), ctx)).toBeNull();
    expect(goingQuietRule(regular(20, 41).build(), ctx)?.reason).toBe("Usually every 20 days; nothing for 41 days");
  });

  it("does not treat a burst of referrals followed by silence as a rhythm", () => {
    const burst = aReferrer()
      .withReferralsOn([200, 199, 198, 197, 196, 195].map((d) => daysBefore(NOW, d)))
      .build();
    expect(goingQuietRule(burst, ctx)).toBeNull();
  });

  it("needs at least four referral days to know a rhythm", () => {
    const three = aReferrer()
      .withReferralsOn([150, 110, 70].map((d) => daysBefore(NOW, d)))
      .build();
    expect(goingQuietRule(three, ctx)).toBeNull();
  });

  it("keeps the same trigger day after day until they refer again", () => {
    const facts = regular(9, 41).build();
    const today = goingQuietRule(facts, ctx)!;
    const later = goingQuietRule(facts, aRuleContext({ now: new Date(Date.parse(NOW) + 5 * DAY_MS) }))!;
    expect(later.triggeredAt).toEqual(today.triggeredAt);
    // The day the silence first exceeded 30 days.
    expect(today.triggeredAt.getTime()).toBeLessThan(Date.parse(NOW));
    expect(today.triggeredAt.toISOString()).toBe("2025-06-01T00:00:00.000Z");
  });

  it("raises nothing for a referrer with no history, exactly one referral, or an archived one", () => {
    expect(goingQuietRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
    expect(
      goingQuietRule(
        aReferrer()
          .withReferralsOn([daysBefore(NOW, 100)])
          .build(),
        ctx,
      ),
    ).toBeNull();
    expect(goingQuietRule(regular(9, 41).archived().build(), ctx)).toBeNull();
  });
});

describe("going-quiet rule: drop", () => {
  const dropping = (previous: number, recent: number) =>
    aReferrer()
      .withReferralsBetween(NOW, { count: previous, fromDaysAgo: 179, toDaysAgo: 90 })
      .withReferralsBetween(NOW, { count: recent, fromDaysAgo: 89, toDaysAgo: 0 });

  it("flags referrals down by half or more against the 90 days before", () => {
    expect(goingQuietRule(dropping(12, 5).build(), ctx)?.reason).toBe(
      "Referrals down from 12 to 5 in the last 90 days",
    );
    expect(goingQuietRule(dropping(12, 6).build(), ctx)?.reason).toBe(
      "Referrals down from 12 to 6 in the last 90 days",
    );
  });

  it("leaves a smaller dip alone", () => {
    expect(goingQuietRule(dropping(12, 7).build(), ctx)).toBeNull();
  });

  it("needs a real flow before: at least six in the previous 90 days", () => {
    const thin = aReferrer()
      .withReferralsOn([170, 150, 130, 110, 95, 10].map((d) => daysBefore(NOW, d)))
      .build();
    expect(goingQuietRule(thin, ctx)).toBeNull();
  });

  it("prefers the silence explanation when a referrer has both dropped and gone silent", () => {
    const facts = aReferrer()
      .withReferralsBetween(NOW, { count: 20, fromDaysAgo: 300, toDaysAgo: 90 })
      .withReferralsOn([daysBefore(NOW, 80)])
      .build();
    expect(goingQuietRule(facts, ctx)?.reason).toMatch(/^Usually every \d+ days; nothing for 80 days$/);
  });

  it("never dates the trigger in the future", () => {
    const nudge = goingQuietRule(dropping(12, 5).build(), ctx)!;
    expect(nudge.triggeredAt.getTime()).toBeLessThanOrEqual(Date.parse(NOW));
  });
});
