// `referral-nudge seed-demo` then `referral-nudge import` of a 100,000-row report, twice (the second
// must change nothing), run as a user runs them: the real command in its own process, timed from start
// to exit. The import's own figure (what it prints) is shown beside it.
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { generateReferralsCsv } from "../src/demo/synthetic.ts";
import type { Figure } from "./stats.ts";

const ROWS = 100_000;
const CLI = fileURLToPath(new URL("../bin/referral-nudge.mjs", import.meta.url));
const ROOT = fileURLToPath(new URL("..", import.meta.url));
const run = promisify(execFile);

interface CommandRun {
  seconds: number;
  stdout: string;
}

async function referralNudge(args: string[], databaseUrl: string): Promise<CommandRun> {
  const started = performance.now();
  const { stdout } = await run(CLI, args, {
    env: { ...process.env, DATABASE_URL: databaseUrl, LOG_LEVEL: "warn" },
    maxBuffer: 64 * 1024 * 1024,
  });
  return { seconds: (performance.now() - started) / 1000, stdout };
}

/** What running a command through npx adds: the median of three `--version` runs each way. */
async function npxOverhead(databaseUrl: string): Promise<string> {
  const median = (xs: number[]) => xs.sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
  const direct: number[] = [];
  const viaNpx: number[] = [];
  for (let i = 0; i < 3; i++) {
    direct.push((await referralNudge(["--version"], databaseUrl)).seconds);
    const started = performance.now();
    await run("npx", ["--no-install", "referral-nudge", "--version"], { cwd: ROOT });
    viaNpx.push((performance.now() - started) / 1000);
  }
  return Math.max(0, median(viaNpx) - median(direct)).toFixed(1);
}

/** A figure from the import's summary ("imported (new)   99,900"). */
function summaryNumber(stdout: string, label: string): number {
  const match = stdout.match(new RegExp(`${label.replace(/[()]/g, "\\$&")}\\s+([\\d,]+)`));
  return match ? Number(match[1]!.replaceAll(",", "")) : Number.NaN;
}

export async function benchImport(): Promise<Figure[]> {
  const dir = mkdtempSync(join(tmpdir(), "rn-bench-import-"));
  try {
    const databaseUrl = `file:${join(dir, "bench.db")}`;
    const file = join(dir, "referrals.csv");
    await generateReferralsCsv(file, ROWS, { referrers: 2_000, seed: 42 });
    const seed = await referralNudge(["seed-demo"], databaseUrl);
    const first = await referralNudge(["import", file], databaseUrl);
    const second = await referralNudge(["import", file], databaseUrl);
    const npxCost = await npxOverhead(databaseUrl);
    const inside = first.stdout.match(/ in ([\d.]+) s/)?.[1] ?? "?";
    const changedAgain = summaryNumber(second.stdout, "imported (new)") + summaryNumber(second.stdout, "updated");
    return [
      { name: "import: referral-nudge seed-demo, whole command", value: `${seed.seconds.toFixed(1)} s` },
      {
        name: `import: referral-nudge import, ${ROWS.toLocaleString("en-US")} rows, whole command`,
        value: `${first.seconds.toFixed(1)} s`,
        target: "< 10 s",
        pass: first.seconds < 10,
      },
      { name: "import: of which the import itself (as it reports)", value: `${inside} s` },
      { name: "import: npx referral-nudge adds (npm's start-up)", value: `${npxCost} s` },
      {
        name: "import: throughput, whole command",
        value: `${Math.round(ROWS / first.seconds).toLocaleString("en-US")} rows/s`,
      },
      {
        name: "import: first run new / updated / rejected",
        value: ["imported (new)", "updated", "rejected"].map((l) => summaryNumber(first.stdout, l)).join(" / "),
      },
      {
        name: "import: same file again, new + updated rows",
        value: `${changedAgain} in ${second.seconds.toFixed(1)} s`,
        target: "0",
        pass: changedAgain === 0,
      },
    ];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
