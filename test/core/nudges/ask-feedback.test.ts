import { describe, expect, it } from "vitest";
import { askFeedbackRule } from "../../../src/core/nudges/rules/ask-feedback.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z";
const ctx = aRuleContext({ now: NOW });

describe("ask-feedback rule", () => {
  it("asks an active referrer not asked for longer than the interval", () => {
    const facts = aReferrer()
      .withReferralsOn([daysBefore(NOW, 300), daysBefore(NOW, 20)])
      .askedForFeedbackOn(daysBefore(NOW, 122))
      .build();
    const nudge = askFeedbackRule(facts, ctx);
    expect(nudge).toMatchObject({
      kind: "ask_feedback",
      reason: "Not asked for feedback in 4 months",
      personal: false,
    });
    expect(nudge?.dueAt).toEqual(daysBefore(NOW, 32));
  });

  it("stays silent when they were asked within the interval", () => {
    const facts = aReferrer()
      .withReferralsOn([daysBefore(NOW, 300), daysBefore(NOW, 20)])
      .askedForFeedbackOn(daysBefore(NOW, 30))
      .build();
    expect(askFeedbackRule(facts, ctx)).toBeNull();
  });

  it("counts never asked, from the day the referrer stopped being new", () => {
    const facts = aReferrer()
      .withReferralsOn([daysBefore(NOW, 243), daysBefore(NOW, 10)])
      .build();
    const nudge = askFeedbackRule(facts, ctx);
    expect(nudge?.reason).toBe("Never asked for feedback in 8 months of referrals");
    expect(nudge?.triggeredAt).toEqual(daysBefore(NOW, 243 - 30));
    expect(nudge?.dueAt).toEqual(new Date(NOW));
  });

  it("does not ask a referrer who started under 30 days ago", () => {
    expect(askFeedbackRule(Referrers.brandNew(NOW, 10).build(), ctx)).toBeNull();
  });

  it("does not ask a referrer with no referral in the last 12 months", () => {
    const lapsed = aReferrer()
      .withReferralsOn([daysBefore(NOW, 500), daysBefore(NOW, 400)])
      .build();
    expect(askFeedbackRule(lapsed, ctx)).toBeNull();
  });

  it("raises nothing for a referrer with no history or an archived one", () => {
    expect(askFeedbackRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
    expect(askFeedbackRule(Referrers.steady(NOW).archived().build(), ctx)).toBeNull();
  });
});
