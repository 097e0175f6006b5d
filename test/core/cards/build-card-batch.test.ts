import { describe, expect, it } from "vitest";
import { buildCardBatch, type CardReferrer } from "../../../src/core/cards/build-card-batch.ts";
import { addressLines } from "../../../src/core/cards/card-batch.ts";
import { cardGreeting, cardLine } from "../../../src/core/cards/card-line.ts";
import { cardDateOf, cardWeekOf, isCardDay, parseCardWeek } from "../../../src/core/cards/card-week.ts";
import type { ReferrerFacts } from "../../../src/core/nudges/referrer-facts.ts";
import { aReferrer, DEFAULT_SETTINGS, daysBefore } from "../../support/facts-builder.ts";

const FRIDAY = "2026-12-11T12:00:00Z"; // Friday 07:00 in New York
const practice = { id: "p1", name: "Lakeside Ortho", timeZone: "America/New_York", settings: DEFAULT_SETTINGS };

function referrer(facts: ReferrerFacts, extra: Partial<CardReferrer> = {}): CardReferrer {
  return {
    id: facts.referrerId,
    displayName: facts.displayName,
    firstName: null,
    lastName: facts.displayName.split(" ").at(-1) ?? "",
    clinic: "Riverside Family Health",
    specialty: "Family Medicine",
    ...extra,
  };
}

function batchOf(all: ReferrerFacts[], extra: Record<string, Partial<CardReferrer>> = {}, specialties = new Map()) {
  return buildCardBatch({
    practice,
    week: cardWeekOf(new Date(FRIDAY), practice.timeZone),
    now: new Date(FRIDAY),
    facts: all,
    referrers: new Map(all.map((f) => [f.referrerId, referrer(f, extra[f.referrerId])])),
    specialties,
  });
}

describe("card-day batching", () => {
  it("gathers every referrer with referrals not yet thanked, with how many and since when", () => {
    const lee = aReferrer("Dr. Jane Lee")
      .withReferralsOn([daysBefore(FRIDAY, 90)])
      .thankedOn(daysBefore(FRIDAY, 80))
      .withReferralsOn([daysBefore(FRIDAY, 9), daysBefore(FRIDAY, 4), daysBefore(FRIDAY, 2)])
      .build();
    const patel = aReferrer("Dr. Raj Patel")
      .withReferralsOn([daysBefore(FRIDAY, 40), daysBefore(FRIDAY, 3)])
      .build();
    const thanked = aReferrer("Dr. Thanked")
      .withReferralsOn([daysBefore(FRIDAY, 20), daysBefore(FRIDAY, 10)])
      .thankedOn(daysBefore(FRIDAY, 5))
      .build();
    const batch = batchOf([lee, patel, thanked]);
    expect(batch.entries.map((e) => [e.referrerName, e.unthanked, e.since])).toEqual([
      ["Dr. Jane Lee", 3, daysBefore(FRIDAY, 9).toISOString()],
      ["Dr. Raj Patel", 2, daysBefore(FRIDAY, 40).toISOString()],
    ]);
    expect(batch.week).toBe("2026-W50");
    expect(batch.cardDate).toBe("2026-12-11");
  });

  it("leaves out archived referrers and a first referral whose welcome call is still to make", () => {
    const archived = aReferrer("Dr. Gone")
      .archived()
      .withReferralsOn([daysBefore(FRIDAY, 3), daysBefore(FRIDAY, 2)])
      .build();
    const newcomer = aReferrer("Dr. New")
      .withReferralsOn([daysBefore(FRIDAY, 2)])
      .build();
    const welcomed = aReferrer("Dr. Welcomed")
      .withReferralsOn([daysBefore(FRIDAY, 6)])
      .calledOn(daysBefore(FRIDAY, 4))
      .build();
    expect(batchOf([archived, newcomer, welcomed]).entries.map((e) => e.referrerName)).toEqual(["Dr. Welcomed"]);
  });

  it("names the referrals' specialties on the card, else the referrer's own, and never a patient", () => {
    const lee = aReferrer("Dr. Jane Lee")
      .withReferralsOn([daysBefore(FRIDAY, 3), daysBefore(FRIDAY, 2)])
      .build();
    const kim = aReferrer("Dr. Kim")
      .withReferralsOn([daysBefore(FRIDAY, 30), daysBefore(FRIDAY, 3)])
      .build();
    const specialties = new Map([[lee.referrerId, ["Sports Medicine", "spine care", "sports medicine"]]]);
    const batch = batchOf([lee, kim], {}, specialties);
    const first = batch.entries.find((e) => e.referrerName === "Dr. Jane Lee");
    const second = batch.entries.find((e) => e.referrerName === "Dr. Kim");
    expect(first?.specialties).toEqual(["Sports Medicine", "spine care"]);
    expect(first?.line).toBe(
      "Thank you for the 2 patients you referred to us for sports medicine and spine care. We appreciate your trust and will keep you informed of their care.",
    );
    expect(second?.specialties).toEqual(["Family Medicine"]);
  });

  it("carries the clinic and the mailing address as envelope lines", () => {
    const lee = aReferrer("Dr. Jane Lee")
      .withReferralsOn([daysBefore(FRIDAY, 9), daysBefore(FRIDAY, 2)])
      .build();
    const batch = batchOf([lee], {
      [lee.referrerId]: {
        addressLine1: "12 Harbor Road",
        addressLine2: "Suite 300",
        city: "Springfield",
        state: "IL",
        postalCode: "62701",
      },
    });
    expect(batch.entries[0]?.clinic).toBe("Riverside Family Health");
    expect(addressLines(batch.entries[0]!.address)).toEqual(["12 Harbor Road", "Suite 300", "Springfield, IL 62701"]);
  });
});

describe("card words", () => {
  it("greets a doctor by last name and anyone else by name", () => {
    expect(cardGreeting({ displayName: "Dr. Jane Lee", lastName: "Lee" })).toBe("Dear Dr. Lee,");
    expect(cardGreeting({ displayName: "Sam Rivera", lastName: "Rivera" })).toBe("Dear Sam Rivera,");
  });

  it("thanks for one patient, for several, and keeps acronyms", () => {
    expect(cardLine(1, [])).toMatch(/^Thank you for the patient you referred to us\. /);
    expect(cardLine(3, ["ENT", "Audiology"])).toMatch(
      /^Thank you for the 3 patients you referred to us for ENT and audiology\./,
    );
  });
});

describe("card weeks", () => {
  it("are ISO weeks in the practice's zone, with the card day inside them", () => {
    expect(cardWeekOf(new Date("2027-01-01T03:00:00Z"), "America/Los_Angeles")).toBe("2026-W53");
    expect(cardDateOf("2026-W53", { settings: { ...DEFAULT_SETTINGS, cardWeekday: 1 } })).toBe("2026-12-28");
    expect(parseCardWeek("2026-W50")).toBe("2026-W50");
    expect(parseCardWeek("2025-W53")).toBeNull();
    expect(parseCardWeek("2026-50")).toBeNull();
  });

  it("say whether today is card day, Friday unless the practice chose another", () => {
    expect(isCardDay(new Date(FRIDAY), "America/New_York", {})).toBe(true);
    expect(isCardDay(new Date(FRIDAY), "America/New_York", { cardWeekday: 4 })).toBe(false);
    expect(isCardDay(new Date("2026-12-11T03:00:00Z"), "America/Los_Angeles", {})).toBe(false);
  });
});
