import { describe, expect, it } from "vitest";
import {
  clinicKey,
  findSameReferrer,
  identityOf,
  referrerNameKey,
} from "../../../src/core/referrers/referrer-identity.ts";

const known = (id: string, name: string, clinic: string | null, npi: string | null = null) => ({
  id,
  ...identityOf({ name, clinic, npi }),
});

const leeRiverside = known("lee-riverside", "Dr. Jennifer Lee, MD", "Riverside Family Health, P.C.", "1234567893");
const leeNoClinic = known("lee-no-clinic", "Dr. Jennifer Lee", null);
const patelWestside = known("patel", "Dr. Raj Patel", "Westside Clinic");

const match = (list: ReturnType<typeof known>[], input: { name: string; clinic?: string | null; npi?: string }) => {
  const same = findSameReferrer(list, identityOf({ npi: null, clinic: null, ...input }));
  return same ? { id: same.referrer.id, reason: same.reason } : null;
};

describe("the referrer identity rule", () => {
  it("takes a referrer with the same NPI as the same one, whatever the name and clinic say", () => {
    expect(
      match([patelWestside, leeRiverside], { name: "J. Lee-Park", clinic: "Elsewhere", npi: "1234567893" }),
    ).toEqual({ id: "lee-riverside", reason: "npi" });
  });

  it("takes the same folded name at the same folded clinic as the same referrer", () => {
    expect(match([leeRiverside], { name: "LEE, JENNIFER MD", clinic: "riverside family health" })).toEqual({
      id: "lee-riverside",
      reason: "name_and_clinic",
    });
  });

  it("takes the only referrer of that name as the same one when one side gives no clinic", () => {
    expect(match([patelWestside], { name: "Raj Patel" })).toEqual({ id: "patel", reason: "name" });
    expect(match([leeNoClinic], { name: "Jennifer Lee", clinic: "Northside" })).toEqual({
      id: "lee-no-clinic",
      reason: "name",
    });
  });

  it("makes a new referrer when the name is the same but both clinics are given and differ", () => {
    expect(match([patelWestside], { name: "Raj Patel", clinic: "Eastside Clinic" })).toBeNull();
  });

  it("makes a new referrer when a clinic-less name could be either of two referrers", () => {
    const otherLee = known("lee-north", "Dr. Jennifer Lee", "Northside");
    expect(match([leeRiverside, otherLee], { name: "Jennifer Lee" })).toBeNull();
  });

  it("makes a new referrer when the name and clinic match but the NPI on file is another one", () => {
    expect(
      match([leeRiverside], { name: "Jennifer Lee", clinic: "Riverside Family Health", npi: "1245319599" }),
    ).toBeNull();
  });

  it("makes a new referrer when nothing matches", () => {
    expect(match([leeRiverside, patelWestside], { name: "Dr. Ada Okafor" })).toBeNull();
  });

  it("folds names and clinics: titles, credentials, comma order, case and P.C. make no difference", () => {
    expect(referrerNameKey("LEE, JENNIFER MD")).toBe(referrerNameKey("Dr. Jennifer Lee"));
    expect(clinicKey("Riverside Family Health, P.C.")).toBe(clinicKey("riverside family health"));
    expect(clinicKey("Smith & Jones LLC")).toBe(clinicKey("Smith and Jones"));
  });
});
