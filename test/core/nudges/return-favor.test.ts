import { describe, expect, it } from "vitest";
import { suggestReturnReferrals } from "../../../src/core/nudges/return-favor.ts";
import { sameSpecialty, specialtyGroupOf } from "../../../src/core/nudges/specialty-groups.ts";
import { aReferrer, daysBefore } from "../../support/facts-builder.ts";

const NOW = "2025-06-11T16:00:00Z";

const sending = (name: string, specialty: string, thisYear: number, older = 0) =>
  aReferrer(name)
    .inSpecialty(specialty)
    .withReferralsBetween(NOW, { count: thisYear, fromDaysAgo: 360, toDaysAgo: 1 })
    .withReferralsBetween(NOW, { count: older, fromDaysAgo: 700, toDaysAgo: 400 });

describe("specialty groups", () => {
  it("treats PCP, primary care, family medicine and internal medicine as one group", () => {
    for (const spelling of ["PCP", "Primary Care", "family medicine", "Internal Medicine", "Family Med.", "GP"]) {
      expect(specialtyGroupOf(spelling)).toBe("primary care");
    }
  });

  it("tolerates case, punctuation, British spelling and a typo", () => {
    expect(sameSpecialty("OB/GYN", "obstetrics & gynecology")).toBe(true);
    expect(sameSpecialty("Paediatrics", "peds")).toBe(true);
    expect(sameSpecialty("Famly Medicine", "primary care")).toBe(true);
    expect(sameSpecialty("Dermatolgy", "dermatology")).toBe(true);
  });

  it("keeps different specialties apart", () => {
    expect(sameSpecialty("cardiology", "primary care")).toBe(false);
    expect(sameSpecialty("IM", "ER")).toBe(false);
    expect(sameSpecialty("", "")).toBe(false);
    expect(sameSpecialty(null, "primary care")).toBe(false);
  });
});

describe("return-the-favour suggestions", () => {
  const referrers = [
    sending("Dr. Patel", "PCP", 3).build(),
    sending("Dr. Lee", "Family Medicine", 14).build(),
    sending("Dr. Old", "internal medicine", 0, 20).build(),
    sending("Dr. Heart", "Cardiology", 50).build(),
    sending("Dr. Gone", "Primary care", 30).archived().build(),
    aReferrer("Dr. Never").inSpecialty("primary care").build(),
  ];

  it("ranks active primary-care referrers by how many patients they sent this year", () => {
    const suggestions = suggestReturnReferrals("primary care", referrers, 5, new Date(NOW));
    const names = suggestions.map((s) => referrers.find((r) => r.referrerId === s.referrerId)!.displayName);
    expect(names).toEqual(["Dr. Lee", "Dr. Patel", "Dr. Old"]);
    expect(suggestions[0]).toMatchObject({
      kind: "return_favor",
      reason: "Sent you 14 patients in the last 12 months; we sent none back",
      personal: false,
    });
    expect(suggestions[2]?.reason).toBe("Sent you 20 patients in all; none in the last 12 months; we sent none back");
    expect(suggestions[0]!.priority).toBeGreaterThan(suggestions[1]!.priority);
  });

  it("stops at the limit", () => {
    expect(suggestReturnReferrals("PCP", referrers, 1, new Date(NOW))).toHaveLength(1);
    expect(suggestReturnReferrals("PCP", referrers, 0, new Date(NOW))).toEqual([]);
  });

  it("returns nothing for a specialty nobody practises, or no specialty", () => {
    expect(suggestReturnReferrals("neurosurgery", referrers, 5, new Date(NOW))).toEqual([]);
    expect(suggestReturnReferrals("  ", referrers, 5, new Date(NOW))).toEqual([]);
  });

  it("counts one referral in the singular", () => {
    const one = aReferrer()
      .inSpecialty("PCP")
      .withReferralsOn([daysBefore(NOW, 5)])
      .build();
    expect(suggestReturnReferrals("PCP", [one], 5, new Date(NOW))[0]?.reason).toBe(
      "Sent you 1 patient in the last 12 months; we sent none back",
    );
  });

  it("puts first who sent the most for each patient we sent back, so the favour goes where it is owed", () => {
    const lee = referrers[1]!;
    const patel = referrers[0]!;
    // Lee sent 14 and had 6 back (2 owed per patient returned); Patel sent 3 and had none back (3).
    const sentBack = new Map([[lee.referrerId, 6]]);
    const suggestions = suggestReturnReferrals("primary care", referrers, 5, new Date(NOW), sentBack);
    expect(suggestions.map((s) => s.referrerId).slice(0, 2)).toEqual([patel.referrerId, lee.referrerId]);
    expect(suggestions[1]?.reason).toBe("Sent you 14 patients in the last 12 months; we sent back 6");
  });

  it("prefers the one who referred most recently when two are owed as much", () => {
    const recent = aReferrer("Dr. Recent")
      .inSpecialty("PCP")
      .withReferralsOn([daysBefore(NOW, 2)])
      .build();
    const earlier = aReferrer("Dr. Earlier")
      .inSpecialty("PCP")
      .withReferralsOn([daysBefore(NOW, 200)])
      .build();
    const names = suggestReturnReferrals("PCP", [earlier, recent], 5, new Date(NOW)).map((s) => s.referrerId);
    expect(names).toEqual([recent.referrerId, earlier.referrerId]);
  });
});
