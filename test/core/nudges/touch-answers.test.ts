import { describe, expect, it } from "vitest";
import { touchAnswers } from "../../../src/core/nudges/touch-answers.ts";

describe("which nudges a touch answers", () => {
  it("a thank-you answers only the thank nudge and closes no loop", () => {
    expect(touchAnswers("thank_you")).toEqual({ closesNudges: ["thank"], closesLoops: false });
  });

  it("a call closes the loop, welcomes a newcomer and answers going quiet", () => {
    expect(touchAnswers("call").closesNudges).toEqual(["close_loop", "welcome", "going_quiet"]);
    expect(touchAnswers("call").closesLoops).toBe(true);
  });

  it("a meeting or a liaison visit answers the meet nudge and closes loops", () => {
    for (const kind of ["meeting", "liaison_visit"] as const) {
      expect(touchAnswers(kind).closesNudges).toContain("meet");
      expect(touchAnswers(kind).closesLoops).toBe(true);
    }
  });

  it("asking for feedback answers ask-feedback and sending a referral back answers return-favor", () => {
    expect(touchAnswers("feedback_request").closesNudges).toEqual(["ask_feedback"]);
    expect(touchAnswers("returned_referral").closesNudges).toEqual(["return_favor"]);
  });

  it("no touch closes a complaint: only resolving it does", () => {
    for (const kind of [
      "thank_you",
      "call",
      "meeting",
      "liaison_visit",
      "feedback_request",
      "returned_referral",
      "other",
    ] as const) {
      expect(touchAnswers(kind).closesNudges).not.toContain("open_problem");
    }
  });
});
