// Worker thread entry for read-rows-in-worker.ts. Plain JavaScript because a worker starts without the
// TypeScript loader the main thread has: it registers tsx itself (from the sources), then runs the same reader once the
// thread that started it says how ({ kind: "read", options }).
// It stays at most two batches ahead of the thread that writes them, so a large file is never held whole.
import { parentPort, workerData } from "node:worker_threads";

const MAX_AHEAD = 2;
let ahead = 0;
let resume = null;
let readAsked;
// Messages sent before this listener exists wait on the port, so the options cannot be missed.
const options = new Promise((resolve) => (readAsked = resolve));
parentPort.on("message", (message) => {
  if (message === "ack") {
    ahead--;
    resume?.();
  } else if (message?.kind === "read") {
    readAsked(message.options);
  }
});

try {
  // From the sources the reader is TypeScript, which a worker can run only with tsx's loader.
  if (workerData.readerUrl.endsWith(".ts")) {
    const { register } = await import("tsx/esm/api");
    register();
  }
  const { readReferralRows } = await import(workerData.readerUrl);
  for await (const event of readReferralRows(workerData.input, await options)) {
    parentPort.postMessage(event);
    if (event.kind === "rows") {
      ahead++;
      while (ahead >= MAX_AHEAD) await new Promise((done) => (resume = done));
      resume = null;
    }
  }
} catch (error) {
  parentPort.postMessage({
    kind: "error",
    code: error?.code ?? null,
    message: error instanceof Error ? error.message : String(error),
  });
}
parentPort.close();
