// What the digest says about the loop the intake closes, over a real database fed through the doors:
// where new referrals came from, referrals waiting for an appointment on the week line, and a patient
// whose report went out in writing no longer waiting for a call from an ordinary referrer.
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildDailyDigest } from "../../../src/core/digest/build-daily-digest.ts";
import { renderDigest, weekLine } from "../../../src/core/digest/render-digest.ts";
import { receiveReferrals } from "../../../src/core/intake/receive-referrals.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { importReferralsCsv } from "../../../src/import/import-referrals.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

// Wednesday 11 November 2026, 10:00 in New York.
const NOW = new Date("2026-11-11T15:00:00Z");

let app: TestApp;
let practice: Practice;
let feed: Actor;
const receive = (items: unknown[], sourceSystem = "epic") =>
  receiveReferrals({ intake: app.intakeStore, referrers: app.repos.referrers }, feed, practice, items, {
    sourceSystem,
    now: NOW,
  });
const digestText = async () => {
  const digest = await buildDailyDigest(app.digestData, practice, "2026-11-11", {
    now: NOW,
    since: new Date("2026-11-01T00:00:00Z"),
  });
  return {
    digest,
    text: renderDigest(digest)
      .sections.map((s) => `${s.text ?? ""}\n${s.context ?? ""}`)
      .join("\n"),
  };
};

beforeEach(async () => {
  app = await createTestApp({ now: NOW });
  practice = await app.repos.practices.getOrCreateDefault();
  feed = { practiceId: practice.id, memberId: null, name: "api:EHR", channel: "import", role: null };
});
afterEach(async () => app.close());

describe("the digest and the loop", () => {
  it("says where new referrals came from when they came by more than one way", async () => {
    await receive([
      { sourceId: "E-1", receivedAt: "2026-11-10", providerName: "Dr. Jennifer Lee", status: "scheduled" },
      { sourceId: "E-2", receivedAt: "2026-11-10", providerName: "Dr. Jennifer Lee", status: "scheduled" },
    ]);
    const csv = "Referral ID,Referral Date,Referring Provider,Status\nF-1,2026-11-10,Dr. Omar Haddad,scheduled\n";
    await importReferralsCsv(app.importStore, practice, Readable.from([csv]), { now: NOW });
    const { digest, text } = await digestText();
    expect(digest.newReferrals.bySource).toEqual([
      { phrase: "from Epic", count: 2 },
      { phrase: "by CSV import", count: 1 },
    ]);
    expect(text).toContain("*3 new referrals*: 2 from Epic, 1 by CSV import");
  });

  it("names no source when every referral came the same way", async () => {
    await receive([{ sourceId: "E-1", receivedAt: "2026-11-10", providerName: "Dr. Jennifer Lee" }]);
    const { digest } = await digestText();
    expect(digest.newReferrals.bySource).toBeUndefined();
  });

  it("counts the referrals waiting too long for an appointment on the week line, and nudges about them", async () => {
    await receive([
      { sourceId: "E-1", receivedAt: "2026-11-04", providerName: "Dr. Jennifer Lee" },
      { sourceId: "E-2", receivedAt: "2026-11-05", providerName: "Dr. Jennifer Lee" },
      { sourceId: "E-3", receivedAt: "2026-11-10", providerName: "Dr. Jennifer Lee" },
      { sourceId: "E-4", receivedAt: "2026-11-04", providerName: "Dr. Omar Haddad", status: "scheduled" },
    ]);
    const { digest, text } = await digestText();
    expect(digest.weekSummary.notScheduled).toBe(2);
    expect(weekLine(digest.weekSummary)).toContain("· 2 referrals not yet scheduled");
    expect(text).toContain("2 referrals from Dr. Jennifer Lee not yet scheduled (oldest 7 days)");
  });

  it("stops waiting for a call about a patient whose report reached an ordinary referrer in writing", async () => {
    const seen = { receivedAt: "2026-10-01", providerName: "Dr. Jennifer Lee", status: "seen", seenAt: "2026-11-09" };
    await receive([
      { sourceId: "E-0", receivedAt: "2026-09-01", providerName: "Dr. Jennifer Lee", status: "loop_closed" },
      { sourceId: "E-1", ...seen },
    ]);
    expect((await digestText()).text).toContain("You saw their patient");
    await receive([{ sourceId: "E-1", reportSentAt: "2026-11-10" }]);
    const stats = await app.db.prisma.referrerStats.findFirstOrThrow();
    expect(stats).toMatchObject({ seenAwaitingCount: 0, reportedAwaitingCount: 1 });
    expect((await digestText()).text).not.toContain("Close the loop with");
  });
});

describe("the CSV import as a door", () => {
  it("records each status a report gives as a status change, once however often the file comes", async () => {
    const csv =
      "Referral ID,Referral Date,Referring Provider,Status,Seen Date\n" +
      "F-1,2026-11-02,Dr. Omar Haddad,seen,2026-11-09\nF-2,2026-11-03,Dr. Omar Haddad,,\n";
    await importReferralsCsv(app.importStore, practice, Readable.from([csv]), { now: NOW });
    await importReferralsCsv(app.importStore, practice, Readable.from([csv]), { now: NOW });
    const changes = await app.db.prisma.referralStatusChange.findMany();
    expect(changes.map((c) => [c.sourceSystem, c.sourceId, c.status, c.occurredAt.toISOString()])).toEqual([
      ["csv", "F-1", "seen", "2026-11-09T05:00:00.000Z"],
    ]);
    expect(changes[0]?.referralId).not.toBeNull();
  });
});
