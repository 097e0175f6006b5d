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

describe("close-the-loop rule once the report went out in writing", () => {
  const NOW = "2025-06-11T16:00:00Z";
  const ctx = (settings = {}, allFacts: ReturnType<ReturnType<typeof aReferrer>["build"]>[] = []) =>
    aRuleContext({ now: NOW, timeZone: LA, settings, allFacts });
  const regular = () =>
    aReferrer("Dr. Regular")
      .withReferralsOn(["2025-03-02T16:00:00Z", "2025-05-02T16:00:00Z", "2025-06-02T16:00:00Z"])
      .sentReportsFor(["2025-06-09T16:00:00Z"]);

  it("raises no nudge for an ordinary referrer: the referrer has heard back", () => {
    expect(closeLoopRule(regular().build(), ctx())).toBeNull();
  });

  it("still asks for a call about a first referral, saying why", () => {
    const first = aReferrer("Dr. New")
      .withReferralsOn(["2025-06-02T16:00:00Z"])
      .sentReportsFor(["2025-06-09T16:00:00Z"]);
    const nudge = closeLoopRule(first.build(), ctx());
    expect(nudge?.reason).toBe(
      "Your report on their patient went out in writing; call them yourself: it was their first referral",
    );
    expect(nudge?.personal).toBe(true);
  });

  it("still asks a top referrer's physician to call, at a lower priority than silence", () => {
    const top = aReferrer("Dr. Top")
      .withSteadyReferrals({ count: 20, everyDays: 10, lastOn: "2025-06-02T16:00:00Z" })
      .sentReportsFor(["2025-06-09T16:00:00Z"])
      .build();
    const silent = aReferrer("Dr. Top")
      .withSteadyReferrals({ count: 20, everyDays: 10, lastOn: "2025-06-02T16:00:00Z" })
      .sawPatientsOn(["2025-06-09T16:00:00Z"])
      .build();
    const context = ctx({}, [top, regular().build()]);
    const reported = closeLoopRule(top, context);
    expect(reported?.reason).toContain("call them yourself: they are a top referrer");
    expect(reported!.priority).toBeLessThan(closeLoopRule(silent, context)!.priority);
  });

  it("follows the practice's setting: every referrer, or nobody", () => {
    expect(closeLoopRule(regular().build(), ctx({ callAfterReport: "all" }))?.reason).toContain(
      "call them yourself: a call from you still counts",
    );
    const first = aReferrer().withReferralsOn(["2025-06-02T16:00:00Z"]).sentReportsFor(["2025-06-09T16:00:00Z"]);
    expect(closeLoopRule(first.build(), ctx({ callAfterReport: "none" }))).toBeNull();
  });

  it("keeps asking as before for the patients whose report has not gone out", () => {
    const both = regular().sawPatientsOn(["2025-06-10T16:00:00Z"]).build();
    expect(closeLoopRule(both, ctx())?.reason).toBe("You saw their patient yesterday; they have not heard back");
  });

  it("is closed by a call after the report, as before", () => {
    expect(
      closeLoopRule(
        aReferrer()
          .withReferralsOn(["2025-06-02T16:00:00Z"])
          .sentReportsFor(["2025-06-09T16:00:00Z"])
          .calledOn("2025-06-10T16:00:00Z")
          .build(),
        ctx(),
      ),
    ).toBeNull();
  });
});
