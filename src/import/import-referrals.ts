// Imports a referral report (CSV) as an EHR or referral system exports it. Rows are read as a stream and
// checked one by one (read-rows.ts; a bad row is listed with its line and reason and never stops the good
// ones), then written in batches: one query finds which referrals of the batch are stored already, new
// ones go in with one bulk insert (bulk-rows.ts), changed ones with one bulk update, unchanged ones are
// left alone. Each batch is one transaction, so a failure leaves the database as it was before that
// batch, and the run stops there. A large file is read in a worker thread while this one writes.
// Referrer figures are refreshed once at the end for every referrer touched, and the import is one
// audit event, not one per row. Importing the same file twice changes nothing.
import { stat } from "node:fs/promises";
import { basename } from "node:path";
import type { Readable } from "node:stream";
import type { Actor, Practice, ReferralStatus } from "../core/model.ts";
import { newId } from "../core/new-id.ts";
import type { ImportStore, ReferralRow, StoredReferral } from "../core/ports.ts";
import type { DateOrder } from "./dates.ts";
import { ImportError } from "./import-error.ts";
import type { ImportSummary } from "./import-summary.ts";
import { createProgressBar } from "./progress-bar.ts";
import { type PendingRow, type ReadOptions, type RowEvent, readReferralRows } from "./read-rows.ts";
import { ReadingWorker, WORKER_MIN_BYTES } from "./read-rows-in-worker.ts";
import type { TReferralRow } from "./referral-row.ts";
import { ReferrerDirectory } from "./referrer-directory.ts";

/**
 * Rows per transaction. On SQLite a commit writes every index page the batch touched, and a referral's
 * indexes by referrer and by date are touched all over, so fewer, larger batches write less (measured on
 * 100,000 rows: batches of 25,000 spent a third of the commit time of batches of 5,000). But the last
 * batch is written after the reading ends, with nothing beside it, so not too large either.
 */
export const DEFAULT_BATCH_SIZE = 10_000;
/** A first batch this small gets the writes going while the reader is still at the top of the file. */
const FIRST_BATCH_SIZE = 2_000;

export interface ImportProgress {
  bytesRead: number;
  /** Null when reading a stream of unknown size. */
  totalBytes: number | null;
  rowsRead: number;
}

export interface BatchInfo {
  /** 0 for the first batch. */
  index: number;
  firstLine: number;
  lastLine: number;
  rows: number;
}

export interface ImportOptions {
  /** "Now" for "not in the future", stats and audit; defaults to the clock. */
  now?: Date;
  /** How to read 03/04/2026; by default the file decides (see dates.ts). */
  dateOrder?: DateOrder;
  batchSize?: number;
  /** Who imports, for the audit row; defaults to the CLI. */
  actor?: Actor;
  /** Name for the summary and audit when the input is a stream. */
  sourceName?: string;
  /** Read in a worker thread beside the writes; by default for files of a megabyte or more. */
  worker?: boolean;
  /** Draw a progress bar on stderr for a large file when stderr is a terminal (the CLI does). */
  progress?: boolean;
  onProgress?: (progress: ImportProgress) => void;
  /** Runs inside each batch's transaction after its writes: throwing rolls that batch back (tests use it). */
  afterBatchWrite?: (batch: BatchInfo) => void | Promise<void>;
}

const sameTime = (a: Date | null, b: Date | null) => (a?.getTime() ?? null) === (b?.getTime() ?? null);

/** A file by its path, a stream, or a file a worker was started for already (ReadingWorker.forLargeFile). */
export type ImportInput = string | Readable | ReadingWorker;

