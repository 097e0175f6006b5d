// The PHI corpus: 200 realistic referral reasons, half with identifiers typed in. Checked on the cleaned text,
// on what reaches chat (a real import into a real SQLite file, the digest built and rendered by the core) and
// on log lines.
import { readFileSync } from "node:fs";
import { Writable } from "node:stream";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildDailyDigest } from "../../../src/core/digest/build-daily-digest.ts";
import { renderDigest } from "../../../src/core/digest/render-digest.ts";
import { cleanFreeText } from "../../../src/core/phi/clean-free-text.ts";
import { importReferralsCsv } from "../../../src/import/import-referrals.ts";
import { csvField } from "../../../src/import/rejects-file.ts";
import { createLogger } from "../../../src/logging/logger.ts";
import { createTestApp, type TestApp } from "../../support/test-app.ts";

interface Case {
  patient: string;
  reason: string;
  identifiers: string[];
  keep: string[];
}
const { cases } = JSON.parse(
  readFileSync(new URL("../../fixtures/phi/referral-reasons.json", import.meta.url), "utf8"),
) as { cases: Case[] };
const NOW = new Date("2026-04-01T15:00:00Z");

/** Every identifier of the case still in the text (whole words, any case). */
function leftIn(text: string, c: Case): string[] {
  const lower = text.toLowerCase();
  return c.identifiers.filter((id) =>
    new RegExp(`(?<![\\p{L}\\d])${id.toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?![\\p{L}\\d])`, "u").test(
      lower,
    ),
  );
}

describe("the PHI corpus", () => {
  it("holds at least 200 reasons, half of them with identifiers", () => {
    expect(cases.length).toBeGreaterThanOrEqual(200);
    expect(cases.filter((c) => c.identifiers.length > 0).length).toBeGreaterThanOrEqual(100);
  });

  it("leaves no identifier in any cleaned reason and keeps every eponym and clinical term as written", () => {
    const problems: string[] = [];
    for (const c of cases) {
      const cleaned = cleanFreeText(c.reason, { patientNames: [c.patient] });
      const left = leftIn(cleaned, c);
      if (left.length) problems.push(`${c.reason} → ${cleaned}: left ${left.join(", ")}`);
      for (const term of c.keep) if (!cleaned.includes(term)) problems.push(`${c.reason} → ${cleaned}: lost ${term}`);
    }
    expect(problems).toEqual([]);
  });

  it("removes the patient's own identifiers as the source sent them, wherever and however cased they appear", () => {
    const cleaned = cleanFreeText("knee pain, chart ab12cd34 seen 1950-01-02", {
      patientIdentifiers: ["AB12CD34", "1950-01-02", "x1"],
    });
    expect(cleaned).toBe("knee pain, chart [removed] seen [removed]");
  });

  it("writes no identifier in a log line, whatever free-text field the call carries", () => {
    const lines: string[] = [];
    const sink = new Writable({
      write(chunk, _enc, done) {
        lines.push(String(chunk));
        done();
      },
    });
    const logger = createLogger("info", sink);
    for (const c of cases) {
      logger.info({ reason: c.reason, referral: { reason: c.reason, note: c.reason, text: c.reason } }, "imported");
    }
    const problems = cases.flatMap((c) => lines.flatMap((line) => leftIn(line, c).map((id) => `${id} in ${line}`)));
    expect(problems.slice(0, 5)).toEqual([]);
    expect(lines).toHaveLength(cases.length);
  });

  describe("through a real import and the digest", () => {
    let app: TestApp;
    beforeAll(async () => {
      app = await createTestApp({ now: NOW });
    });
    afterAll(async () => app?.close());

    it("shows no identifier in the digest that reaches chat, nor in a stored reason, and keeps the case", async () => {
      const problems: string[] = [];
      let markers = 0;
      // Ten referrers a practice, one reason each: every reason gets a line of its own in the digest.
      for (let start = 0; start < cases.length; start += 10) {
        const chunk = cases.slice(start, start + 10);
        const practice = await app.repos.practices.create({ name: `Corpus ${start}`, timeZone: "America/New_York" });
        const header = "Referral ID,Referral Date,Referring Provider,Patient Name,MRN,Reason";
        const rows = chunk.map((c, i) =>
          [`R-${start + i}`, "03/31/2026", `Dr. Ref${start + i} Lee`, c.patient, `00${start + i}4821`, c.reason]
            .map(csvField)
            .join(","),
        );
        const { Readable } = await import("node:stream");
        const summary = await importReferralsCsv(
          app.importStore,
          practice,
          Readable.from([`${[header, ...rows].join("\n")}\n`]),
          {
            now: NOW,
          },
        );
        expect(summary.rejected).toEqual([]);
        const stored = await app.db.prisma.referral.findMany({ where: { practiceId: practice.id } });
        const full = await app.repos.practices.findById(practice.id);
        const digest = await buildDailyDigest(app.digestData, full!, "2026-04-01", {
          now: NOW,
          since: new Date("2026-03-01T00:00:00Z"),
        });
        const chat = JSON.stringify(renderDigest(digest));
        markers += chat.split("[removed]").length - 1;
        for (const c of chunk) {
          for (const id of leftIn(chat, c)) problems.push(`chat shows ${id} of ${c.reason}`);
          for (const s of stored)
            for (const id of leftIn(s.reason ?? "", c)) problems.push(`stored ${id}: ${s.reason}`);
          // The digest cuts a reason at 40 characters; the start of each kept term is there, case as written.
          for (const term of c.keep) {
            if (!chat.includes(term.slice(0, 12)) && c.identifiers.length === 0) problems.push(`chat lost ${term}`);
          }
        }
      }
      expect(problems).toEqual([]);
      // The reasons did reach the digest: most of those with identifiers show where one was taken out.
      expect(markers).toBeGreaterThan(80);
    }, 60_000);
  });
});
