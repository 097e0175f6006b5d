import { describe, expect, it } from "vitest";
import { feedbackStatusFor } from "../../../src/core/feedback/feedback-status.ts";

describe("whether feedback stays open", () => {
  it("praise with no follow-up asked is resolved at once", () => {
    expect(feedbackStatusFor({ sentiment: "positive", needsFollowUp: false })).toBe("resolved");
    expect(feedbackStatusFor({ sentiment: "neutral", needsFollowUp: false })).toBe("resolved");
  });

  it("negative feedback is a complaint and stays open", () => {
    expect(feedbackStatusFor({ sentiment: "negative", needsFollowUp: false })).toBe("open");
  });

  it("anything flagged for follow-up stays open, even praise", () => {
    expect(feedbackStatusFor({ sentiment: "positive", needsFollowUp: true })).toBe("open");
  });
});