/** Imports one CSV report into the practice and says what happened. */
export async function importReferralsCsv(
  store: ImportStore,
  practice: Pick<Practice, "id" | "timeZone">,
  input: ImportInput,
  opts: ImportOptions = {},
): Promise<ImportSummary> {
  const started = performance.now();
  const now = opts.now ?? new Date();
  const actor: Actor = opts.actor ?? {
    practiceId: practice.id,
    memberId: null,
    name: "cli",
    channel: "import",
    role: null,
  };
  const readOptions: ReadOptions = {
    zone: practice.timeZone,
    now,
    batchSize: Math.max(1, opts.batchSize ?? DEFAULT_BATCH_SIZE),
    firstBatchSize: Math.max(1, opts.batchSize ?? FIRST_BATCH_SIZE),
    ...(opts.dateOrder ? { dateOrder: opts.dateOrder } : {}),
  };
  const path = input instanceof ReadingWorker ? input.path : typeof input === "string" ? input : null;
  const size = path === null ? null : await fileSize(path);
  const events = rowEventsOf(input, size, readOptions, opts.worker)[Symbol.asyncIterator]();

  // The referrer list loads while the reader starts (a worker takes a moment to boot).
  const loading = ReferrerDirectory.load(store, practice.id);
  loading.catch(() => {});
  try {
    const first = await events.next();
    if (first.done || first.value.kind !== "start") throw new Error("The reader did not start with the header");
    const start = first.value;
    const summary: ImportSummary = {
      source: path !== null ? basename(path) : (opts.sourceName ?? "(stream)"),
      rowsRead: 0,
      imported: 0,
      updated: 0,
      unchanged: 0,
      rejected: [],
      referrersCreated: 0,
      rejectColumns: start.rejectColumns,
      patientNameColumns: start.header.patientNameColumns,
      patientDetailColumns: start.header.patientDetailColumns,
      unusedColumns: start.header.unusedColumns,
      notes: [],
      delimiter: start.delimiter,
      dateOrder: start.choice.order,
      durationMs: 0,
    };
    const directory = await loading;
    const affected = new Set<string>();
    const bar = opts.progress ? createProgressBar(start.totalBytes) : null;
    let batchIndex = 0;

    /** The batch was rolled back; what earlier batches saved stays, with its figures and its audit row. */
    const batchFailed = async (info: BatchInfo, error: unknown) => {
      summary.rejected.sort((x, y) => x.line - y.line);
      summary.durationMs = performance.now() - started;
      let statsNote = "";
      try {
        await finish(store, practice.id, affected, summary, actor, now, error);
      } catch {
        statsNote = " (the referrer figures could not be refreshed either: the next import or touch will do it)";
      }
      const kept = summary.imported + summary.updated;
      const before =
        kept > 0
          ? `The ${kept.toLocaleString("en-US")} referrals before line ${info.firstLine} were saved${statsNote}; `
          : "";
      return new ImportError(
        "IMPORT_BATCH_FAILED",
        `Lines ${info.firstLine}–${info.lastLine} could not be saved (${errorText(error)}), so nothing from them was ` +
          `kept and the import stopped there. ${before}fix the problem and import the file again: rows already saved ` +
          "are recognised and left as they are.",
        summary,
        { cause: error },
      );
    };

    let end: Extract<RowEvent, { kind: "end" }> | null = null;
    try {
      for (;;) {
        const next = await events.next();
        if (next.done) break;
        const event = next.value;
        summary.rowsRead = event.kind === "start" ? summary.rowsRead : event.rowsRead;
        if (event.kind === "end") {
          end = event;
          break;
        }
        if (event.kind !== "rows") continue;
        for (const r of event.rejected) summary.rejected.push(r);
        if (event.rows.length > 0) {
          const rows = event.rows;
          const info: BatchInfo = {
            index: batchIndex++,
            firstLine: rows[0]!.line,
            lastLine: rows.at(-1)!.line,
            rows: rows.length,
          };
          try {
            const result = await writeBatch(store, practice.id, rows, directory, now, info, opts.afterBatchWrite);
            summary.imported += result.imported;
            summary.updated += result.updated;
            summary.unchanged += result.unchanged;
            summary.referrersCreated += result.referrersCreated;
            for (const id of result.affected) affected.add(id);
          } catch (error) {
            throw await batchFailed(info, error);
          }
        }
        const progress = { bytesRead: event.bytesRead, totalBytes: start.totalBytes, rowsRead: event.rowsRead };
        bar?.update(progress);
        opts.onProgress?.(progress);
      }
    } finally {
      bar?.stop();
    }

    if (start.preamble > 0) {
      const n = start.preamble;
      summary.notes.push(`The first ${n} line${n === 1 ? " was" : "s were"} above the header and skipped.`);
    }
    const { choice } = start;
    if (choice.why && (!choice.assumed || (end?.ambiguousDates ?? 0) > 0)) summary.notes.push(choice.why);
    const guessed = end?.guessedVisits ?? 0;
    if (guessed > 0) {
      summary.notes.push(
        `${guessed.toLocaleString("en-US")} referral${guessed === 1 ? " was" : "s were"} marked seen with no seen ` +
          "date: the appointment date (or else the referral date) was taken as the visit date.",
      );
    }
    summary.rejected.sort((x, y) => x.line - y.line);
    await finish(store, practice.id, affected, summary, actor, now, null);
    summary.durationMs = performance.now() - started;
    return summary;
  } finally {
    // Stops the reader (and its worker) when the import ends early.
    await events.return?.(undefined);
  }
}

