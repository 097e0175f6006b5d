// The intake use case over a real SQLite database, wired as in production.
import { Readable } from "node:stream";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { type ReceiveResult, receiveReferrals } from "../../../src/core/intake/receive-referrals.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { importReferralsCsv } from "../../../src/import/import-referrals.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

const NPI = "1234567893";
const now = new Date("2026-12-04T15:00:00Z");
const referral = (over: Record<string, unknown> = {}) => ({
  sourceId: "EPIC-1",
  receivedAt: "2026-12-01",
  providerName: "Dr. Jennifer Lee",
  providerNpi: NPI,
  clinic: "Riverside Family Health",
  reason: "knee pain",
  ...over,
});

let app: TestApp;
let practice: Practice;
let actor: Actor;
const receive = (items: unknown[], sourceSystem = "epic"): Promise<ReceiveResult> =>
  receiveReferrals(
    { intake: app.intakeStore, referrers: app.repos.referrers, referrersChanged: (id) => app.lookup.invalidate(id) },
    actor,
    practice,
    items,
    { sourceSystem, now },
  );
const outcomes = (r: ReceiveResult) => r.results.map((x) => x.result);

beforeEach(async () => {
  app = await createTestApp({ now });
  practice = await app.repos.practices.getOrCreateDefault();
  actor = { practiceId: practice.id, memberId: null, name: "api:EHR feed", channel: "import", role: null };
});
afterEach(async () => app.close());

