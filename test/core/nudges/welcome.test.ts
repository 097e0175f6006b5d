import { describe, expect, it } from "vitest";
import { welcomeRule } from "../../../src/core/nudges/rules/welcome.ts";
import { aReferrer, aRuleContext, daysBefore, Referrers } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z"; // Wednesday
const ctx = aRuleContext({ now: NOW });

describe("welcome rule", () => {
  it("asks the physician to call after a referrer's first referral ever", () => {
    const facts = aReferrer("Dr. Lee").withReferralsOn(["2025-06-09T14:00:00Z"]).build();
    const nudge = welcomeRule(facts, ctx);
    expect(nudge).toMatchObject({
      kind: "welcome",
      reason: "First referral ever from Dr. Lee — a welcome call",
      personal: true,
    });
    expect(nudge?.triggeredAt.toISOString()).toBe("2025-06-09T14:00:00.000Z");
    expect(nudge?.dueAt.toISOString()).toBe("2025-06-11T14:00:00.000Z");
  });

  it("is not raised by a second referral", () => {
    const facts = aReferrer()
      .withReferralsOn([daysBefore(NOW, 5), daysBefore(NOW, 1)])
      .build();
    expect(welcomeRule(facts, ctx)).toBeNull();
  });

  it("is answered by a call after the referral", () => {
    const facts = Referrers.brandNew(NOW, 3).calledOn(daysBefore(NOW, 1)).build();
    expect(welcomeRule(facts, ctx)).toBeNull();
  });

  it("is not raised for a single referral from long ago", () => {
    expect(welcomeRule(Referrers.brandNew(NOW, 45).build(), ctx)).toBeNull();
  });

  it("raises nothing for a referrer with no history or an archived one", () => {
    expect(welcomeRule(Referrers.withNoHistory().build(), ctx)).toBeNull();
    expect(welcomeRule(Referrers.brandNew(NOW).archived().build(), ctx)).toBeNull();
  });
});
