// Reading a referral report: CSV records → checked rows in batches, with every bad row set aside with its
// line and reason. No database here, so the same reading runs in the importing thread or, for a large
// file, in a worker thread beside it (read-rows-in-worker.ts) while the importing thread writes.
import type { Readable } from "node:stream";
import { cleanFreeText } from "../core/phi/clean-free-text.ts";
import { type CsvRecord, type Delimiter, openCsvSource, scanDateOrder } from "./csv-source.ts";
import {
  chooseDateOrder,
  collectDateOrderEvidence,
  createDateReader,
  type DateOrder,
  type DateOrderChoice,
  type DateOrderEvidence,
  emptyEvidence,
} from "./dates.ts";
import { describeMissingColumns, type HeaderMap, mapHeaders } from "./header-map.ts";
import { ImportError } from "./import-error.ts";
import type { ImportRejection } from "./import-summary.ts";
import { createZReferralRow, patientNameCells, rawRowOf, rejectionReason, type TReferralRow } from "./referral-row.ts";

/** Rows before the header that a report may carry (a title, a "generated on" line). */
const MAX_PREAMBLE_LINES = 10;

export interface ReadOptions {
  /** The practice's zone: dates without one are wall-clock times there. */
  zone: string;
  now: Date;
  /** How to read 03/04/2026; by default the file decides (see dates.ts). */
  dateOrder?: DateOrder;
  /** What a scan of the whole file found about its dates, when the caller has scanned it already. */
  dateEvidence?: DateOrderEvidence;
  /** Good rows per "rows" event: one event is one batch for the database. */
  batchSize: number;
  /** Good rows in the first "rows" event; batchSize when not given. */
  firstBatchSize?: number;
}

export interface PendingRow {
  line: number;
  row: TReferralRow;
}

export type RowEvent =
  | {
      kind: "start";
      header: HeaderMap;
      /** Lines above the header, skipped. */
      preamble: number;
      delimiter: Delimiter;
      choice: DateOrderChoice;
      totalBytes: number | null;
      /** Headers of the columns kept with a rejection (all but the patient ones). */
      rejectColumns: string[];
    }
  | {
      kind: "rows";
      rows: PendingRow[];
      /** Rows rejected since the previous event. */
      rejected: ImportRejection[];
      /** So far, for progress. */
      rowsRead: number;
      bytesRead: number;
    }
  | {
      kind: "end";
      rowsRead: number;
      bytesRead: number;
      /** Rows with a date such as 03/04/2026, read by the file's order. */
      ambiguousDates: number;
      /** Rows marked seen without a seen date. */
      guessedVisits: number;
    };