describe("receiving referrals", () => {
  it("creates the referral and its referrer, then answers unchanged for the same item and updated for a change", async () => {
    expect(outcomes(await receive([referral()]))).toEqual(["created"]);
    expect(outcomes(await receive([referral()]))).toEqual(["unchanged"]);
    expect(outcomes(await receive([referral({ reason: "knee pain, worse on stairs" })]))).toEqual(["updated"]);
    const referrals = await app.db.prisma.referral.findMany();
    expect(referrals).toHaveLength(1);
    expect(referrals[0]).toMatchObject({ sourceSystem: "epic", reason: "knee pain, worse on stairs" });
    const referrers = await app.db.prisma.referrer.findMany();
    expect(referrers.map((r) => [r.displayName, r.npi])).toEqual([["Dr. Jennifer Lee", NPI]]);
    const stats = await app.db.prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: referrers[0]!.id } });
    expect(stats.referralCount).toBe(1);
    const audit = await app.db.prisma.auditEvent.findMany({ orderBy: { createdAt: "asc" } });
    expect(audit.map((a) => a.action).sort()).toEqual(["referrals.receive", "referrals.receive", "referrer.create"]);
  });

  it("finds a known referrer by NPI first, then by name and clinic", async () => {
    await receive([referral()]);
    await receive([
      referral({ sourceId: "EPIC-2", providerName: "LEE, JENNIFER MD" }),
      referral({ sourceId: "EPIC-3", providerNpi: undefined, clinic: "Riverside Family Health, P.C." }),
    ]);
    expect(await app.db.prisma.referrer.count()).toBe(1);
    expect(await app.db.prisma.referral.count()).toBe(3);
  });

  it("finds a referrer added in chat between two requests and adds no second one", async () => {
    await receive([referral({ sourceId: "EPIC-A", providerName: "Dr. Sam Okafor", providerNpi: undefined })]);
    const added = await app.repos.referrers.create(
      practice.id,
      { displayName: "Dr. Priya Shah", firstName: "Priya", lastName: "Shah", npi: "1245319599" },
      actor,
    );
    await receive([referral({ sourceId: "EPIC-B", providerName: "Priya Shah MD", providerNpi: "1245319599" })]);
    const stored = await app.db.prisma.referral.findFirstOrThrow({ where: { sourceId: "EPIC-B" } });
    expect(stored.referrerId).toBe(added.id);
    expect(await app.db.prisma.referrer.count()).toBe(2);
  });

  it("rejects a bad item with its field paths and still takes the good ones", async () => {
    const result = await receive([referral({ sourceId: "A", providerNpi: "123" }), referral({ sourceId: "B" })]);
    expect(outcomes(result)).toEqual(["rejected", "created"]);
    expect(result.results[0]).toMatchObject({ sourceId: "A", issues: [{ path: "providerNpi" }] });
    expect(result.counts).toMatchObject({ created: 1, rejected: 1 });
  });

  it("keeps the same source id from two source systems apart, and leaves the CSV import's alone", async () => {
    const report =
      "Referral ID,Referral Date,Referring Provider,NPI,Reason\nEPIC-1,2026-11-20,Dr. Jennifer Lee,1234567893,hip pain\n";
    expect((await importReferralsCsv(app.importStore, practice, Readable.from([report]), { now })).imported).toBe(1);
    expect(outcomes(await receive([referral()], "epic"))).toEqual(["created"]);
    expect(outcomes(await receive([referral()], "athena"))).toEqual(["created"]);
    const rows = await app.db.prisma.referral.findMany({
      where: { sourceId: "EPIC-1" },
      orderBy: { sourceSystem: "asc" },
    });
    expect(rows.map((r) => [r.sourceSystem, r.reason])).toEqual([
      ["athena", "knee pain"],
      ["csv", "hip pain"],
      ["epic", "knee pain"],
    ]);
    // Importing the report again still finds its own row and leaves the others as they are.
    const again = await importReferralsCsv(app.importStore, practice, Readable.from([report]), { now });
    expect([again.imported, again.unchanged]).toEqual([0, 1]);
  });

  it("records a status change once with its date", async () => {
    await receive([referral()]);
    const scheduled = { sourceId: "EPIC-1", status: "scheduled", statusDate: "2026-12-10" };
    expect(outcomes(await receive([scheduled]))).toEqual(["updated"]);
    expect(outcomes(await receive([scheduled]))).toEqual(["unchanged"]);
    const changes = await app.db.prisma.referralStatusChange.findMany();
    expect(changes.map((c) => [c.status, c.occurredAt.toISOString()])).toEqual([
      ["scheduled", "2026-12-10T05:00:00.000Z"],
    ]);
    const stored = await app.db.prisma.referral.findFirstOrThrow();
    expect(stored.status).toBe("scheduled");
    expect(stored.scheduledAt?.toISOString()).toBe("2026-12-10T05:00:00.000Z");
  });

  it("records when the consult report reached the referrer without moving the referral's status", async () => {
    await receive([referral({ status: "seen", seenAt: "2026-12-02" })]);
    const report = { sourceId: "EPIC-1", reportSentAt: "2026-12-03T16:00:00Z" };
    expect(outcomes(await receive([report]))).toEqual(["updated"]);
    expect(outcomes(await receive([report]))).toEqual(["unchanged"]);
    const stored = await app.db.prisma.referral.findFirstOrThrow();
    expect(stored.status).toBe("seen");
    expect(stored.reportSentAt?.toISOString()).toBe("2026-12-03T16:00:00.000Z");
  });

  it("keeps a status that comes before its referral and applies it when the referral comes", async () => {
    expect(outcomes(await receive([{ sourceId: "EPIC-9", status: "seen", statusDate: "2026-12-03" }]))).toEqual([
      "pending",
    ]);
    expect(await app.db.prisma.referral.count()).toBe(0);
    expect(outcomes(await receive([referral({ sourceId: "EPIC-9" })]))).toEqual(["created"]);
    const stored = await app.db.prisma.referral.findFirstOrThrow();
    expect(stored.status).toBe("seen");
    expect(stored.seenAt?.toISOString()).toBe("2026-12-03T05:00:00.000Z");
    const changes = await app.db.prisma.referralStatusChange.findMany();
    expect(changes).toHaveLength(1);
    expect(changes[0]).toMatchObject({ referralId: stored.id, status: "seen" });
    const stats = await app.db.prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: stored.referrerId } });
    expect(stats.seenAwaitingCount).toBe(1);
  });

  it("keeps a consult report that comes before its referral and gives its date to the referral when it comes", async () => {
    const report = { sourceId: "EPIC-7", reportSentAt: "2026-12-03T16:00:00Z" };
    expect(outcomes(await receive([report]))).toEqual(["pending"]);
    expect(outcomes(await receive([report]))).toEqual(["unchanged"]);
    expect(await app.db.prisma.referral.count()).toBe(0);
    expect(outcomes(await receive([referral({ sourceId: "EPIC-7", status: "seen", seenAt: "2026-12-02" })]))).toEqual([
      "created",
    ]);
    const stored = await app.db.prisma.referral.findFirstOrThrow();
    expect(stored.reportSentAt?.toISOString()).toBe("2026-12-03T16:00:00.000Z");
    const kept = await app.db.prisma.earlyReport.findMany();
    expect(kept.map((r) => [r.referralId, r.appliedAt !== null])).toEqual([[stored.id, true]]);
    // Seen with the report sent: the loop is closed on paper, so the figures count it as reported.
    const stats = await app.db.prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: stored.referrerId } });
    expect(stats.reportedAwaitingCount).toBe(1);
    // A second delivery of the referral leaves the report as it is, and keeps nothing new.
    expect(outcomes(await receive([referral({ sourceId: "EPIC-7", status: "seen", seenAt: "2026-12-02" })]))).toEqual([
      "unchanged",
    ]);
    expect(await app.db.prisma.earlyReport.count()).toBe(1);
  });

  it("keeps an early status and an early report from the same item, and both reach the referral", async () => {
    const early = { sourceId: "EPIC-8", status: "seen", statusDate: "2026-12-02", reportSentAt: "2026-12-03" };
    const result = await receive([early, referral({ sourceId: "EPIC-8" })]);
    expect(outcomes(result)).toEqual(["pending", "created"]);
    const stored = await app.db.prisma.referral.findFirstOrThrow();
    expect(stored.status).toBe("seen");
    expect(stored.reportSentAt?.toISOString()).toBe("2026-12-03T05:00:00.000Z");
    // Kept and given within one request: nothing waits in the table.
    expect(await app.db.prisma.earlyReport.count()).toBe(0);
  });

  it("keeps one early report when the same one comes twenty times at once", async () => {
    const report = [{ sourceId: "EPIC-21", reportSentAt: "2026-12-03T16:00:00Z" }];
    const results = await Promise.all(Array.from({ length: 20 }, () => receive(report)));
    expect(results.flatMap(outcomes).filter((o) => o === "pending")).toHaveLength(1);
    expect(await app.db.prisma.earlyReport.count()).toBe(1);
  });

  it("takes a status and its referral in the same request in either order", async () => {
    const result = await receive([
      { sourceId: "EPIC-5", status: "scheduled", statusDate: "2026-12-09" },
      referral({ sourceId: "EPIC-5" }),
      referral({ sourceId: "EPIC-5" }),
    ]);
    expect(outcomes(result)).toEqual(["pending", "created", "unchanged"]);
    const stored = await app.db.prisma.referral.findFirstOrThrow();
    expect(stored.status).toBe("scheduled");
    const changes = await app.db.prisma.referralStatusChange.findMany();
    expect(changes.map((c) => [c.status, c.referralId])).toEqual([["scheduled", stored.id]]);
  });

  it("stores one referral and one status change when the same request comes twenty times at once", async () => {
    const request = [referral({ sourceId: "EPIC-20", providerNpi: undefined, status: "scheduled" })];
    const results = await Promise.all(Array.from({ length: 20 }, () => receive(request)));
    expect(results.flatMap(outcomes).filter((o) => o === "created")).toHaveLength(1);
    expect(await app.db.prisma.referral.count()).toBe(1);
    expect(await app.db.prisma.referrer.count()).toBe(1);
    expect(await app.db.prisma.referralStatusChange.count()).toBe(1);
  });
});
