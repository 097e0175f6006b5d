import { describe, expect, it } from "vitest";
import { nudgeTitle, snoozeConfirmation } from "../../../src/core/nudges/nudge-title.ts";

describe("the snooze confirmation", () => {
  it("names the nudge and gives the day in the practice's zone", () => {
    const until = new Date("2026-12-10T15:00:00Z");
    expect(snoozeConfirmation(nudgeTitle("thank", "Dr. Lee"), until, "America/New_York")).toBe(
      "💤 Snoozed *Thank Dr. Lee* until Thu 10 Dec",
    );
  });

  it("uses the local day, not the UTC one, late in the evening", () => {
    // 03:00 UTC on Friday is still Thursday evening in Los Angeles.
    const until = new Date("2026-12-11T03:00:00Z");
    expect(snoozeConfirmation("Meet Dr. Kim", until, "America/Los_Angeles")).toContain("until Thu 10 Dec");
  });
});
