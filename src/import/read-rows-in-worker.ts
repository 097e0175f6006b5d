// Reads a large report in a worker thread while this thread writes to the database. Reading and checking
// rows (CSV parsing, validation) and writing them (SQLite runs on the calling thread) each take about half
// of an import's time, so on two cores doing them side by side nearly halves it.
//
// A worker takes about half a second to start (it loads the TypeScript loader and the reader), so it can
// be started before the import knows how to read the file: the CLI starts it first thing, and it boots
// while the database opens. It reads nothing until read() says how.
import { statSync } from "node:fs";
import { Worker } from "node:worker_threads";
import { scanDateOrder } from "./csv-source.ts";
import type { DateOrderEvidence } from "./dates.ts";
import { ImportError, type ImportErrorCode } from "./import-error.ts";
import type { ReadOptions, RowEvent } from "./read-rows.ts";

/** The reader beside this file: TypeScript when run from the sources, JavaScript in the compiled build. */
const READER_FILE = import.meta.url.endsWith(".ts") ? "./read-rows.ts" : "./read-rows.js";

type WorkerMessage = RowEvent | { kind: "error"; code: string | null; message: string };

/** From this size a file is read in a worker thread beside the writes; a smaller one is read faster than one starts. */
export const WORKER_MIN_BYTES = 1024 * 1024;

/** A worker thread for one file, started ahead of reading it. */
export class ReadingWorker {
  private readonly worker: Worker;
  private readonly queue: WorkerMessage[] = [];
  private failure: Error | null = null;
  private exited = false;
  private wake: (() => void) | null = null;
  private evidence: Promise<DateOrderEvidence> | null = null;
  private started = false;

  /**
   * A worker for the file at `path`, or null when the file is small (or not there: the import says so).
   * `scanDates` starts the pass over the whole file for its date order now, rather than when reading.
   */
  static forLargeFile(path: string, opts: { scanDates: boolean }): ReadingWorker | null {
    let size: number;
    try {
      size = statSync(path).size;
    } catch {
      return null;
    }
    return size >= WORKER_MIN_BYTES ? new ReadingWorker(path, opts) : null;
  }

  constructor(
    readonly path: string,
    opts: { scanDates: boolean },
  ) {
    this.worker = new Worker(new URL("./read-rows-worker.mjs", import.meta.url), {
      workerData: { input: path, readerUrl: new URL(READER_FILE, import.meta.url).href },
      // Room for the short-lived objects of parsing (a few per cell): a quarter less time collecting them.
      resourceLimits: { maxYoungGenerationSizeMb: 192 },
    });
    // Until it reads, the worker must not keep the process alive: a command that stops before its import
    // (no such practice) still exits.
    this.worker.unref();
    this.worker.on("message", (message: WorkerMessage) => {
      this.queue.push(message);
      this.wake?.();
    });
    this.worker.on("error", (error) => {
      this.failure = error;
      this.wake?.();
    });
    this.worker.on("exit", () => {
      this.exited = true;
      this.wake?.();
    });
    // The date-order pass runs in this thread, beside the worker's start-up rather than after it.
    if (opts.scanDates) this.scanDates();
  }

  private scanDates(): Promise<DateOrderEvidence> {
    if (!this.evidence) {
      this.evidence = scanDateOrder(this.path);
      this.evidence.catch(() => {});
    }
    return this.evidence;
  }

  /** The same events as readReferralRows(path, options), produced in the worker. Once per worker. */
  async *read(options: ReadOptions): AsyncGenerator<RowEvent> {
    if (this.started) throw new Error("A reading worker reads its file once");
    this.started = true;
    this.worker.ref();
    try {
      const dateEvidence = options.dateOrder || options.dateEvidence ? null : await this.scanDates();
      this.worker.postMessage({ kind: "read", options: dateEvidence ? { ...options, dateEvidence } : options });
      for (;;) {
        const message = await this.nextMessage();
        if (message.kind === "error") {
          throw message.code?.startsWith("IMPORT_")
            ? new ImportError(message.code as ImportErrorCode, message.message)
            : new Error(message.message);
        }
        yield message;
        if (message.kind === "rows") this.worker.postMessage("ack");
        if (message.kind === "end") return;
      }
    } finally {
      await this.close();
    }
  }

  private async nextMessage(): Promise<WorkerMessage> {
    while (this.queue.length === 0) {
      if (this.failure) throw this.failure;
      if (this.exited) throw new Error("The worker reading the file stopped before the end of the file");
      await new Promise<void>((done) => {
        this.wake = done;
      });
      this.wake = null;
    }
    return this.queue.shift()!;
  }

  /** Stops the worker, whether or not it read (safe to call more than once). */
  async close(): Promise<void> {
    await this.worker.terminate();
  }
}
