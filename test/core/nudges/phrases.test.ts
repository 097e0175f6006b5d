import { describe, expect, it } from "vitest";
import { countOf, dayPhrase, durationPhrase, everyPhrase, sincePhrase } from "../../../src/core/nudges/phrases.ts";

const LA = "America/Los_Angeles";
const NOW = new Date("2025-06-11T20:00:00Z"); // Wednesday 13:00 in Los Angeles

describe("reason phrases", () => {
  it("counts in the singular and the plural", () => {
    expect(countOf(1, "referral")).toBe("1 referral");
    expect(countOf(3, "referral")).toBe("3 referrals");
  });

  it("says lengths of time the way people do", () => {
    expect(durationPhrase(9)).toBe("9 days");
    expect(durationPhrase(59)).toBe("59 days");
    expect(durationPhrase(122)).toBe("4 months");
    expect(durationPhrase(213)).toBe("7 months");
    expect(durationPhrase(800)).toBe("2 years");
  });

  it("says how often", () => {
    expect(everyPhrase(1)).toBe("every day");
    expect(everyPhrase(8.5)).toBe("every 9 days");
  });

  it("uses a local weekday name only within the last week", () => {
    expect(dayPhrase(new Date("2025-06-07T06:30:00Z"), NOW, LA)).toBe("on Friday");
    expect(dayPhrase(new Date("2025-06-04T18:00:00Z"), NOW, LA)).toBe("on Jun 4");
    expect(sincePhrase(new Date("2025-06-07T06:30:00Z"), NOW, LA)).toBe("since Friday");
    expect(sincePhrase(new Date("2025-06-10T18:00:00Z"), NOW, LA)).toBe("since yesterday");
    expect(sincePhrase(NOW, NOW, LA)).toBe("today");
  });
});
