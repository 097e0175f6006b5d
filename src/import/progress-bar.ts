// A progress bar on stderr while a large file imports; nothing at all when stderr is not a terminal
// (a pipe, a log file, CI), where a bar would only be noise.
import cliProgress from "cli-progress";
import type { ImportProgress } from "./import-referrals.ts";

/** Below this a file imports in about a second: a bar would flash and vanish. */
export const PROGRESS_MIN_BYTES = 1024 * 1024;

export interface ProgressBar {
  update(progress: ImportProgress): void;
  stop(): void;
}

export function createProgressBar(
  totalBytes: number | null,
  stream: NodeJS.WriteStream = process.stderr,
): ProgressBar | null {
  if (!stream.isTTY || totalBytes === null || totalBytes < PROGRESS_MIN_BYTES) return null;
  const bar = new cliProgress.SingleBar(
    {
      stream,
      format: "Importing |{bar}| {percentage}% · {rows} rows",
      hideCursor: true,
      clearOnComplete: true,
      etaBuffer: 20,
    },
    cliProgress.Presets.shades_classic,
  );
  bar.start(totalBytes, 0, { rows: "0" });
  return {
    update: (p) => bar.update(Math.min(p.bytesRead, totalBytes), { rows: p.rowsRead.toLocaleString("en-US") }),
    stop: () => bar.stop(),
  };
}
