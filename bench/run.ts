// `npm run bench`: every speed and memory figure the project promises, measured and printed.
// Pass section names to run only some: `npm run bench -- names digest`.
import { type Figure, printFigure } from "./stats.ts";

const sections: Record<string, () => Promise<Figure[]>> = {
  names: async () => (await import("./name-resolution.ts")).benchNameResolution(),
  import: async () => (await import("./import.ts")).benchImport(),
  digest: async () => (await import("./digest.ts")).benchDigest(),
  practices: async () => (await import("./many-practices.ts")).benchManyPractices(),
  slack: async () => (await import("./slack.ts")).benchSlack(),
  teams: async () => (await import("./teams.ts")).benchTeams(),
};

const wanted = process.argv.slice(2).filter((a) => !a.startsWith("-"));
const chosen = wanted.length ? wanted : Object.keys(sections);
console.log(`Referral Nudge benchmark · Node ${process.version} · ${new Date().toISOString()}`);
let failed = 0;
for (const name of chosen) {
  const run = sections[name];
  if (!run) {
    console.error(`unknown section "${name}"; sections: ${Object.keys(sections).join(", ")}`);
    process.exitCode = 2;
    continue;
  }
  console.log(`\n[${name}]`);
  try {
    for (const figure of await run()) {
      printFigure(figure);
      if (figure.pass === false) failed++;
    }
  } catch (error) {
    failed++;
    console.log(`  ✗ ${name} failed: ${error instanceof Error ? error.stack : String(error)}`);
  }
}
const rss = process.memoryUsage().rss / 1024 / 1024;
console.log(`\npeak-ish RSS at the end: ${rss.toFixed(0)} MB`);
console.log(failed ? `\n${failed} figure(s) missed their target.` : "\nEvery figure met its target.");
process.exit(failed ? 1 : 0);
