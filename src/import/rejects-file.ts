// `--rejects out.csv`: every rejected row with its line and reason, then its own cells, so the rows can be
// fixed in a spreadsheet and imported again. Patient columns are not in it: they were never kept.
import { writeFile } from "node:fs/promises";
import type { ImportSummary } from "./import-summary.ts";

/** One CSV field: quoted when it holds a delimiter, a quote or a line break. */
export function csvField(value: string | number): string {
  const text = String(value);
  return /[",;\t\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function rejectsCsv(summary: Pick<ImportSummary, "rejected" | "rejectColumns">): string {
  const lines = [["Line", "Reason", ...summary.rejectColumns].map(csvField).join(",")];
  for (const r of summary.rejected) lines.push([r.line, r.reason, ...r.values].map(csvField).join(","));
  return `${lines.join("\r\n")}\r\n`;
}

export async function writeRejectsFile(path: string, summary: Pick<ImportSummary, "rejected" | "rejectColumns">) {
  await writeFile(path, rejectsCsv(summary), "utf8");
}
