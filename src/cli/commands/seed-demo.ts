// `referral-nudge seed-demo [--reset]`: a realistic demo practice in a few seconds. It refuses to touch a
// practice that already has the demo or data of its own, unless --reset says to wipe it first.
import type { Practice } from "../../core/model.ts";
import type { Clock, DemoStore } from "../../core/ports.ts";
import { seedDemo } from "../../demo/seed-demo.ts";

export interface SeedDemoCommandArgs {
  reset?: boolean;
}

export interface SeedDemoCommandDeps {
  demoStore: DemoStore;
  practice: Practice;
  clock?: Clock;
  print?: (line: string) => void;
  printError?: (line: string) => void;
}

/** Seeds and says what it made; returns the exit code (and sets process.exitCode when it refuses). */
export async function seedDemoCommand(args: SeedDemoCommandArgs, deps: SeedDemoCommandDeps): Promise<number> {
  const print = deps.print ?? ((line: string) => console.log(line));
  const printError = deps.printError ?? ((line: string) => console.error(line));
  const result = await seedDemo(deps.demoStore, deps.practice, {
    ...(deps.clock ? { now: deps.clock.now() } : {}),
    reset: Boolean(args.reset),
  });
  const name = deps.practice.name;
  if (result.status !== "seeded") {
    printError(
      result.status === "already-seeded"
        ? `${name} already has the demo (${result.referrers} referrers); nothing was changed. ` +
            "Run `referral-nudge seed-demo --reset` to wipe it and seed it afresh."
        : `${name} already has ${result.referrers} referrers of its own, so the demo was not added (it would mix ` +
            "with real relationships). `referral-nudge seed-demo --reset` wipes the practice's referrers, referrals, " +
            "touches and feedback first — only do that if you mean it.",
    );
    process.exitCode = 1;
    return 1;
  }
  const n = (x: number) => x.toLocaleString("en-US");
  print(
    `${result.wiped ? "Wiped and seeded" : "Seeded"} ${name} with a demo: ${n(result.referrers)} referrers, ` +
      `${n(result.referrals)} referrals over the last year, ${n(result.touches)} touches and ${n(result.feedback)} ` +
      `pieces of feedback (${(result.durationMs / 1000).toFixed(1)} s).`,
  );
  print("See what a physician would get this morning: referral-nudge digest --dry-run");
  return 0;
}
