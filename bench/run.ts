// `npm run bench`: every speed and memory figure the project promises, measured and printed.
// Pass section names to run only some: `npm run bench -- names digest`. `fleet` (minutes, real processes
// on PostgreSQL) runs only when named: `npm run bench -- fleet`.
// Each section runs in a process of its own, so one section's heap and caches neither slow the next
// nor count in its memory figure: the peak RSS printed under a section is that section's alone.
import { execFile } from "node:child_process";
import { availableParallelism, loadavg } from "node:os";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { limitHeapGrowth } from "../src/app/heap-growth.ts";
import { type Figure, printFigure } from "./stats.ts";

const sections: Record<string, () => Promise<Figure[]>> = {
  names: async () => (await import("./name-resolution.ts")).benchNameResolution(),
  import: async () => (await import("./import.ts")).benchImport(),
  digest: async () => (await import("./digest.ts")).benchDigest(),
  cards: async () => (await import("./cards.ts")).benchCards(),
  practices: async () => (await import("./many-practices.ts")).benchManyPractices(),
  slack: async () => (await import("./slack.ts")).benchSlack(),
  teams: async () => (await import("./teams.ts")).benchTeams(),
  startup: async () => (await import("./startup.ts")).benchStartup(),
  intake: async () => (await import("./intake-api.ts")).benchIntakeApi(),
  brief: async () => (await import("./brief.ts")).benchBrief(),
  hl7: async () => (await import("./hl7-mllp.ts")).benchHl7Mllp(),
  fhir: async () => (await import("./fhir.ts")).benchFhir(),
  fleet: async () => (await import("./fleet.ts")).benchFleet(),
  charts: async () => (await import("./charts.ts")).benchCharts(),
  serve: async () => (await import("./serve-memory.ts")).benchServeMemory(),
  team: async () => (await import("./team-view.ts")).benchTeamView(),
};

/**
 * Sections whose process plays `serve` (its HTTP server, Bolt or the Teams SDK, the core, the database):
 * the heap is limited as `serve` limits it, before the section's modules load (src/app/heap-growth.ts).
 */
const PLAY_SERVE = new Set(["slack", "teams"]);

/** Sections that take minutes (real processes against a real clock): run only when named. */
const ONLY_WHEN_NAMED = new Set(["fleet"]);

/** What a section's process prints last, on a line of its own, for the parent to read. */
const RESULT_MARK = "@@bench-result ";

interface SectionResult {
  figures: Figure[];
  error?: string;
  peakRssMb: number;
  /** The machine's 1-minute load average as the section ended: above the core count, times wait for a core. */
  load: number;
}

/** In the section's own process: run it and print its figures and peak memory as one JSON line. */
async function runSectionHere(name: string): Promise<void> {
  const result: SectionResult = { figures: [], peakRssMb: 0, load: 0 };
  if (PLAY_SERVE.has(name)) limitHeapGrowth();
  try {
    result.figures = await sections[name]!();
  } catch (error) {
    result.error = error instanceof Error ? (error.stack ?? error.message) : String(error);
  }
  result.peakRssMb = process.resourceUsage().maxRSS / 1024;
  result.load = loadavg()[0] ?? 0;
  console.log(`\n${RESULT_MARK}${JSON.stringify(result)}`);
}

async function runSectionInChild(name: string): Promise<SectionResult> {
  const runTs = fileURLToPath(new URL("../bin/run-ts.mjs", import.meta.url));
  const self = fileURLToPath(import.meta.url);
  try {
    // --expose-gc: a section may collect its set-up's garbage before it times anything (see stats.ts).
    const { stdout } = await promisify(execFile)(process.execPath, ["--expose-gc", runTs, self, "--section", name], {
      maxBuffer: 64 * 1024 * 1024,
    });
    const line = stdout.split("\n").find((l) => l.startsWith(RESULT_MARK));
    if (!line) return { figures: [], error: `the section printed no result:\n${stdout}`, peakRssMb: 0, load: 0 };
    return JSON.parse(line.slice(RESULT_MARK.length)) as SectionResult;
  } catch (error) {
    const failed = error as { stderr?: string; message: string };
    return { figures: [], error: failed.stderr || failed.message, peakRssMb: 0, load: 0 };
  }
}

const args = process.argv.slice(2);
const only = args.indexOf("--section");
if (only >= 0) {
  await runSectionHere(args[only + 1] ?? "");
  // A section may leave a timer or a socket behind; its figures are out, so it is done.
  process.exit(0);
} else {
  const wanted = args.filter((a) => !a.startsWith("-"));
  const chosen = wanted.length ? wanted : Object.keys(sections).filter((name) => !ONLY_WHEN_NAMED.has(name));
  console.log(`Referral Nudge benchmark · Node ${process.version} · ${new Date().toISOString()}`);
  let failed = 0;
  for (const name of chosen) {
    if (!sections[name]) {
      console.error(`unknown section "${name}"; sections: ${Object.keys(sections).join(", ")}`);
      process.exitCode = 2;
      continue;
    }
    console.log(`\n[${name}]`);
    const result = await runSectionInChild(name);
    for (const figure of result.figures) {
      printFigure(figure);
      if (figure.pass === false) failed++;
    }
    if (result.error) {
      failed++;
      console.log(`  ✗ ${name} failed: ${result.error}`);
    } else {
      printFigure({ name: `${name}: peak RSS of this section's process`, value: `${result.peakRssMb.toFixed(0)} MB` });
      printFigure({
        name: `${name}: machine load as it ended (1-min average, ${availableParallelism()} cores)`,
        value: result.load.toFixed(1),
      });
    }
  }
  console.log(failed ? `\n${failed} figure(s) missed their target.` : "\nEvery figure met its target.");
  process.exit(failed ? 1 : Number(process.exitCode ?? 0));
}