/** Every event of reading `input`: one "start", "rows" per batch, one "end". Throws ImportError on a file it cannot read. */
export async function* readReferralRows(input: string | Readable, opts: ReadOptions): AsyncGenerator<RowEvent> {
  const source = await openCsvSource(input);
  try {
    const choice: DateOrderChoice = opts.dateOrder
      ? { order: opts.dateOrder, why: null, assumed: false }
      : chooseDateOrder(
          opts.dateEvidence ??
            (typeof input === "string"
              ? await scanDateOrder(input)
              : collectDateOrderEvidence(source.head, emptyEvidence())),
        );
    const records = source.records[Symbol.asyncIterator]();
    const { header, preamble } = await findHeader(records);
    // A rejected row is kept for --rejects without its patient columns (names, details, the record number),
    // and with its free text (reason, specialty, columns we do not know) cleaned as a stored reason is.
    const patientColumns = new Set([...header.patientNameColumns, ...header.patientDetailColumns]);
    const mrnColumn = header.columns.patientRef;
    const keptColumns = header.headers
      .map((h, i) => (patientColumns.has(h) || i === mrnColumn ? -1 : i))
      .filter((i) => i >= 0);
    const freeText = new Set<number>(
      [header.columns.reason, header.columns.specialty, header.columns.referrerSpecialty].filter(
        (i): i is number => i !== undefined,
      ),
    );
    header.headers.forEach((h, i) => {
      if (header.unusedColumns.includes(h)) freeText.add(i);
    });
    yield {
      kind: "start",
      header,
      preamble,
      delimiter: source.delimiter,
      choice,
      totalBytes: source.totalBytes,
      rejectColumns: keptColumns.map((i) => header.headers[i]!),
    };

    const schema = createZReferralRow({
      labels: header.labels,
      readDate: createDateReader(opts.zone, choice.order),
      order: choice.order,
      now: opts.now,
    });
    const width = header.headers.length;
    const firstLineOf = new Map<string, number>();
    let rows: PendingRow[] = [];
    let rejected: ImportRejection[] = [];
    let rowsRead = 0;
    let ambiguousDates = 0;
    let guessedVisits = 0;
    let batches = 0;
    const reject = (line: number, reason: string, values: readonly string[] = []) => {
      const patientNames = patientNameCells(values, header);
      const cell = (i: number) => {
        const value = values[i] ?? "";
        return freeText.has(i) ? cleanFreeText(value, { patientNames }) : value;
      };
      rejected.push({ line, reason, values: keptColumns.map(cell) });
    };

    for (;;) {
      const next = await records.next();
      if (next.done) break;
      const record: CsvRecord = next.value;
      rowsRead++;
      if (record.error !== undefined) {
        reject(record.line, record.error);
        continue;
      }
      const values = record.values;
      if (values.length > width && values.slice(width).some((v) => v.trim() !== "")) {
        reject(
          record.line,
          `has ${values.length} values but the header has ${width} (is a comma inside a value not in quotes?)`,
          values,
        );
        continue;
      }
      const parsed = schema.safeParse(rawRowOf(values, header));
      if (!parsed.success) {
        reject(record.line, rejectionReason(parsed.error), values);
        continue;
      }
      const row = parsed.data;
      const earlier = firstLineOf.get(row.sourceId);
      if (earlier !== undefined) {
        reject(record.line, `${header.labels.sourceId} "${row.sourceId}" already appeared on line ${earlier}`, values);
        continue;
      }
      firstLineOf.set(row.sourceId, record.line);
      if (row.ambiguousDate) ambiguousDates++;
      if (row.seenAtGuessed) guessedVisits++;
      rows.push({ line: record.line, row });
      if (rows.length >= (batches === 0 ? (opts.firstBatchSize ?? opts.batchSize) : opts.batchSize)) {
        batches++;
        yield { kind: "rows", rows, rejected, rowsRead, bytesRead: source.bytesRead() };
        rows = [];
        rejected = [];
      }
    }
    if (rows.length > 0) yield { kind: "rows", rows, rejected, rowsRead, bytesRead: source.bytesRead() };
    else if (rejected.length > 0) yield { kind: "rows", rows: [], rejected, rowsRead, bytesRead: source.bytesRead() };
    yield { kind: "end", rowsRead, bytesRead: source.bytesRead(), ambiguousDates, guessedVisits };
  } finally {
    source.close();
  }
}

/** The header is the first row that names every required column, within the first few lines. */
async function findHeader(records: AsyncIterator<CsvRecord>): Promise<{ header: HeaderMap; preamble: number }> {
  let first: HeaderMap | null = null;
  for (let seen = 0; seen <= MAX_PREAMBLE_LINES; seen++) {
    const next = await records.next();
    if (next.done) break;
    if (next.value.error !== undefined) continue;
    const header = mapHeaders(next.value.values);
    if (header.missing.length === 0) return { header, preamble: next.value.line - 1 };
    first ??= header;
  }
  if (!first) throw new ImportError("IMPORT_EMPTY_FILE", "The file has no rows: not even a header row.");
  throw new ImportError("IMPORT_MISSING_COLUMNS", describeMissingColumns(first)!);
}
