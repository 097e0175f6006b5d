// Reads a large report in a worker thread while this thread writes to the database. Reading and checking
// rows (CSV parsing, validation) and writing them (SQLite runs on the calling thread) each take about half
// of an import's time, so on two cores doing them side by side nearly halves it.
import { Worker } from "node:worker_threads";
import { scanDateOrder } from "./csv-source.ts";
import { ImportError, type ImportErrorCode } from "./import-error.ts";
import type { ReadOptions, RowEvent } from "./read-rows.ts";

type WorkerMessage = RowEvent | { kind: "error"; code: string | null; message: string };

/** The same events as readReferralRows(path, options), produced in a worker thread. */
export async function* readReferralRowsInWorker(path: string, options: ReadOptions): AsyncGenerator<RowEvent> {
  const worker = new Worker(new URL("./read-rows-worker.mjs", import.meta.url), {
    workerData: {
      input: path,
      options,
      awaitEvidence: !options.dateOrder,
      readerUrl: new URL("./read-rows.ts", import.meta.url).href,
    },
    // Room for the short-lived objects of parsing (a few per cell): a quarter less time collecting them.
    resourceLimits: { maxYoungGenerationSizeMb: 192 },
  });
  const queue: WorkerMessage[] = [];
  let failure: Error | null = null;
  let exited = false;
  let wake: (() => void) | null = null;
  worker.on("message", (message: WorkerMessage) => {
    queue.push(message);
    wake?.();
  });
  worker.on("error", (error) => {
    failure = error;
    wake?.();
  });
  worker.on("exit", () => {
    exited = true;
    wake?.();
  });
  // The pass over the whole file for its date order runs here while the worker starts up, rather
  // than in the worker after it: a quarter of a second off the time to the first rows.
  if (!options.dateOrder) {
    scanDateOrder(path).then(
      (evidence) => worker.postMessage({ kind: "evidence", evidence }),
      (error: Error) => {
        failure = error;
        wake?.();
      },
    );
  }
  try {
    for (;;) {
      while (queue.length === 0) {
        if (failure) throw failure;
        if (exited) throw new Error("The worker reading the file stopped before the end of the file");
        await new Promise<void>((done) => {
          wake = done;
        });
        wake = null;
      }
      const message = queue.shift()!;
      if (message.kind === "error") {
        throw message.code?.startsWith("IMPORT_")
          ? new ImportError(message.code as ImportErrorCode, message.message)
          : new Error(message.message);
      }
      yield message;
      if (message.kind === "rows") worker.postMessage("ack");
      if (message.kind === "end") return;
    }
  } finally {
    await worker.terminate();
  }
}
