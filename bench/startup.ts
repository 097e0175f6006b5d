// Cold start, before and after the compiled build: `--version` and `serve` until GET /healthz answers,
// run from the TypeScript sources through tsx (as every start did before) and from dist/ (what `npm start`
// runs now). Each is the median of five fresh processes on an already migrated SQLite file.
import { execFile, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { type Figure, ms } from "./stats.ts";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const RUNS = 5;
const run = promisify(execFile);

const ENTRIES = {
  sources: [join(ROOT, "bin/run-ts.mjs"), join(ROOT, "src/cli/main.ts")],
  compiled: [join(ROOT, "dist/cli/main.js")],
} as const;
type Entry = keyof typeof ENTRIES;

function median(xs: number[]): number {
  return [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] as number;
}

async function versionMs(entry: Entry): Promise<number> {
  const started = performance.now();
  await run(process.execPath, [...ENTRIES[entry], "--version"], { cwd: ROOT });
  return performance.now() - started;
}

/** Starts `serve` on a free port and resolves when /healthz first answers 200; then stops it. */
async function serveUntilHealthyMs(entry: Entry, databaseUrl: string, port: number): Promise<number> {
  const started = performance.now();
  const child = spawn(process.execPath, [...ENTRIES[entry], "serve"], {
    cwd: ROOT,
    env: {
      ...process.env,
      DATABASE_URL: databaseUrl,
      PORT: String(port),
      HOST: "127.0.0.1",
      SCHEDULER: "off",
      LOG_LEVEL: "warn",
    },
    stdio: "ignore",
  });
  const exited = new Promise((resolve) => child.once("exit", resolve));
  try {
    for (;;) {
      if (child.exitCode !== null) throw new Error(`serve (${entry}) exited with ${child.exitCode}`);
      const healthy = await fetch(`http://127.0.0.1:${port}/healthz`).then(
        (r) => r.ok,
        () => false,
      );
      if (healthy) return performance.now() - started;
      await new Promise((resolve) => setTimeout(resolve, 5));
    }
  } finally {
    child.kill("SIGTERM");
    await exited;
  }
}

export async function benchStartup(): Promise<Figure[]> {
  await run(process.execPath, [join(ROOT, "scripts/build.mjs"), "--if-stale"], { cwd: ROOT });
  const dir = mkdtempSync(join(tmpdir(), "referral-nudge-bench-start-"));
  const databaseUrl = `file:${join(dir, "start.db")}`;
  try {
    await serveUntilHealthyMs("compiled", databaseUrl, 39_871); // creates and migrates the database once
    const figures: Figure[] = [];
    const measured: Record<string, Record<Entry, number>> = { version: {} as never, serve: {} as never };
    for (const entry of ["sources", "compiled"] as const) {
      const version: number[] = [];
      const serve: number[] = [];
      for (let i = 0; i < RUNS; i++) {
        version.push(await versionMs(entry));
        serve.push(await serveUntilHealthyMs(entry, databaseUrl, 39_872 + i));
      }
      (measured.version as Record<Entry, number>)[entry] = median(version);
      (measured.serve as Record<Entry, number>)[entry] = median(serve);
    }
    for (const [what, label] of [
      ["version", "referral-nudge --version"],
      ["serve", "serve until GET /healthz answers"],
    ] as const) {
      const { sources, compiled } = measured[what] as Record<Entry, number>;
      figures.push({ name: `${label}, before (sources through tsx)`, value: ms(sources) });
      figures.push({
        name: `${label}, after (compiled dist/)`,
        value: ms(compiled),
        target: "faster than before",
        pass: compiled < sources,
      });
    }
    return figures;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
