import { describe, expect, it } from "vitest";
import { closeLoopRule } from "../../../src/core/nudges/rules/close-loop.ts";
import { aReferrer, aRuleContext, Referrers } from "../../support/facts-builder.ts";

const LA = "America/Los_Angeles";
// Friday 6 June 2025, 23:30 in Los Angeles: already Saturday 06:30 in UTC.
const SEEN_FRIDAY_LATE = "2025-06-07T06:30:00Z";
const MONDAY_MORNING_LA = "2025-06-09T16:00:00Z";

const seenFridayLate = () => aReferrer().withReferralsOn(["2025-06-02T16:00:00Z"]).sawPatientsOn([SEEN_FRIDAY_LATE]);

describe("close-the-loop rule", () => {
  it("names the local weekday of the visit and gives the physician two business days from it", () => {
    const nudge = closeLoopRule(seenFridayLate().build(), aRuleContext({ now: MONDAY_MORNING_LA, timeZone: LA }));
    expect(nudge).toMatchObject({
      kind: "close_loop",
      reason: "You saw their patient on Friday; they have not heard back",
      personal: true,
    });
    // Friday 23:30 + 2 business days = Tuesday 23:30 in Los Angeles, not Monday or Wednesday.
    expect(nudge?.dueAt.toISOString()).toBe("2025-06-11T06:30:00.000Z");
  });

  it("would call the same visit Saturday in UTC, which is why the practice's zone is used", () => {
    const nudge = closeLoopRule(seenFridayLate().build(), aRuleContext({ now: MONDAY_MORNING_LA, timeZone: "UTC" }));
    expect(nudge?.reason).toBe("You saw their patient on Saturday; they have not heard back");
  });

  it("does not count the weekend: on Tuesday evening it is still on time", () => {
    const tuesdayEvening = aRuleContext({ now: "2025-06-11T05:00:00Z", timeZone: LA }); // Tuesday 22:00 local
    const wednesday = aRuleContext({ now: "2025-06-11T16:00:00Z", timeZone: LA });
    const onTime = closeLoopRule(seenFridayLate().build(), tuesdayEvening)!;
    const overdue = closeLoopRule(seenFridayLate().build(), wednesday)!;
    expect(onTime.dueAt > tuesdayEvening.now).toBe(true);
    expect(overdue.dueAt < wednesday.now).toBe(true);
    expect(overdue.priority).toBeGreaterThanOrEqual(onTime.priority * 2);
  });

  it("counts several waiting patients in one nudge, since the oldest", () => {
    const facts = aReferrer()
      .withReferralsOn(["2025-06-02T16:00:00Z"])
      .sawPatientsOn([SEEN_FRIDAY_LATE, "2025-06-09T18:00:00Z", "2025-06-10T18:00:00Z"])
      .build();
    const nudge = closeLoopRule(facts, aRuleContext({ now: "2025-06-11T16:00:00Z", timeZone: LA }));
    expect(nudge?.reason).toBe("You saw 3 of their patients since Friday; they have not heard back");
    // The newest visit: a dismissed nudge comes back only when another patient is seen.
    expect(nudge?.triggeredAt.toISOString()).toBe("2025-06-10T18:00:00.000Z");
  });

  it("says today, yesterday, or the date when a weekday name would be ambiguous", () => {
    const now = "2025-06-11T20:00:00Z"; // Wednesday 13:00 in Los Angeles
    const reasonFor = (seen: string) =>
      closeLoopRule(aReferrer().sawPatientsOn([seen]).build(), aRuleContext({ now, timeZone: LA }))?.reason;
    expect(reasonFor("2025-06-11T16:00:00Z")).toBe("You saw their patient today; they have not heard back");
    expect(reasonFor("2025-06-11T06:30:00Z")).toBe("You saw their patient yesterday; they have not heard back");
    expect(reasonFor("2025-05-28T18:00:00Z")).toBe("You saw their patient on May 28; they have not heard back");
  });

  it("is answered by a call after the visit", () => {
    const facts = seenFridayLate().calledOn("2025-06-09T17:00:00Z").build();
    expect(closeLoopRule(facts, aRuleContext({ now: MONDAY_MORNING_LA, timeZone: LA }))).toBeNull();
  });

  it("raises nothing for a referrer with no history or an archived one", () => {
    const ctx = aRuleContext({ now: MONDAY_MORNING_LA, timeZone: LA });
    expect(closeLoopRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
    expect(closeLoopRule(seenFridayLate().archived().build(), ctx)).toBeNull();
  });

  it("follows the practice's setting for how many business days a loop may take", () => {
    const ctx = aRuleContext({ now: MONDAY_MORNING_LA, timeZone: LA, settings: { closeLoopBusinessDays: 1 } });
    expect(closeLoopRule(seenFridayLate().build(), ctx)?.dueAt.toISOString()).toBe("2025-06-10T06:30:00.000Z");
  });
});
