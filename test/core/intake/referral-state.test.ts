// The status rules of referral-state.ts that a door relies on: here, an appointment cancelled.
import { describe, expect, it } from "vitest";
import { newReferralState, withStatus } from "../../../src/core/intake/referral-state.ts";

const referral = () =>
  newReferralState("r1", "p1", "REF-1", {
    receivedAt: new Date("2026-12-01T05:00:00Z"),
    providerName: "Dr. Jennifer Lee",
    npi: null,
    clinic: null,
    specialty: null,
    reason: null,
    patientRef: null,
  });

describe("withStatus", () => {
  it("puts a scheduled referral back to received without its appointment, and records the move", () => {
    const booked = withStatus(referral(), {
      status: "scheduled",
      occurredAt: new Date("2026-12-15T14:30:00Z"),
      dated: true,
    }).state;
    expect(booked.scheduledAt?.toISOString()).toBe("2026-12-15T14:30:00.000Z");
    const unbooked = withStatus(booked, { status: "received", occurredAt: new Date("2026-12-10T12:00:00Z") });
    expect(unbooked.changed).toBe(true);
    expect(unbooked.state).toMatchObject({ status: "received", scheduledAt: null, cancelledAt: null });
  });
});
