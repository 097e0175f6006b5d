// What an import did, as data (for tests, the benchmark and the audit row) and as lines a person reads.
import type { DateOrder } from "./dates.ts";

export interface ImportRejection {
  /** The file's line, counting the header as line 1. */
  line: number;
  reason: string;
  /** The row's cells for `ImportSummary.rejectColumns` (patient columns left out), for --rejects. */
  values: string[];
}

export interface ImportSummary {
  /** The file's name, or "(stream)". */
  source: string;
  /** Data rows read (blank lines and the header not counted). */
  rowsRead: number;
  /** Referrals new to the practice. */
  imported: number;
  /** Referrals already stored whose status, dates, reason or referrer changed. */
  updated: number;
  unchanged: number;
  /** Every rejected row with its line and reason, in line order. */
  rejected: ImportRejection[];
  referrersCreated: number;
  /** Headers of the columns kept with each rejection (every column but the patient ones and the MRN). */
  rejectColumns: string[];
  /** Columns ignored because they name a patient. */
  patientNameColumns: string[];
  /** Columns ignored because they hold other patient details (birth date, contact). */
  patientDetailColumns: string[];
  /** Columns the import does not use. */
  unusedColumns: string[];
  /** Things the reader should know: how dates were read, visit dates that were guessed. */
  notes: string[];
  delimiter: string;
  dateOrder: DateOrder;
  durationMs: number;
}

const DELIMITER_NAMES: Record<string, string> = { ",": "comma", ";": "semicolon", "\t": "tab" };

function count(n: number): string {
  return n.toLocaleString("en-US");
}

/** The summary as lines for the terminal; at most `maxRejections` rejections are listed. */
export function formatImportSummary(
  summary: ImportSummary,
  opts: { maxRejections?: number; rejectsFile?: string | null } = {},
): string[] {
  const max = opts.maxRejections ?? 50;
  const rows: Array<[string, number]> = [
    ["rows read", summary.rowsRead],
    ["imported (new)", summary.imported],
    ["updated", summary.updated],
    ["unchanged", summary.unchanged],
    ["rejected", summary.rejected.length],
  ];
  const width = Math.max(...rows.map(([, n]) => count(n).length));
  const lines = [
    `Imported ${summary.source} (${DELIMITER_NAMES[summary.delimiter] ?? summary.delimiter}-separated) in ${(summary.durationMs / 1000).toFixed(1)} s`,
    ...rows.map(([label, n]) => `  ${label.padEnd(15)} ${count(n).padStart(width)}`),
  ];
  if (summary.referrersCreated > 0) {
    lines.push(`  new referrers: ${count(summary.referrersCreated)}`);
  }
  const patient = [...summary.patientNameColumns, ...summary.patientDetailColumns];
  if (patient.length > 0) {
    const what =
      summary.patientDetailColumns.length === 0
        ? "patient names are never stored"
        : summary.patientNameColumns.length === 0
          ? "patient details are never stored"
          : "patient names and other patient details are never stored";
    lines.push(`ignored columns: ${patient.join(", ")} — ${what}`);
  }
  if (summary.unusedColumns.length > 0) {
    lines.push(`not imported (no use for them): ${summary.unusedColumns.join(", ")}`);
  }
  for (const note of summary.notes) lines.push(note);
  if (summary.rejected.length > 0) {
    lines.push("Rejected rows (the good rows were imported):");
    for (const r of summary.rejected.slice(0, max)) lines.push(`  line ${r.line}: ${r.reason}`);
    const more = summary.rejected.length - max;
    if (more > 0) {
      lines.push(
        opts.rejectsFile
          ? `  …and ${count(more)} more (all ${count(summary.rejected.length)} are in ${opts.rejectsFile})`
          : `  …and ${count(more)} more (use --rejects rejected.csv to write them all to a file)`,
      );
    } else if (opts.rejectsFile) {
      lines.push(`  (also written to ${opts.rejectsFile})`);
    }
  }
  return lines;
}
