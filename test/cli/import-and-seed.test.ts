// `referral-nudge import` and `referral-nudge seed-demo` as a person runs them: what they print, what they
// write, and what the digest then has to say.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { importCommand } from "../../src/cli/commands/import.ts";
import { seedDemoCommand } from "../../src/cli/commands/seed-demo.ts";
import type { NudgeKind, Practice } from "../../src/core/model.ts";
import { computeNudges } from "../../src/core/nudges/rank-nudges.ts";
import { createDigestData } from "../../src/db/digest-data.ts";
import { DEMO_SOURCE_PREFIX, seedDemo } from "../../src/demo/seed-demo.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

// A Monday morning in New York.
const NOW = new Date("2026-11-23T13:30:00Z");
const fixture = (name: string) => fileURLToPath(new URL(`../fixtures/csv/${name}`, import.meta.url));

if (!POSTGRES_TEST_URL) {
  console.info(
    "PostgreSQL import and seed-demo command tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run them.",
  );
}

for (const provider of ["sqlite", "postgresql"] as const)
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(
    `the import and seed-demo commands on ${provider}`,
    () => {
      let app: TestApp;
      let dir: string;
      let practices = 0;

      beforeAll(async () => {
        app = await createTestApp({ provider, now: NOW });
        dir = mkdtempSync(join(tmpdir(), "referral-nudge-cli-"));
      });
      afterAll(async () => {
        await app?.close();
        rmSync(dir, { recursive: true, force: true });
      });
      // The commands set the exit code for the process; a test must not leave it behind.
      afterEach(() => {
        process.exitCode = undefined;
      });

      const newPractice = (): Promise<Practice> => app.repos.practices.create({ name: `Demo Practice ${++practices}` });
      const run = async <A>(
        command: (
          args: A,
          deps: Parameters<typeof importCommand>[1] & Parameters<typeof seedDemoCommand>[1],
        ) => Promise<number>,
        args: A,
        practice: Practice,
      ) => {
        const out: string[] = [];
        const err: string[] = [];
        const code = await command(args, {
          importStore: app.importStore,
          demoStore: app.demoStore,
          practice,
          clock: { now: () => new Date("2026-04-01T15:00:00Z") },
          print: (l) => out.push(l),
          printError: (l) => err.push(l),
        });
        return { code, out, err };
      };

      describe("import", () => {
        it("prints the counts, the ignored patient columns and every rejection with its line", async () => {
          const rejects = join(dir, "rejected.csv");
          const { code, out, err } = await run(
            importCommand,
            { file: fixture("ehr-export.csv"), rejects },
            await newPractice(),
          );
          expect(code).toBe(0);
          expect(err).toEqual([]);
          expect(out[0]).toMatch(/^Imported ehr-export\.csv \(comma-separated\) in \d+\.\d s$/);
          expect(out.slice(1, 7)).toEqual([
            "  rows read       14",
            "  imported (new)   6",
            "  updated          0",
            "  unchanged        0",
            "  rejected         8",
            "  new referrers: 6",
          ]);
          expect(out).toContain(
            "ignored columns: Patient Name, DOB — patient names and other patient details are never stored",
          );
          expect(out).toContain('  line 6: Referral Date "13/45/2026" is not a date (use YYYY-MM-DD or MM/DD/YYYY)');
          expect(out.at(-1)).toBe(`  (also written to ${rejects})`);
        });

        it("writes every rejected row to --rejects, with its line and reason and without patient columns", async () => {
          const rejects = join(dir, "all-rejects.csv");
          await run(importCommand, { file: fixture("ehr-export.csv"), rejects }, await newPractice());
          const lines = readFileSync(rejects, "utf8").trimEnd().split("\r\n");
          expect(lines[0]).toBe(
            "Line,Reason,Referral ID,Referral Date,Referring Provider,Referring Provider NPI,Referring Practice,Specialty,Reason,Status,Seen Date",
          );
          expect(lines).toHaveLength(9);
          expect(lines[1]).toBe(
            '6,"Referral Date ""13/45/2026"" is not a date (use YYYY-MM-DD or MM/DD/YYYY)",R-1005,13/45/2026,Dr. Anna Müller,,Elm Grove Internal Medicine,,Frozen shoulder,New,',
          );
          expect(readFileSync(rejects, "utf8")).not.toContain("Ann Other");
        });

        it("fails with the missing columns named when the file is not a referral report", async () => {
          const practice = await newPractice();
          const { code, err } = await run(importCommand, { file: fixture("missing-columns.csv") }, practice);
          expect(code).toBe(1);
          expect(process.exitCode).toBe(1);
          expect(err.join("\n")).toContain('the referral id (a column named like "Referral ID"');
          expect(await app.db.prisma.referral.count({ where: { practiceId: practice.id } })).toBe(0);
        });

        it("fails plainly when the file is not there", async () => {
          const { code, err } = await run(importCommand, { file: join(dir, "nope.csv") }, await newPractice());
          expect(code).toBe(1);
          expect(err).toEqual([`There is no file at ${join(dir, "nope.csv")}.`]);
        });

        it("refuses a date order it does not know", async () => {
          const { code, err } = await run(
            importCommand,
            { file: fixture("ehr-export.csv"), dateOrder: "ymd" },
            await newPractice(),
          );
          expect(code).toBe(1);
          expect(err[0]).toContain("--date-order must be mdy");
        });
      });

      describe("seed-demo", () => {
        const nudgeKindsOf = async (practice: Practice) => {
          const facts = await createDigestData(app.db).loadFacts(practice.id);
          const settings = (await app.repos.practices.findById(practice.id))!.settings;
          return computeNudges(facts, { now: NOW, timeZone: practice.timeZone, settings });
        };

        /** The demo's content without database ids, to compare two runs. */
        const contentOf = async (practice: Practice) => {
          const where = { where: { practiceId: practice.id } };
          const referrers = await app.db.prisma.referrer.findMany({ ...where, orderBy: { displayName: "asc" } });
          const nameOf = new Map(referrers.map((r) => [r.id, r.displayName]));
          const referrals = await app.db.prisma.referral.findMany({ ...where, orderBy: { sourceId: "asc" } });
          const touches = await app.db.prisma.touch.findMany({ ...where });
          const feedback = await app.db.prisma.feedback.findMany({ ...where, orderBy: { createdAt: "asc" } });
          return {
            referrers: referrers.map((r) => [r.displayName, r.clinic, r.specialty, r.npi, r.status]),
            referrals: referrals.map((r) => [
              r.sourceId,
              nameOf.get(r.referrerId),
              r.receivedAt.getTime(),
              r.status,
              r.seenAt?.getTime(),
              r.reason,
              r.patientRef,
            ]),
            touches: touches
              .map((t) => [nameOf.get(t.referrerId), t.kind, t.occurredAt.getTime(), t.note].join("|"))
              .sort(),
            feedback: feedback.map((f) => [
              nameOf.get(f.referrerId),
              f.sentiment,
              f.status,
              f.text,
              f.createdAt.getTime(),
            ]),
          };
        };

        it("fills a practice with a year of referrals that gives the digest every kind of nudge", async () => {
          const practice = await newPractice();
          const result = await seedDemo(app.demoStore, practice, { now: NOW });
          expect(result).toMatchObject({ status: "seeded", referrers: 60 });
          if (result.status !== "seeded") return;
          expect(result.referrals).toBeGreaterThan(1000);

          const nudges = await nudgeKindsOf(practice);
          const kinds = new Set(nudges.map((n) => n.kind));
          for (const kind of [
            "thank",
            "close_loop",
            "welcome",
            "meet",
            "going_quiet",
            "open_problem",
          ] satisfies NudgeKind[]) {
            expect(kinds, `a ${kind} nudge`).toContain(kind);
          }
          const reasons = nudges.map((n) => `${n.kind}: ${n.reason}`);
          expect(
            reasons.some((r) => /^going_quiet: Usually every (9|10) days; nothing for 40 days$/.test(r)),
            reasons.join("\n"),
          ).toBe(true);
          // Each complaint has its own nudge, quoting it so two from one referrer can be told apart.
          expect(reasons).toContain(
            "open_problem: Negative feedback unresolved for 10 days: “New-patient slots take three weeks, and nobody called their…”",
          );
          expect(
            reasons.some((r) => /^meet: Top referrer \(\d+ in 12 months\); not met in person for 7 months$/.test(r)),
          ).toBe(true);
          expect(reasons).toContain("welcome: First referral ever from Dr. Minh Nguyen — a welcome call");
        });

        it("has two Lees, a Lee-Park, a Müller, an O'Brien and a Nguyen, with valid NPIs and a few archived", async () => {
          const practice = await newPractice();
          await seedDemo(app.demoStore, practice, { now: NOW });
          const referrers = await app.db.prisma.referrer.findMany({ where: { practiceId: practice.id } });
          const names = referrers.map((r) => r.displayName);
          for (const name of [
            "Dr. Jennifer Lee",
            "Dr. Daniel Lee",
            "Dr. Jennifer Lee-Park",
            "Dr. Anna Müller",
            "Dr. Sean O'Brien",
            "Dr. Minh Nguyen",
          ]) {
            expect(names).toContain(name);
          }
          const { isValidNpi } = await import("../../src/core/validation/npi.ts");
          expect(referrers.every((r) => r.npi && isValidNpi(r.npi))).toBe(true);
          expect(referrers.filter((r) => r.status === "archived").length).toBeGreaterThanOrEqual(2);
          const specialties = new Set(referrers.map((r) => r.specialty));
          expect(specialties.size).toBe(7);
        });

        it("puts no patient in the demo: references are record-number tails at most", async () => {
          const practice = await newPractice();
          await seedDemo(app.demoStore, practice, { now: NOW });
          const refs = await app.db.prisma.referral.findMany({
            where: { practiceId: practice.id },
            select: { patientRef: true },
          });
          expect(refs.every((r) => r.patientRef === null || /^MRN-…\d{4}$/.test(r.patientRef))).toBe(true);
        });

        it("makes the same demo every time for the same moment", async () => {
          const first = await newPractice();
          const second = await newPractice();
          await seedDemo(app.demoStore, first, { now: NOW });
          await seedDemo(app.demoStore, second, { now: NOW });
          expect(await contentOf(second)).toEqual(await contentOf(first));
        });

        it("refuses to seed twice, and wipes and seeds again with --reset", async () => {
          const practice = await newPractice();
          const first = await run(seedDemoCommand, {}, practice);
          expect(first.code).toBe(0);
          expect(first.out[0]).toMatch(
            /^Seeded Demo Practice \d+ with a demo: 60 referrers, [\d,]+ referrals over the last year/,
          );
          const before = await app.db.prisma.referral.count({ where: { practiceId: practice.id } });

          const again = await run(seedDemoCommand, {}, practice);
          expect(again.code).toBe(1);
          expect(again.err[0]).toContain("already has the demo (60 referrers); nothing was changed");
          expect(again.err[0]).toContain("seed-demo --reset");
          expect(await app.db.prisma.referral.count({ where: { practiceId: practice.id } })).toBe(before);

          const reset = await run(seedDemoCommand, { reset: true }, practice);
          expect(reset.code).toBe(0);
          expect(reset.out[0]).toMatch(/^Wiped and seeded/);
          expect(await app.db.prisma.referrer.count({ where: { practiceId: practice.id } })).toBe(60);
        });

        it("leaves a practice with referrers of its own alone", async () => {
          const practice = await newPractice();
          await app.db.prisma.referrer.create({
            data: { practiceId: practice.id, displayName: "Dr. Real Person", lastName: "Person" },
          });
          const result = await seedDemo(app.demoStore, practice, { now: NOW });
          expect(result).toEqual({ status: "not-empty", referrers: 1 });
          expect(
            await app.db.prisma.referral.count({
              where: { practiceId: practice.id, sourceId: { startsWith: DEMO_SOURCE_PREFIX } },
            }),
          ).toBe(0);
        });
      });
    },
  );
