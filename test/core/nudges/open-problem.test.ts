import { describe, expect, it } from "vitest";
import { openProblemRule } from "../../../src/core/nudges/rules/open-problem.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z";
const ctx = aRuleContext({ now: NOW });
const HOUR_MS = 3_600_000;

describe("open problem rule", () => {
  it("asks the physician to step in on negative feedback left open past the limit", () => {
    const since = daysBefore(NOW, 9);
    const nudge = openProblemRule(Referrers.steady(NOW).negativeFeedbackOn(since).build(), ctx);
    expect(nudge).toMatchObject({
      kind: "open_problem",
      reason: "Negative feedback unresolved for 9 days",
      personal: true,
    });
    expect(nudge?.triggeredAt).toEqual(since);
    expect(nudge?.dueAt).toEqual(daysBefore(NOW, 2));
  });

  it("waits until the feedback is older than openProblemDays", () => {
    const exactly = aReferrer().negativeFeedbackOn(daysBefore(NOW, 7)).build();
    const justOver = aReferrer()
      .negativeFeedbackOn(new Date(daysBefore(NOW, 7).getTime() - HOUR_MS))
      .build();
    expect(openProblemRule(exactly, ctx)).toBeNull();
    expect(openProblemRule(justOver, ctx)?.reason).toBe("Negative feedback unresolved for 7 days");
  });

  it("grows more urgent the longer it stays open", () => {
    const nine = openProblemRule(aReferrer().negativeFeedbackOn(daysBefore(NOW, 9)).build(), ctx)!;
    const thirty = openProblemRule(aReferrer().negativeFeedbackOn(daysBefore(NOW, 30)).build(), ctx)!;
    expect(thirty.priority).toBeGreaterThan(nine.priority);
  });

  it("raises nothing without open negative feedback, or for an archived referrer", () => {
    expect(openProblemRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
    expect(openProblemRule(aReferrer().archived().negativeFeedbackOn(daysBefore(NOW, 20)).build(), ctx)).toBeNull();
  });
});
