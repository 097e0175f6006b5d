// The CSV import against real databases: a SQLite file, and PostgreSQL when TEST_DATABASE_URL is set.

import { Readable } from "node:stream";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Practice } from "../../src/core/model.ts";
import { ImportError } from "../../src/import/import-error.ts";
import { importReferralsCsv } from "../../src/import/import-referrals.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

const NOW = new Date("2026-04-01T15:00:00Z");
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));
const csv = (text: string) => Readable.from([text]);

if (!POSTGRES_TEST_URL) {
  console.info(
    "PostgreSQL import tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run them.",
  );
}

for (const provider of ["sqlite", "postgresql"] as const) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`importing referrals on ${provider}`, () => {
    let app: TestApp;
    let practices = 0;

    beforeAll(async () => {
      app = await createTestApp({ provider, now: NOW });
    });
    afterAll(async () => app?.close());

    /** Each test imports into a practice of its own. */
    const newPractice = async (): Promise<Practice> =>
      app.repos.practices.create({ name: `Practice ${++practices}`, timeZone: "America/New_York" });
    const referralsOf = (practice: Practice) =>
      app.db.prisma.referral.findMany({
        where: { practiceId: practice.id },
        include: { referrer: true },
        orderBy: { sourceId: "asc" },
      });
    const counts = async (practice: Practice) => ({
      referrals: await app.db.prisma.referral.count({ where: { practiceId: practice.id } }),
      referrers: await app.db.prisma.referrer.count({ where: { practiceId: practice.id } }),
      stats: await app.db.prisma.referrerStats.count({ where: { practiceId: practice.id } }),
    });

    it("takes the referring provider's mailing address, and fills in only an address not on file", async () => {
      const practice = await newPractice();
      const file = [
        "Referral ID,Referral Date,Referring Provider,Referring Practice,Referring Address,Referring Address Line 2,Referring City,Referring State,Referring Zip,Address,City",
        "A-1,2026-03-02,Dr. Jane Lee,Riverside,12 Harbor Road,Suite 300,Springfield,IL,62701,9 Patient Lane,Patientville",
        "A-2,2026-03-03,Dr. Jane Lee,Riverside,500 Other Street,,Elsewhere,IL,60000,9 Patient Lane,Patientville",
        "A-3,2026-03-04,Dr. Raj Patel,Northside,,,,,,9 Patient Lane,Patientville",
      ].join("\n");
      const summary = await importReferralsCsv(app.importStore, practice, csv(file), { now: NOW });
      expect(summary).toMatchObject({ imported: 3, referrersCreated: 2 });
      const referrers = await app.db.prisma.referrer.findMany({
        where: { practiceId: practice.id },
        orderBy: { lastName: "asc" },
        select: { lastName: true, addressLine1: true, addressLine2: true, city: true, state: true, postalCode: true },
      });
      expect(referrers).toEqual([
        {
          lastName: "Lee",
          addressLine1: "12 Harbor Road",
          addressLine2: "Suite 300",
          city: "Springfield",
          state: "IL",
          postalCode: "62701",
        },
        { lastName: "Patel", addressLine1: null, addressLine2: null, city: null, state: null, postalCode: null },
      ]);
      // The patient's address columns are never stored anywhere.
      const stored = JSON.stringify(await app.db.prisma.referral.findMany({ where: { practiceId: practice.id } }));
      expect(stored).not.toContain("Patient Lane");
    });

    it("imports an EHR export and lists every bad row with its line and reason", async () => {
      const practice = await newPractice();
      const summary = await importReferralsCsv(app.importStore, practice, fixture("ehr-export.csv"), { now: NOW });

      expect(summary).toMatchObject({ rowsRead: 14, imported: 6, updated: 0, unchanged: 0, referrersCreated: 6 });
      expect(summary.rejected.map((r) => `line ${r.line}: ${r.reason}`)).toEqual([
        'line 6: Referral Date "13/45/2026" is not a date (use YYYY-MM-DD or MM/DD/YYYY)',
        "line 7: Referring Provider is empty",
        'line 8: Referring Provider NPI "1234567890" is not a valid NPI (10 digits, the last a check digit)',
        'line 9: Status "Maybe" is not a status I know (use New, Scheduled, Seen, Completed, Cancelled or No Show)',
        "line 10: Referral ID is empty",
        'line 11: Referral Date "05/01/2026" is in the future',
        'line 12: Referral ID "R-1001" already appeared on line 2',
        'line 16: Seen Date "03/20/2026" is before the Referral Date "03/26/2026"',
      ]);

      const rows = await referralsOf(practice);
      const brief = rows.map((r) => [
        r.sourceId,
        r.status,
        r.receivedAt.toISOString(),
        r.seenAt?.toISOString() ?? null,
      ]);
      expect(brief).toEqual([
        ["R-1001", "seen", "2026-03-02T05:00:00.000Z", "2026-03-16T04:00:00.000Z"],
        ["R-1002", "scheduled", "2026-03-05T05:00:00.000Z", null],
        ["R-1003", "received", "2026-03-09T04:00:00.000Z", null],
        ["R-1004", "cancelled", "2026-03-12T04:00:00.000Z", null],
        ["R-1012", "seen", "2026-03-24T04:00:00.000Z", "2026-03-30T04:00:00.000Z"],
        ["R-1013", "received", "2026-03-25T04:00:00.000Z", null],
      ]);
      expect(rows.find((r) => r.sourceId === "R-1013")?.reason).toBe("Carpal tunnel, both hands worse at night");
      expect(rows.find((r) => r.sourceId === "R-1001")?.referrer).toMatchObject({
        displayName: "Dr. Jennifer Lee",
        firstName: "Jennifer",
        lastName: "Lee",
        credentials: "MD",
        npi: "1011704750",
        clinic: "Riverside Family Health",
      });
      expect(rows.find((r) => r.sourceId === "R-1004")?.cancelledAt).toEqual(NOW);
    });

    it("ignores patient-name columns and never stores a patient name anywhere", async () => {
      const practice = await newPractice();
      const summary = await importReferralsCsv(app.importStore, practice, fixture("ehr-export.csv"), { now: NOW });
      expect(summary.patientNameColumns).toEqual(["Patient Name"]);
      expect(summary.patientDetailColumns).toEqual(["DOB"]);
      expect(summary.rejectColumns).not.toContain("Patient Name");
      expect(summary.rejectColumns).not.toContain("DOB");

      const everything = JSON.stringify([
        await app.db.prisma.referral.findMany({ where: { practiceId: practice.id } }),
        await app.db.prisma.referrer.findMany({ where: { practiceId: practice.id } }),
        await app.db.prisma.auditEvent.findMany({ where: { practiceId: practice.id } }),
        summary.rejected,
      ]);
      for (const patient of ["Doe", "John", "Roe", "Jane", "Smith, Ann", "Tom Baker", "Other", "1960"]) {
        expect(everything).not.toContain(patient);
      }
    });

    it("changes nothing when the same file is imported again", async () => {
      const practice = await newPractice();
      await importReferralsCsv(app.importStore, practice, fixture("ehr-export.csv"), { now: NOW });
      const before = await counts(practice);
      const stored = JSON.stringify(await referralsOf(practice));

      const again = await importReferralsCsv(app.importStore, practice, fixture("ehr-export.csv"), { now: NOW });
      expect(again).toMatchObject({ imported: 0, updated: 0, unchanged: 6, referrersCreated: 0 });
      expect(again.rejected).toHaveLength(8);
      expect(await counts(practice)).toEqual(before);
      expect(JSON.stringify(await referralsOf(practice))).toBe(stored);
      // One import that changed something, one audit event; the second changed nothing and left none.
      const audit = await app.db.prisma.auditEvent.findMany({ where: { practiceId: practice.id } });
      expect(audit.map((a) => [a.action, a.actor, a.source])).toEqual([["referral.import", "cli", "import"]]);
      expect(JSON.parse(audit[0]!.newValue!)).toMatchObject({ imported: 6, rejected: 8, referrersCreated: 6 });
    });

    it("updates a referral whose status moved on, and only that one", async () => {
      const practice = await newPractice();
      const header = "Referral ID,Referral Date,Referring Provider,Clinic,Reason,Status,Seen Date\n";
      await importReferralsCsv(
        app.importStore,
        practice,
        csv(
          `${header}A-1,2026-03-02,Dr. Daniel Lee,Lakeside,Back pain,Scheduled,\nA-2,2026-03-03,Dr. Daniel Lee,Lakeside,Hip,New,\n`,
        ),
        { now: NOW },
      );
      const later = await importReferralsCsv(
        app.importStore,
        practice,
        csv(
          `${header}A-1,2026-03-02,Dr. Daniel Lee,Lakeside,Back pain,Seen,2026-03-20\nA-2,2026-03-03,Dr. Daniel Lee,Lakeside,Hip,New,\n`,
        ),
        { now: NOW },
      );
      expect(later).toMatchObject({ imported: 0, updated: 1, unchanged: 1 });
      const [a1, a2] = await referralsOf(practice);
      expect(a1).toMatchObject({ status: "seen", seenAt: new Date("2026-03-20T04:00:00Z"), reason: "Back pain" });
      expect(a2).toMatchObject({ status: "received", seenAt: null });
      const stats = await app.db.prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: a1!.referrerId } });
      expect(stats).toMatchObject({
        referralCount: 2,
        seenAwaitingCount: 1,
        lastSeenAt: new Date("2026-03-20T04:00:00Z"),
      });
    });

    it("keeps the good rows when a bad one sits among them", async () => {
      const practice = await newPractice();
      const summary = await importReferralsCsv(
        app.importStore,
        practice,
        csv(
          "Referral ID,Referral Date,Referring Provider\n" +
            "B-1,2026-03-01,Dr. Daniel Lee\n" +
            "B-2,not a date,Dr. Daniel Lee\n" +
            "B-3,2026-03-03,Dr. Daniel Lee\n",
        ),
        { now: NOW },
      );
      expect(summary.imported).toBe(2);
      expect(summary.rejected.map((r) => r.line)).toEqual([3]);
      expect((await referralsOf(practice)).map((r) => r.sourceId)).toEqual(["B-1", "B-3"]);
    });

    it("counts a reason with line breaks in it when it says on which line a later row went wrong", async () => {
      const practice = await newPractice();
      const summary = await importReferralsCsv(
        app.importStore,
        practice,
        csv(
          "Referral ID,Referral Date,Referring Provider,Reason\n" +
            'M-1,2026-03-01,Dr. Daniel Lee,"Knee pain,\nworse on stairs\nfor a month"\n' +
            "M-2,2026-03-02,Dr. Daniel Lee,Hip\n" +
            "M-3,someday,Dr. Daniel Lee,Back\n" +
            'M-4,never,Dr. Daniel Lee,"Two\nlines"\n',
        ),
        { now: NOW },
      );
      expect(summary.imported).toBe(2);
      expect(summary.rejected.map((r) => r.line)).toEqual([6, 7]);
    });

    it("rolls back only the batch that failed, and keeps what the batches before it saved", async () => {
      const practice = await newPractice();
      const names = ["Adams", "Baker", "Clark", "Davis", "Evans", "Foster", "Gray", "Hughes"];
      const lines = names.map((name, i) => `C-${i + 1},2026-03-0${i + 1},Dr. Sam ${name}`);
      const failing = importReferralsCsv(
        app.importStore,
        practice,
        csv(`Referral ID,Referral Date,Referring Provider\n${lines.join("\n")}\n`),
        {
          now: NOW,
          batchSize: 3,
          afterBatchWrite: (batch) => {
            if (batch.index === 1) throw new Error("disk full");
          },
        },
      );
      const error = await failing.catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ImportError);
      expect(error).toMatchObject({ code: "IMPORT_BATCH_FAILED", partial: { imported: 3 } });
      expect((error as Error).message).toContain("Lines 5–7 could not be saved (disk full)");

      expect((await referralsOf(practice)).map((r) => r.sourceId)).toEqual(["C-1", "C-2", "C-3"]);
      // The referrers of the failed batch were rolled back with it; those saved have their figures.
      const referrers = await app.db.prisma.referrer.findMany({
        where: { practiceId: practice.id },
        include: { stats: true },
      });
      expect(referrers.map((r) => r.displayName).sort()).toEqual(["Dr. Sam Adams", "Dr. Sam Baker", "Dr. Sam Clark"]);
      expect(referrers.map((r) => r.stats?.referralCount)).toEqual([1, 1, 1]);
    });

    it("finds referrers by NPI first, then by name and clinic, and tells two Lees apart", async () => {
      const practice = await newPractice();
      const actor: Actor = { practiceId: practice.id, memberId: null, name: "test", channel: "cli", role: null };
      const jennifer = await app.repos.referrers.create(
        practice.id,
        { displayName: "Dr. Jennifer Lee", firstName: "Jennifer", lastName: "Lee", npi: "1011704750" },
        actor,
      );
      const daniel = await app.repos.referrers.create(
        practice.id,
        { displayName: "Dr. Daniel Lee", firstName: "Daniel", lastName: "Lee", clinic: "Lakeside Primary Care" },
        actor,
      );
      const muller = await app.repos.referrers.create(
        practice.id,
        {
          displayName: "Dr. Anna Müller",
          firstName: "Anna",
          lastName: "Müller",
          clinic: "Elm Grove Internal Medicine",
        },
        actor,
      );
      const summary = await importReferralsCsv(
        app.importStore,
        practice,
        csv(
          "Referral ID,Referral Date,Referring Provider,NPI,Referring Practice\n" +
            // Spelled differently, but the NPI says who it is.
            "D-1,2026-03-01,JENNIFER LEE,1011704750,Somewhere Else\n" +
            // Last name first, a "P.C." and an NPI we did not have: the same Daniel Lee, who gets the NPI.
            '"LEE, DANIEL MD",2026-03-02,"LEE, DANIEL MD",1061958256,"Lakeside Primary Care, P.C."\n' +
            "D-3,2026-03-03,Dr. Anna Mueller,,elm grove internal medicine\n" +
            // Same name as Daniel, another NPI: a different person.
            "D-4,2026-03-04,Dr. Daniel Lee,1976907638,Lakeside Primary Care\n" +
            "D-5,2026-03-05,Dr. Jennifer Lee-Park,,Harbor Health Partners\n",
        ),
        { now: NOW },
      );
      expect(summary.imported).toBe(5);
      const bySource = new Map((await referralsOf(practice)).map((r) => [r.sourceId, r.referrer]));
      expect(bySource.get("D-1")?.id).toBe(jennifer.id);
      expect(bySource.get("LEE, DANIEL MD")?.id).toBe(daniel.id);
      expect(bySource.get("D-3")?.id).toBe(muller.id);
      expect(bySource.get("D-4")?.id).not.toBe(daniel.id);
      expect(bySource.get("D-4")).toMatchObject({ displayName: "Dr. Daniel Lee", npi: "1976907638" });
      expect(bySource.get("D-5")).toMatchObject({ displayName: "Dr. Jennifer Lee-Park", lastName: "Lee-Park" });
      expect(await app.db.prisma.referrer.findUniqueOrThrow({ where: { id: daniel.id } })).toMatchObject({
        npi: "1061958256",
      });
      expect(summary.referrersCreated).toBe(2);
    });

    it("reads semicolon files with day-first dates and says how it read them", async () => {
      const practice = await newPractice();
      const summary = await importReferralsCsv(app.importStore, practice, fixture("semicolon-day-first.csv"), {
        now: NOW,
      });
      expect(summary).toMatchObject({ delimiter: ";", dateOrder: "dmy", imported: 3 });
      expect(summary.rejected).toEqual([]);
      expect(summary.notes).toEqual([
        "Dates were read as day/month (the file has 14.03.2026).",
        "1 referral was marked seen with no seen date: the appointment date (or else the referral date) was taken as the visit date.",
      ]);
      const rows = await referralsOf(practice);
      expect(rows.map((r) => [r.sourceId, r.receivedAt.toISOString(), r.status, r.reason])).toEqual([
        ["S-1", "2026-03-14T04:00:00.000Z", "seen", "Knee pain, left"],
        ["S-2", "2026-03-03T05:00:00.000Z", "scheduled", "Back pain"],
        ["S-3", "2026-02-01T05:00:00.000Z", "seen", "Shoulder pain"],
      ]);
      expect(rows[2]?.seenAt).toEqual(rows[2]?.receivedAt);
    });

    it("reads tab-separated files, names written last name first, appointment and visit dates", async () => {
      const practice = await newPractice();
      const summary = await importReferralsCsv(app.importStore, practice, fixture("tab-separated.tsv"), { now: NOW });
      expect(summary).toMatchObject({ delimiter: "\t", imported: 2 });
      const rows = await referralsOf(practice);
      expect(rows[0]).toMatchObject({ status: "scheduled", scheduledAt: new Date("2026-04-10T04:00:00Z") });
      expect(rows[0]?.referrer).toMatchObject({ displayName: "Dr. Jennifer Lee", credentials: "MD" });
      expect(rows[1]).toMatchObject({
        status: "seen",
        receivedAt: new Date("2026-03-11T13:30:00Z"),
        seenAt: new Date("2026-03-25T04:00:00Z"),
      });
    });

    it("refuses a file without the columns it needs, naming them, and writes nothing", async () => {
      const practice = await newPractice();
      const error = await importReferralsCsv(app.importStore, practice, fixture("missing-columns.csv"), {
        now: NOW,
      }).catch((e: unknown) => e);
      expect(error).toMatchObject({ code: "IMPORT_MISSING_COLUMNS" });
      expect((error as Error).message).toContain("the referral id");
      expect((error as Error).message).toContain("the referring provider");
      expect(await counts(practice)).toEqual({ referrals: 0, referrers: 0, stats: 0 });
    });

    it("keeps the short MRN tail and no more", async () => {
      const practice = await newPractice();
      await importReferralsCsv(
        app.importStore,
        practice,
        csv("Referral ID,Referral Date,Referring Provider,MRN\nE-1,2026-03-01,Dr. Daniel Lee,00123454821\n"),
        { now: NOW },
      );
      expect((await referralsOf(practice))[0]?.patientRef).toBe("MRN-…4821");
    });
  });
}
