import { describe, expect, it } from "vitest";
import { complaintReason, openProblemRule } from "../../../src/core/nudges/rules/open-problem.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z";
const ctx = aRuleContext({ now: NOW });
const HOUR_MS = 3_600_000;

describe("open problem rule", () => {
  it("asks the physician to step in on negative feedback left open past the limit", () => {
    const since = daysBefore(NOW, 9);
    const [nudge, ...others] = openProblemRule(
      Referrers.steady(NOW).negativeFeedbackOn(since, { id: "fb-1" }).build(),
      ctx,
    );
    expect(others).toEqual([]);
    expect(nudge).toMatchObject({
      kind: "open_problem",
      reason: "Negative feedback unresolved for 9 days",
      personal: true,
      feedbackId: "fb-1",
    });
    expect(nudge?.triggeredAt).toEqual(since);
    expect(nudge?.dueAt).toEqual(daysBefore(NOW, 2));
  });

  it("raises one nudge per open complaint, each naming its own complaint", () => {
    const facts = aReferrer()
      .negativeFeedbackOn(daysBefore(NOW, 20), { id: "fb-old", text: "Reports arrive late" })
      .flaggedFeedbackOn(daysBefore(NOW, 8), { id: "fb-new", text: "Front desk was  rude\non the phone" })
      .build();
    const nudges = openProblemRule(facts, ctx);
    expect(nudges.map((n) => [n.feedbackId, n.reason])).toEqual([
      ["fb-old", "Negative feedback unresolved for 20 days: “Reports arrive late”"],
      ["fb-new", "Feedback flagged for follow-up unresolved for 8 days: “Front desk was rude on the phone”"],
    ]);
  });

  it("quotes a long complaint shortened, never whole", () => {
    const reason = complaintReason({ sentiment: "negative", text: "word ".repeat(40) }, 9);
    expect(reason.length).toBeLessThan(110);
    expect(reason.endsWith("…”")).toBe(true);
  });

  it("waits until the feedback is older than openProblemDays", () => {
    const exactly = aReferrer().negativeFeedbackOn(daysBefore(NOW, 7)).build();
    const justOver = aReferrer()
      .negativeFeedbackOn(new Date(daysBefore(NOW, 7).getTime() - HOUR_MS))
      .build();
    expect(openProblemRule(exactly, ctx)).toEqual([]);
    expect(openProblemRule(justOver, ctx)[0]?.reason).toBe("Negative feedback unresolved for 7 days");
  });

  it("grows more urgent the longer it stays open", () => {
    const [nine] = openProblemRule(aReferrer().negativeFeedbackOn(daysBefore(NOW, 9)).build(), ctx);
    const [thirty] = openProblemRule(aReferrer().negativeFeedbackOn(daysBefore(NOW, 30)).build(), ctx);
    expect(thirty!.priority).toBeGreaterThan(nine!.priority);
  });

  it("raises nothing without open complaints, or for an archived referrer", () => {
    expect(openProblemRule(Referrers.withNoHistory().build(), ctx)).toEqual([]);
    expect(openProblemRule(aReferrer().archived().negativeFeedbackOn(daysBefore(NOW, 20)).build(), ctx)).toEqual([]);
  });
});
