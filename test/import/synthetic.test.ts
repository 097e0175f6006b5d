// The benchmark's data builders, small: the same seed gives the same data, and the data is what it claims.
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isValidNpi } from "../../src/core/validation/npi.ts";
import { generateReferralsCsv, seedSynthetic } from "../../src/demo/synthetic.ts";
import { importReferralsCsv } from "../../src/import/import-referrals.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

const NOW = new Date("2026-11-23T15:00:00Z");

if (!POSTGRES_TEST_URL) {
  console.info(
    "PostgreSQL benchmark-data tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run them.",
  );
}

for (const provider of ["sqlite", "postgresql"] as const)
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`benchmark data on ${provider}`, () => {
    let app: TestApp;
    let dir: string;

    beforeAll(async () => {
      app = await createTestApp({ provider, now: NOW });
      dir = mkdtempSync(join(tmpdir(), "referral-nudge-synthetic-"));
    });
    afterAll(async () => {
      await app?.close();
      rmSync(dir, { recursive: true, force: true });
    });

    it("writes the same report for the same seed", async () => {
      await generateReferralsCsv(join(dir, "a.csv"), 500, { referrers: 40, seed: 7, now: NOW });
      await generateReferralsCsv(join(dir, "b.csv"), 500, { referrers: 40, seed: 7, now: NOW });
      await generateReferralsCsv(join(dir, "c.csv"), 500, { referrers: 40, seed: 8, now: NOW });
      const read = (name: string) => readFileSync(join(dir, name), "utf8");
      expect(read("a.csv")).toBe(read("b.csv"));
      expect(read("a.csv")).not.toBe(read("c.csv"));
    });

    it("writes a report the import reads, with exactly its bad rows rejected and its patient column ignored", async () => {
      const practice = await app.repos.practices.create({ name: "Synthetic import" });
      const file = join(dir, "report.csv");
      const made = await generateReferralsCsv(file, 3000, { referrers: 120, seed: 3, now: NOW, badEvery: 250 });
      expect(made.badRows).toBe(12);
      const summary = await importReferralsCsv(app.importStore, practice, file, { now: NOW });
      expect(summary.rowsRead).toBe(3000);
      expect(summary.rejected).toHaveLength(12);
      expect(summary.imported).toBe(3000 - 12);
      expect(summary.patientNameColumns).toHaveLength(1);
      expect(summary.referrersCreated).toBeLessThanOrEqual(120);
      const again = await importReferralsCsv(app.importStore, practice, file, { now: NOW });
      expect(again.imported + again.updated).toBe(0);
    });

    it("reads a file the same in a worker thread as in the importing thread", async () => {
      const file = join(dir, "twice.csv");
      await generateReferralsCsv(file, 1200, { referrers: 60, seed: 11, now: NOW, badEvery: 100 });
      const inThread = await importReferralsCsv(
        app.importStore,
        await app.repos.practices.create({ name: "Read in thread" }),
        file,
        { now: NOW, worker: false, batchSize: 500 },
      );
      const inWorker = await importReferralsCsv(
        app.importStore,
        await app.repos.practices.create({ name: "Read in worker" }),
        file,
        { now: NOW, worker: true, batchSize: 500 },
      );
      const { durationMs: _a, ...a } = inThread;
      const { durationMs: _b, ...b } = inWorker;
      expect(b).toEqual(a);
      expect(a.rejected).toHaveLength(12);
    });

    it("stops the worker and reports a file without the needed columns the same way", async () => {
      const file = join(dir, "not-a-report.csv");
      writeFileSync(file, "Patient,Date\nJane Example,2026-03-01\n");
      const practice = await app.repos.practices.create({ name: "Worker refusal" });
      await expect(
        importReferralsCsv(app.importStore, practice, file, { now: NOW, worker: true }),
      ).rejects.toMatchObject({
        code: "IMPORT_MISSING_COLUMNS",
      });
    });

    it("seeds a large practice straight into the database, with figures for every referrer", async () => {
      const practice = await app.repos.practices.create({ name: "Synthetic practice" });
      const result = await seedSynthetic(app.demoStore, practice, {
        referrers: 50,
        referrals: 2000,
        touches: 400,
        now: NOW,
        seed: 5,
      });
      expect(result).toMatchObject({ referrers: 50, referrals: 2000, touches: 400 });
      const where = { where: { practiceId: practice.id } };
      expect(await app.db.prisma.referral.count(where)).toBe(2000);
      expect(await app.db.prisma.touch.count(where)).toBe(400);
      const stats = await app.db.prisma.referrerStats.findMany(where);
      expect(stats).toHaveLength(50);
      expect(stats.reduce((sum, s) => sum + s.referralCount, 0)).toBe(
        await app.db.prisma.referral.count({ where: { practiceId: practice.id, status: { not: "cancelled" } } }),
      );
      const referrers = await app.db.prisma.referrer.findMany(where);
      expect(referrers.every((r) => r.npi !== null && isValidNpi(r.npi))).toBe(true);
    });
  });
