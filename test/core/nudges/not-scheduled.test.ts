import { describe, expect, it } from "vitest";
import { notScheduledRule } from "../../../src/core/nudges/rules/not-scheduled.ts";
import { aReferrer, aRuleContext } from "../../support/facts-builder.ts";

const NY = "America/New_York";
// Wednesday 11 November 2026, 10:00 in New York.
const WEDNESDAY = "2026-11-11T15:00:00Z";

describe("not-scheduled rule", () => {
  it("asks the coordinator about referrals still received after three business days, naming the oldest's age", () => {
    const facts = aReferrer("Dr. Lee")
      .withUnscheduledReferralsOn(["2026-11-05T14:00:00Z", "2026-11-05T16:00:00Z", "2026-11-06T14:00:00Z"])
      .build();
    const nudge = notScheduledRule(facts, aRuleContext({ now: WEDNESDAY, timeZone: NY }));
    expect(nudge).toMatchObject({
      kind: "not_scheduled",
      reason: "3 referrals from Dr. Lee not yet scheduled (oldest 6 days)",
      personal: false,
    });
    // Thursday 9:00 + 3 business days = Tuesday 9:00 (the weekend does not count).
    expect(nudge?.dueAt.toISOString()).toBe("2026-11-10T14:00:00.000Z");
    expect(nudge?.triggeredAt.toISOString()).toBe("2026-11-06T14:00:00.000Z");
  });

  it("leaves alone a referral received two business days ago, and counts only the late ones", () => {
    const facts = aReferrer("Dr. Lee")
      .withUnscheduledReferralsOn(["2026-11-04T14:00:00Z", "2026-11-09T14:00:00Z"])
      .build();
    expect(notScheduledRule(facts, aRuleContext({ now: WEDNESDAY, timeZone: NY }))?.reason).toBe(
      "1 referral from Dr. Lee not yet scheduled (7 days)",
    );
    const onlyRecent = aReferrer().withUnscheduledReferralsOn(["2026-11-09T14:00:00Z"]).build();
    expect(notScheduledRule(onlyRecent, aRuleContext({ now: WEDNESDAY, timeZone: NY }))).toBeNull();
  });

  it("waits as many business days as the practice says", () => {
    const facts = aReferrer().withUnscheduledReferralsOn(["2026-11-05T14:00:00Z"]).build();
    const patient = aRuleContext({ now: WEDNESDAY, timeZone: NY, settings: { notScheduledBusinessDays: 5 } });
    expect(notScheduledRule(facts, patient)).toBeNull();
    const eager = aRuleContext({ now: WEDNESDAY, timeZone: NY, settings: { notScheduledBusinessDays: 1 } });
    expect(notScheduledRule(facts, eager)).not.toBeNull();
  });

  it("says nothing for an archived referrer or one with every referral scheduled", () => {
    const ctx = aRuleContext({ now: WEDNESDAY, timeZone: NY });
    expect(
      notScheduledRule(aReferrer().withUnscheduledReferralsOn(["2026-11-02T14:00:00Z"]).archived().build(), ctx),
    ).toBeNull();
    expect(notScheduledRule(aReferrer().withReferralsOn(["2026-11-02T14:00:00Z"]).build(), ctx)).toBeNull();
  });

  it("ranks more waiting patients, and longer waits, higher", () => {
    const ctx = aRuleContext({ now: WEDNESDAY, timeZone: NY });
    const one = notScheduledRule(aReferrer().withUnscheduledReferralsOn(["2026-11-05T14:00:00Z"]).build(), ctx)!;
    const three = notScheduledRule(
      aReferrer()
        .withUnscheduledReferralsOn(["2026-11-05T14:00:00Z", "2026-11-05T15:00:00Z", "2026-11-05T16:00:00Z"])
        .build(),
      ctx,
    )!;
    const old = notScheduledRule(aReferrer().withUnscheduledReferralsOn(["2026-10-26T14:00:00Z"]).build(), ctx)!;
    expect(three.priority).toBeGreaterThan(one.priority);
    expect(old.priority).toBeGreaterThan(one.priority);
  });
});