/** Where the rows come from: a worker thread for a large file (or the one started for it already), else right here. */
function rowEventsOf(
  input: ImportInput,
  size: number | null,
  options: ReadOptions,
  worker: boolean | undefined,
): AsyncIterable<RowEvent> {
  if (input instanceof ReadingWorker) return input.read(options);
  if (typeof input === "string" && (worker ?? (size !== null && size >= WORKER_MIN_BYTES))) {
    return new ReadingWorker(input, { scanDates: !options.dateOrder }).read(options);
  }
  return readReferralRows(input, options);
}

async function fileSize(path: string): Promise<number> {
  try {
    return (await stat(path)).size;
  } catch (error) {
    throw new ImportError("IMPORT_FILE_NOT_FOUND", `There is no file at ${path}.`, undefined, { cause: error });
  }
}

async function writeBatch(
  store: ImportStore,
  practiceId: string,
  rows: PendingRow[],
  directory: ReferrerDirectory,
  now: Date,
  info: BatchInfo,
  afterBatchWrite: ImportOptions["afterBatchWrite"],
) {
  // Referrers are resolved in memory before the transaction opens, so the lock is held only for writing.
  const referrerIds = rows.map(({ row }) => directory.resolve(row));
  const { creates, patches } = directory.takeChanges();
  // Only referrers whose referrals change need their figures refreshed (and new ones, to fill theirs in).
  const affected = new Set<string>(creates.map((c) => c.id));
  let imported = 0;
  let updated = 0;

  await store.inBatch(async (batch) => {
    await batch.insertReferrers(
      creates.map((c) => ({ ...c, phone: null, status: "active", createdAt: now, updatedAt: now })),
    );
    for (const patch of patches) await batch.fillInReferrer(patch.id, patch.data);

    const stored = await batch.findReferrals(
      practiceId,
      rows.map(({ row }) => row.sourceId),
    );
    const bySourceId = new Map(stored.map((s) => [s.sourceId, s]));
    const inserts: ReferralRow[] = [];
    const updates: (StoredReferral & { updatedAt: Date })[] = [];
    for (let i = 0; i < rows.length; i++) {
      const { row } = rows[i]!;
      const referrerId = referrerIds[i]!;
      const existing = bySourceId.get(row.sourceId);
      if (!existing) {
        inserts.push({
          id: newId(),
          practiceId,
          referrerId,
          sourceId: row.sourceId,
          receivedAt: row.receivedAt,
          reason: row.reason,
          specialty: row.specialty,
          status: row.status,
          scheduledAt: row.scheduledAt,
          seenAt: row.seenAt,
          loopClosedAt: row.status === "loop_closed" ? row.seenAt : null,
          cancelledAt: row.status === "cancelled" ? now : null,
          patientRef: row.patientRef,
          reportSentAt: null,
          createdAt: now,
          updatedAt: now,
        });
        affected.add(referrerId);
        continue;
      }
      const changes = changesFor(existing, row, referrerId, now);
      if (changes) {
        updates.push({ ...existing, ...changes, updatedAt: now });
        affected.add(existing.referrerId);
        affected.add(referrerId);
      }
    }
    // In date order, the index by practice and date is written in one sweep rather than all over.
    inserts.sort((a, b) => a.receivedAt.getTime() - b.receivedAt.getTime());
    await batch.insertReferrals(inserts);
    await batch.updateReferrals(updates);
    imported = inserts.length;
    updated = updates.length;
    await afterBatchWrite?.(info);
  });

  return { imported, updated, unchanged: rows.length - imported - updated, referrersCreated: creates.length, affected };
}

