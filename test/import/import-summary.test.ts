import { describe, expect, it } from "vitest";
import { formatImportSummary, type ImportSummary } from "../../src/import/import-summary.ts";
import { rejectsCsv } from "../../src/import/rejects-file.ts";

const summary = (rejected: number): ImportSummary => ({
  source: "referrals.csv",
  rowsRead: 1200 + rejected,
  imported: 1000,
  updated: 150,
  unchanged: 50,
  rejected: Array.from({ length: rejected }, (_, i) => ({
    line: i + 2,
    reason: `Referral ID is empty`,
    values: ["", "2026-03-01"],
  })),
  referrersCreated: 0,
  rejectColumns: ["Referral ID", "Referral Date"],
  patientNameColumns: ["Patient Name"],
  patientDetailColumns: [],
  unusedColumns: ["Insurance"],
  notes: [],
  delimiter: ";",
  dateOrder: "mdy",
  durationMs: 1234,
});

describe("the import summary", () => {
  it("lines up the counts and says which columns were left out and why", () => {
    expect(formatImportSummary(summary(0))).toEqual([
      "Imported referrals.csv (semicolon-separated) in 1.2 s",
      "  rows read       1,200",
      "  imported (new)  1,000",
      "  updated           150",
      "  unchanged          50",
      "  rejected            0",
      "ignored columns: Patient Name — patient names are never stored",
      "not imported (no use for them): Insurance",
    ]);
  });

  it("lists at most 50 rejections and points to --rejects for the rest", () => {
    const lines = formatImportSummary(summary(75));
    expect(lines.filter((l) => l.startsWith("  line "))).toHaveLength(50);
    expect(lines.at(-1)).toBe("  …and 25 more (use --rejects rejected.csv to write them all to a file)");
    expect(formatImportSummary(summary(75), { rejectsFile: "out.csv" }).at(-1)).toBe(
      "  …and 25 more (all 75 are in out.csv)",
    );
  });

  it("writes rejections as CSV a spreadsheet opens, quoting what needs quotes", () => {
    const text = rejectsCsv({
      rejectColumns: ["Referral ID", "Reason"],
      rejected: [{ line: 7, reason: 'Status "Maybe" is not a status I know', values: ["R-7", "knee, left"] }],
    });
    expect(text).toBe(
      'Line,Reason,Referral ID,Reason\r\n7,"Status ""Maybe"" is not a status I know",R-7,"knee, left"\r\n',
    );
  });
});
