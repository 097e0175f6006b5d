// `referral-nudge import <file.csv> [--rejects out.csv] [--date-order mdy|dmy]`: imports a referral report
// and prints what happened. Rejected rows do not make the command fail (the good rows are in); a file it
// cannot import at all (missing columns, a batch the database refused) does, with exit code 1.
import { z } from "zod/v4";
import type { Practice } from "../../core/model.ts";
import type { Clock, ImportStore } from "../../core/ports.ts";
import type { DateOrder } from "../../import/dates.ts";
import { ImportError } from "../../import/import-error.ts";
import { importReferralsCsv } from "../../import/import-referrals.ts";
import { formatImportSummary } from "../../import/import-summary.ts";
import { ReadingWorker } from "../../import/read-rows-in-worker.ts";
import { writeRejectsFile } from "../../import/rejects-file.ts";

export interface ImportCommandArgs {
  file: string;
  /** Write every rejected row, with its line and reason, to this CSV. */
  rejects?: string;
  /** How to read 03/04/2026: "mdy" (US) or "dmy"; by default the file decides. */
  dateOrder?: string;
}

export interface ImportCommandDeps {
  importStore: ImportStore;
  practice: Practice;
  clock?: Clock;
  /** The file's reader, when startReading started one before the database opened. */
  reader?: ReadingWorker | null;
  /** Where the summary goes (stdout by default) and where errors go (stderr by default). */
  print?: (line: string) => void;
  printError?: (line: string) => void;
}

const ZDateOrder = z.enum(["mdy", "dmy"]);
const isDateOrder = (order: string | undefined): order is DateOrder => ZDateOrder.safeParse(order).success;

/** What is wrong with a typed --date-order, said with what to type instead; null when it is fine or not given. */
export function dateOrderProblem(order: string | undefined): string | null {
  if (order === undefined || isDateOrder(order)) return null;
  return `--date-order must be mdy (03/04/2026 is March 4) or dmy (03/04/2026 is 3 April), not "${order}".`;
}

/**
 * Starts reading a large file before anything else, so the worker's start-up runs beside the opening of
 * the database; null for a small file, which is read where it is imported.
 */
export function startReading(file: string, dateOrder: string | undefined): ReadingWorker | null {
  return ReadingWorker.forLargeFile(file, { scanDates: !isDateOrder(dateOrder) });
}

/** Runs the import and prints the summary; returns the exit code (and sets process.exitCode on failure). */
export async function importCommand(args: ImportCommandArgs, deps: ImportCommandDeps): Promise<number> {
  const print = deps.print ?? ((line: string) => console.log(line));
  const printError = deps.printError ?? ((line: string) => console.error(line));
  const fail = (message: string) => {
    printError(message);
    process.exitCode = 1;
    return 1;
  };
  const problem = dateOrderProblem(args.dateOrder);
  if (problem) return fail(problem);
  const dateOrder = isDateOrder(args.dateOrder) ? args.dateOrder : null;
  try {
    const summary = await importReferralsCsv(deps.importStore, deps.practice, deps.reader ?? args.file, {
      ...(deps.clock ? { now: deps.clock.now() } : {}),
      ...(dateOrder ? { dateOrder } : {}),
      progress: true,
    });
    // Written even when empty, so a rejects file from an earlier run is never mistaken for this one's.
    if (args.rejects) await writeRejectsFile(args.rejects, summary);
    for (const line of formatImportSummary(summary, { rejectsFile: args.rejects ?? null })) print(line);
    return 0;
  } catch (error) {
    if (!(error instanceof ImportError)) throw error;
    if (error.partial) {
      for (const line of formatImportSummary(error.partial, { maxRejections: 10 })) print(line);
    }
    return fail(error.message);
  }
}
