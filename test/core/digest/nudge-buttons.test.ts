// What a nudge button carries: the run it was sent in, and whose own digest it is, so the click
// redraws the same message for the same person.
import { describe, expect, it } from "vitest";
import type { Digest, DigestNudge } from "../../../src/core/digest/digest-model.ts";
import { nudgeSection, renderDigest } from "../../../src/core/digest/render-digest.ts";

const nudge: DigestNudge = {
  nudgeId: "n1",
  referrerId: "r1",
  referrerName: "Dr. Lee",
  kind: "open_problem",
  reason: "Reports take a week",
  dueAt: "2026-03-02T00:00:00.000Z",
  priority: 10,
  personal: true,
};

function digest(over: Partial<Digest>): Digest {
  return {
    practiceId: "p1",
    practiceName: "Lakeside",
    localDate: "2026-03-02",
    timeZone: "America/New_York",
    runId: "run-1",
    forMemberId: null,
    newReferrals: { total: 0, since: "2026-03-01T00:00:00.000Z", groups: [], otherReferrers: 0, otherCount: 0 },
    nudges: [nudge],
    moreNudges: 0,
    weekSummary: { touchesThisWeek: 0, goingQuiet: 0 },
    empty: false,
    ...over,
  };
}

function nudgeValues(sections: ReturnType<typeof renderDigest>["sections"]): unknown[] {
  return sections.flatMap((s) => s.buttons ?? []).map((b) => JSON.parse(b.value));
}

describe("nudge buttons", () => {
  it("name the physician in their own digest, on every button, with the run", () => {
    const values = nudgeValues(renderDigest(digest({ forMemberId: "m-maya" })).sections);
    expect(values).toEqual([
      { n: "n1", r: "run-1", m: "m-maya" },
      { n: "n1", r: "run-1", m: "m-maya" },
      { n: "n1", r: "run-1", m: "m-maya" },
      { n: "n1", r: "run-1", m: "m-maya", f: "r1" },
    ]);
  });

  it("name no one in the channel's digest", () => {
    const values = nudgeValues(renderDigest(digest({ forMemberId: null })).sections);
    expect(values).toHaveLength(4);
    for (const value of values) expect(value).not.toHaveProperty("m");
  });

  it("name no one in a digest not sent in a run, whose click redraws the clicker's list", () => {
    const values = nudgeValues(renderDigest(digest({ runId: null, forMemberId: "m-maya" })).sections);
    for (const value of values) {
      expect(value).not.toHaveProperty("m");
      expect(value).not.toHaveProperty("r");
    }
  });

  it("carry neither run nor member in a list", () => {
    const values = (nudgeSection(nudge, null).buttons ?? []).map((b) => JSON.parse(b.value));
    expect(values[0]).toEqual({ n: "n1" });
  });
});
