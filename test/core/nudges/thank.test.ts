import { describe, expect, it } from "vitest";
import { thankRule } from "../../../src/core/nudges/rules/thank.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z"; // Wednesday, 12:00 in New York
const ctx = aRuleContext({ now: NOW });

describe("thank rule", () => {
  it("asks for one thank-you covering every referral since the last one", () => {
    const facts = aReferrer()
      .withReferralsOn(["2025-05-01T15:00:00Z"])
      .thankedOn("2025-05-02T15:00:00Z")
      .withReferralsOn(["2025-06-05T15:00:00Z", "2025-06-09T15:00:00Z", "2025-06-10T15:00:00Z"])
      .build();
    const nudge = thankRule(facts, ctx);
    expect(nudge).toMatchObject({ kind: "thank", reason: "3 referrals since your last thank-you", personal: false });
    expect(nudge?.triggeredAt.toISOString()).toBe("2025-06-10T15:00:00.000Z");
    // Two business days after the oldest unthanked one (Thursday 5 June): Monday 9 June.
    expect(nudge?.dueAt.toISOString()).toBe("2025-06-09T15:00:00.000Z");
  });

  it("says so when the referrer was never thanked at all", () => {
    const facts = aReferrer().withReferralsOn(["2025-06-09T15:00:00Z", "2025-06-10T15:00:00Z"]).build();
    expect(thankRule(facts, ctx)?.reason).toBe("2 referrals and no thank-you yet");
  });

  it("stays silent when every referral has been thanked", () => {
    const facts = aReferrer().withReferralsOn(["2025-06-09T15:00:00Z"]).thankedOn("2025-06-10T15:00:00Z").build();
    expect(thankRule(facts, ctx)).toBeNull();
  });

  it("leaves a first referral ever to the welcome call", () => {
    expect(thankRule(Referrers.brandNew(NOW).build(), ctx)).toBeNull();
  });

  it("raises nothing for a referrer with no history or an archived one", () => {
    expect(thankRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
    const archived = aReferrer()
      .archived()
      .withReferralsOn([daysBefore(NOW, 3), daysBefore(NOW, 2)])
      .build();
    expect(thankRule(archived, ctx)).toBeNull();
  });

  it("puts more unthanked referrals ahead of fewer", () => {
    const two = aReferrer()
      .withReferralsOn([daysBefore(NOW, 1), daysBefore(NOW, 1)])
      .build();
    const six = aReferrer()
      .withReferralsOn(Array.from({ length: 6 }, () => daysBefore(NOW, 1)))
      .build();
    expect(thankRule(six, ctx)!.priority).toBeGreaterThan(thankRule(two, ctx)!.priority);
  });
});