/**
 * What to change on a stored referral, or null. An empty cell never erases what is stored, and a file
 * that says nothing about where a referral stands leaves its status alone. A loop closed here stays
 * closed when the source system (which does not know about our calls) still says "seen".
 */
export function changesFor(
  existing: StoredReferral,
  row: TReferralRow,
  referrerId: string,
  now: Date,
): Partial<StoredReferral> | null {
  const data: Partial<StoredReferral> = {};
  if (existing.referrerId !== referrerId) data.referrerId = referrerId;
  if (!sameTime(existing.receivedAt, row.receivedAt)) data.receivedAt = row.receivedAt;
  if (row.reason !== null && row.reason !== existing.reason) data.reason = row.reason;
  if (row.specialty !== null && row.specialty !== existing.specialty) data.specialty = row.specialty;
  if (row.patientRef !== null && row.patientRef !== existing.patientRef) data.patientRef = row.patientRef;
  if (row.scheduledAt && !sameTime(existing.scheduledAt, row.scheduledAt)) data.scheduledAt = row.scheduledAt;
  if (row.seenAt && !row.seenAtGuessed && !sameTime(existing.seenAt, row.seenAt)) data.seenAt = row.seenAt;
  if (row.statusStated) {
    const next: ReferralStatus =
      existing.status === "loop_closed" && row.status === "seen" ? "loop_closed" : row.status;
    if (next !== existing.status) {
      data.status = next;
      const visited = next === "seen" || next === "loop_closed";
      if (visited && !existing.seenAt && data.seenAt === undefined) data.seenAt = row.seenAt;
      if (next === "loop_closed" && !existing.loopClosedAt) data.loopClosedAt = data.seenAt ?? existing.seenAt ?? now;
      if (next === "cancelled" && !existing.cancelledAt) data.cancelledAt = now;
      if (next !== "cancelled" && existing.cancelledAt) data.cancelledAt = null;
    }
  }
  return Object.keys(data).length > 0 ? data : null;
}

/** Refreshes the figures of every referrer the import touched and records the import, in one transaction. */
async function finish(
  store: ImportStore,
  practiceId: string,
  affected: Set<string>,
  summary: ImportSummary,
  actor: Actor,
  now: Date,
  failure: unknown,
) {
  const changed = summary.imported + summary.updated + summary.referrersCreated;
  if (changed === 0 && affected.size === 0) return;
  await store.finish(actor, practiceId, [...affected], now, {
    action: "referral.import",
    entity: "referral",
    newValue: {
      source: summary.source,
      rowsRead: summary.rowsRead,
      imported: summary.imported,
      updated: summary.updated,
      unchanged: summary.unchanged,
      rejected: summary.rejected.length,
      referrersCreated: summary.referrersCreated,
      ...(failure ? { stoppedBy: errorText(failure) } : {}),
    },
  });
}

function errorText(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  // Prisma's messages open with a call-site excerpt; the last line says what went wrong.
  return (
    text
      .split("\n")
      .map((l) => l.trim())
      .filter(Boolean)
      .at(-1) ?? text
  );
}
