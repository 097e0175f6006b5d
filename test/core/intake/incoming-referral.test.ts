import { describe, expect, it } from "vitest";
import { parseIncomingReferral } from "../../../src/core/intake/incoming-referral.ts";
import { withStatus } from "../../../src/core/intake/referral-state.ts";
import type { StoredReferral } from "../../../src/core/ports.ts";

const opts = { zone: "America/New_York", now: new Date("2026-12-04T15:00:00Z") };
const good = {
  sourceId: "EPIC-1",
  receivedAt: "2026-12-01",
  providerName: "Dr. Jennifer Lee",
  providerNpi: "1234567893",
  reason: "knee pain",
};

describe("reading one incoming referral", () => {
  it("reads a plain date in the practice's zone and keeps the NPI's digits", () => {
    const parsed = parseIncomingReferral({ ...good, providerNpi: "1234-567-893" }, opts);
    expect(parsed.ok && parsed.item.details?.receivedAt.toISOString()).toBe("2026-12-01T05:00:00.000Z");
    expect(parsed.ok && parsed.item.details?.npi).toBe("1234567893");
  });

  it("refuses bad fields with their paths", () => {
    const parsed = parseIncomingReferral({ ...good, providerNpi: "1234567890", receivedAt: "yesterday" }, opts);
    expect(parsed.ok).toBe(false);
    expect(!parsed.ok && parsed.issues.map((i) => i.path).sort()).toEqual(["providerNpi", "receivedAt"]);
  });

  it("names the nested path of a bad patient field", () => {
    const parsed = parseIncomingReferral({ ...good, patient: { mrn: 12345 } }, opts);
    expect(!parsed.ok && parsed.issues[0]?.path).toBe("patient.mrn");
  });

  it("refuses a referral without its provider, and an item that says nothing", () => {
    const noProvider = parseIncomingReferral({ sourceId: "X", receivedAt: "2026-12-01" }, opts);
    expect(!noProvider.ok && noProvider.issues.map((i) => i.path)).toEqual(["providerName"]);
    const nothing = parseIncomingReferral({ sourceId: "X" }, opts);
    expect(!nothing.ok && nothing.issues.map((i) => i.path)).toEqual(["status"]);
  });

  it("refuses a received date in the future", () => {
    const parsed = parseIncomingReferral({ ...good, receivedAt: "2027-01-05" }, opts);
    expect(!parsed.ok && parsed.issues[0]?.path).toBe("receivedAt");
  });

  it("takes a status update alone, its status implied by a visit date", () => {
    const parsed = parseIncomingReferral({ sourceId: "EPIC-1", seenAt: "2026-12-03" }, opts);
    expect(parsed.ok && parsed.item.details).toBeNull();
    expect(parsed.ok && parsed.item.status).toBe("seen");
  });

  it("drops the patient's name, MRN and birth date from the reason and keeps only the MRN's tail", () => {
    const parsed = parseIncomingReferral(
      {
        ...good,
        reason: "Maria Q Gonzalez-Smith MRN 88123456 born 1961-04-17, right knee pain",
        patient: { name: "Gonzalez-Smith, Maria Q", mrn: "88123456", birthDate: "1961-04-17" },
        mrn: "88123456",
      },
      opts,
    );
    expect(parsed.ok).toBe(true);
    const details = parsed.ok ? parsed.item.details : null;
    expect(details?.reason).toContain("right knee pain");
    expect(details?.reason).not.toMatch(/Maria|Gonzalez|88123456|1961/);
    expect(details?.patientRef).toBe("MRN-…3456");
  });
});

describe("a status applied to a referral", () => {
  const base: StoredReferral = {
    id: "r1",
    sourceId: "S",
    referrerId: "f1",
    receivedAt: new Date("2026-12-01T05:00:00Z"),
    reason: null,
    specialty: null,
    status: "received",
    scheduledAt: null,
    seenAt: null,
    loopClosedAt: null,
    cancelledAt: null,
    patientRef: null,
    reportSentAt: null,
  };
  const at = new Date("2026-12-03T05:00:00Z");

  it("moves the status and fills in the date that goes with it", () => {
    const { state, changed } = withStatus(base, { status: "seen", occurredAt: at });
    expect(changed).toBe(true);
    expect(state.seenAt).toEqual(at);
  });

  it("keeps a loop closed here closed when the source still says seen", () => {
    const closed = { ...base, status: "loop_closed", seenAt: at, loopClosedAt: at };
    const { state, changed } = withStatus(closed, { status: "seen", occurredAt: at });
    expect(changed).toBe(false);
    expect(state.status).toBe("loop_closed");
  });

  it("clears the cancelled date when a referral is taken out of cancelled", () => {
    const cancelled = { ...base, status: "cancelled", cancelledAt: at };
    expect(withStatus(cancelled, { status: "scheduled", occurredAt: at }).state.cancelledAt).toBeNull();
  });
});
