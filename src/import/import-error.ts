// Errors that stop an import as a whole, with a code a caller can branch on and a message a person can act on.
// A bad row is never one of these: it goes to the rejection list and the good rows carry on.
import type { ImportSummary } from "./import-summary.ts";

export type ImportErrorCode =
  | "IMPORT_FILE_NOT_FOUND"
  | "IMPORT_EMPTY_FILE"
  | "IMPORT_MISSING_COLUMNS"
  | "IMPORT_BATCH_FAILED"
  | "IMPORT_BAD_OPTION";

export class ImportError extends Error {
  constructor(
    readonly code: ImportErrorCode,
    message: string,
    /** What was committed before the failure (IMPORT_BATCH_FAILED only). */
    readonly partial?: ImportSummary,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = "ImportError";
  }
}
