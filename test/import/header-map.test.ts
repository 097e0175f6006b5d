import { describe, expect, it } from "vitest";
import { describeMissingColumns, mapHeaders } from "../../src/import/header-map.ts";

describe("the header map", () => {
  it("reads the usual column names of a referral report", () => {
    const map = mapHeaders([
      "Referral ID",
      "Referral Date",
      "Referring Provider",
      "Referring Provider NPI",
      "Referring Practice",
      "Specialty",
      "Reason",
      "Status",
      "Seen Date",
    ]);
    expect(map.columns).toEqual({
      sourceId: 0,
      receivedAt: 1,
      providerName: 2,
      npi: 3,
      clinic: 4,
      specialty: 5,
      reason: 6,
      status: 7,
      seenAt: 8,
    });
    expect(map.missing).toEqual([]);
  });

  it.each([
    ["Ref ID", "sourceId"],
    ["Referral #", "sourceId"],
    ["referral_id", "sourceId"],
    ["REFERRALID", "sourceId"],
    ["Date Received", "receivedAt"],
    ["referral date", "receivedAt"],
    ["Referring Physician", "providerName"],
    ["Referred By", "providerName"],
    ["Provider NPI", "npi"],
    ["NPI", "npi"],
    ["Clinic", "clinic"],
    ["Referring Clinic", "clinic"],
    ["Reason for Referral", "reason"],
    ["Diagnosis", "reason"],
    ["Appointment Date", "scheduledAt"],
    ["Scheduled Date", "scheduledAt"],
    ["Date Seen", "seenAt"],
    ["Visit Date", "seenAt"],
    ["Referring Provider (Full Name)", "providerName"],
  ])("takes %j as the %s column", (header, field) => {
    const map = mapHeaders(["x", header]);
    expect(map.columns).toMatchObject({ [field]: 1 });
  });

  it("drops a byte-order mark and surrounding spaces from the first header", () => {
    const map = mapHeaders(["\uFEFFReferral ID ", " Referral Date", "Referring Provider"]);
    expect(map.headers[0]).toBe("Referral ID");
    expect(map.columns.sourceId).toBe(0);
    expect(map.labels.sourceId).toBe("Referral ID");
  });

  it("ignores columns that name or describe a patient and keeps an MRN as a reference", () => {
    const map = mapHeaders([
      "Referral ID",
      "Patient Name",
      "First Name",
      "Last Name",
      "DOB",
      "MRN",
      "Referral Date",
      "Referred By",
    ]);
    expect(map.patientNameColumns).toEqual(["Patient Name", "First Name", "Last Name"]);
    expect(map.patientDetailColumns).toEqual(["DOB"]);
    expect(map.columns.patientRef).toBe(5);
    expect(Object.values(map.columns)).not.toContain(1);
  });

  it("prefers the better spelling when two columns fit one field, and lists the other as unused", () => {
    const map = mapHeaders(["Date", "Referral ID", "Referral Date", "Referring Provider", "Insurance"]);
    expect(map.columns.receivedAt).toBe(2);
    expect(map.unusedColumns).toEqual(["Date", "Insurance"]);
  });

  it("puts the referring provider's name together from first and last name columns", () => {
    const map = mapHeaders(["Referral ID", "Referral Date", "Provider First Name", "Provider Last Name"]);
    expect(map.missing).toEqual([]);
    expect(map.columns).toMatchObject({ providerFirstName: 2, providerLastName: 3 });
  });

  it("says which required columns are missing, in plain words, with the columns the file has", () => {
    const map = mapHeaders(["Patient", "Date", "Notes"]);
    expect(map.missing).toEqual(["sourceId", "providerName"]);
    expect(describeMissingColumns(map)).toBe(
      'This file has no column for the referral id (a column named like "Referral ID", "Ref ID" or "Referral #") ' +
        'and the referring provider ("Referring Provider", "Referring Physician" or "Referred By"). ' +
        "Its columns are: Patient, Date, Notes.",
    );
  });
});
