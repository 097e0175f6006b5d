import { describe, expect, it } from "vitest";
import {
  dueForEscalation,
  escalationLine,
  escalationTarget,
  type NudgeExposure,
  PASSES_BEFORE_PAUSE,
  recordShowing,
} from "../../../src/core/nudges/nudge-exposure.ts";
import { isNudgeFor } from "../../../src/core/nudges/nudge-reader.ts";

const MONDAY = new Date("2026-12-07T12:30:00Z");
const day = (n: number) => new Date(MONDAY.getTime() + n * 86_400_000);
const shown = { nudgeId: "n1", audience: "m-kim" };

/** The nudge shown on each of these days (one digest run a day), from nothing. */
function showOn(days: number[], start?: NudgeExposure): NudgeExposure | undefined {
  let exposure = start;
  for (const d of days) exposure = recordShowing(exposure, shown, `run-${d}`, day(d));
  return exposure;
}

describe("a nudge shown without a click", () => {
  it("is counted once per digest run, however often that run is resent", () => {
    const once = showOn([0]);
    expect(recordShowing(once, shown, "run-0", day(0))).toBe(once);
    expect(once).toMatchObject({ shownCount: 1, firstShownAt: day(0), pausedAt: null });
  });

  it("is paused for that reader on the third showing, and not before", () => {
    expect(showOn([0, 1])?.pausedAt).toBeNull();
    const third = showOn([0, 1, 2]);
    expect(PASSES_BEFORE_PAUSE).toBe(3);
    expect(third).toMatchObject({ shownCount: 3, pausedAt: day(2), firstShownAt: day(0) });
    // A fourth showing (another reader's digest carried it) keeps the first pause.
    expect(showOn([3], third)?.pausedAt).toEqual(day(2));
  });

  it("is escalated once, however many readers pass it over", () => {
    const kim = showOn([0, 1, 2])!;
    const channel = { ...kim, audience: "channel" };
    expect(dueForEscalation([kim, channel])).toEqual([kim]);
    const handed = { ...kim, escalatedAt: day(2), escalatedToMemberId: "m-ana" };
    expect(dueForEscalation([handed, channel])).toEqual([]);
  });

  it("is not escalated while it is not paused", () => {
    expect(dueForEscalation([showOn([0, 1])!])).toEqual([]);
  });
});

describe("whom a passed-over nudge goes to", () => {
  const members = [
    { id: "m-zoe", role: "liaison" as const, displayName: "Zoe Park" },
    { id: "m-ana", role: "liaison" as const, displayName: "Ana Lopez" },
    { id: "m-kim", role: "physician" as const, displayName: "Dr. Sun Kim" },
  ];

  it("goes to the referrer's owner", () => {
    expect(escalationTarget("m-zoe", "channel", members)).toBe("m-zoe");
  });

  it("goes to a liaison (the first by name) when the referrer has no owner", () => {
    expect(escalationTarget(null, "m-kim", members)).toBe("m-ana");
  });

  it("never goes back to the reader who passed it over", () => {
    expect(escalationTarget("m-ana", "m-ana", members)).toBe("m-zoe");
    expect(escalationTarget(null, "m-ana", members.slice(1))).toBeNull();
  });

  it("says what waited, how long, and how often it was passed over", () => {
    const line = escalationLine(
      { kind: "close_loop", referrerName: "Dr. Patel", waitingSince: day(0) },
      3,
      new Date(day(6).getTime() + 3_600_000),
    );
    expect(line).toBe("Close the loop with Dr. Patel has waited 6 days and been passed over 3 times");
  });
});

describe("whose nudge it is", () => {
  const member = (
    memberId: string,
    role: "physician" | "liaison" | "coordinator" | "manager",
    practiceHasLiaison = true,
  ) => ({ kind: "member" as const, memberId, role, practiceHasLiaison });
  const physician = member("m-kim", "physician");
  const liaison = member("m-ana", "liaison");
  const coordinator = member("m-cy", "coordinator");
  const manager = member("m-boss", "manager");
  const call = { personal: false, kind: "going_quiet" as const };
  const personal = { personal: true, kind: "close_loop" as const };
  const askFeedback = { personal: false, kind: "ask_feedback" as const };

  it("gives the physician what they must do personally, whoever owns the referrer", () => {
    expect(isNudgeFor(personal, "m-ana", physician)).toBe(true);
    expect(isNudgeFor(personal, null, liaison)).toBe(false);
  });

  it("gives the rest to the referrer's owner, or to liaisons and coordinators when nobody owns them", () => {
    expect(isNudgeFor(call, "m-ana", liaison)).toBe(true);
    expect(isNudgeFor(call, "m-zoe", liaison)).toBe(false);
    expect(isNudgeFor(call, null, liaison)).toBe(true);
    expect(isNudgeFor(call, null, coordinator)).toBe(true);
    expect(isNudgeFor(call, null, physician)).toBe(false);
    expect(isNudgeFor(call, "m-kim", physician)).toBe(true);
  });

  it("gives asking for feedback to the referrer's owner, whatever their role", () => {
    expect(isNudgeFor(askFeedback, "m-kim", physician)).toBe(true);
    expect(isNudgeFor(askFeedback, "m-cy", coordinator)).toBe(true);
    expect(isNudgeFor(askFeedback, "m-kim", liaison)).toBe(false);
    expect(isNudgeFor(askFeedback, "m-kim", coordinator)).toBe(false);
  });

  it("gives asking an unowned referrer for feedback to liaisons, not coordinators", () => {
    expect(isNudgeFor(askFeedback, null, liaison)).toBe(true);
    expect(isNudgeFor(askFeedback, null, coordinator)).toBe(false);
    expect(isNudgeFor(askFeedback, null, physician)).toBe(false);
  });

  it("gives asking an unowned referrer for feedback to coordinators when the practice has no liaison", () => {
    expect(isNudgeFor(askFeedback, null, member("m-cy", "coordinator", false))).toBe(true);
    expect(isNudgeFor(askFeedback, null, member("m-kim", "physician", false))).toBe(false);
  });

  it("shows the shared channel and a manager everything", () => {
    expect(isNudgeFor(personal, "m-ana", { kind: "channel" })).toBe(true);
    expect(isNudgeFor(call, "m-ana", manager)).toBe(true);
    expect(isNudgeFor(askFeedback, null, manager)).toBe(true);
  });
});
