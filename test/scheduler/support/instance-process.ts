// One bot instance in its own process, for the multi-instance tests. It opens the shared database once,
// then obeys one JSON command per stdin line ("start" a fresh scheduler, or "poll" it, at a given time)
// and answers each with one JSON line saying what it sent.
// Separate processes because that is how instances really share a database, and because SQLite's busy
// wait blocks the whole thread: several connections in one process can lock each other out.
import { createInterface } from "node:readline";
import type { DeliveryTarget } from "../../../src/core/ports.ts";
import { openDatabase } from "../../../src/db/database.ts";
import { createDigestData } from "../../../src/db/digest-data.ts";
import { createDigestDueStore } from "../../../src/db/digest-due.ts";
import { createDigestRunStore } from "../../../src/db/digest-runs.ts";
import { createRepositories } from "../../../src/db/repositories.ts";
import { silentLogger } from "../../../src/logging/logger.ts";
import { createDigestScheduler, type DigestScheduler } from "../../../src/scheduler/digest-scheduler.ts";
import { DeliveryLog, instantRetry } from "../../support/scheduler-fixtures.ts";

export interface InstanceCommand {
  /** "sweep": only the 15-second look for runs whose holder died, not the due-time poll. */
  action: "start" | "poll" | "sweep";
  /** The instance's clock for this command (ISO). */
  now: string;
  /** Practices that have targets (a channel and a Teams chat each); any other has none. */
  practiceIds: string[];
  /** Target keys that fail on every try on this instance. */
  alwaysFail?: string[];
}

export interface InstanceReport {
  instanceId: string;
  sent: DeliveryLog["sent"];
  outcomes: Array<{ practiceId: string; action: string; outcome: string | null }>;
  error?: string;
}

export function targetsOf(practiceId: string): DeliveryTarget[] {
  return [
    { platform: "slack", key: `slack:C-${practiceId}`, address: "C1" },
    { platform: "teams", key: `teams:${practiceId}`, address: "{}" },
  ];
}

async function main(): Promise<void> {
  const [url, instanceId, leaseMs] = process.argv.slice(2) as [string, string, string];
  const db = await openDatabase(url);
  const repos = createRepositories(db);
  let scheduler: DigestScheduler | null = null;
  let now = new Date();
  let command: InstanceCommand = { action: "poll", now: now.toISOString(), practiceIds: [] };
  let log = new DeliveryLog();

  function fresh(): DigestScheduler {
    return createDigestScheduler({
      repos,
      store: createDigestRunStore(db.prisma),
      due: createDigestDueStore(db),
      data: createDigestData(db),
      deliveries: [
        {
          platform: "slack",
          // Read per call: the command in force says which practices have targets and which fail.
          targets: async (practiceId) => (command.practiceIds.includes(practiceId) ? targetsOf(practiceId) : []),
          async deliver(target, digest) {
            if (command.alwaysFail?.includes(target.key)) throw new Error(`${target.key} is unreachable`);
            log.sent.push({
              key: target.key,
              practiceId: digest.practiceId,
              localDate: digest.localDate,
              runId: digest.runId,
              forMemberId: digest.forMemberId,
              by: instanceId,
            });
          },
        },
      ],
      logger: silentLogger(),
      instanceId,
      clock: () => now,
      leaseMs: Number(leaseMs),
      retry: instantRetry(),
      pollIntervalMs: 3_600_000,
      sweepIntervalMs: 3_600_000,
    });
  }

  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) {
    if (!line.trim()) continue;
    command = JSON.parse(line) as InstanceCommand;
    now = new Date(command.now);
    log = new DeliveryLog();
    const report: InstanceReport = { instanceId, sent: [], outcomes: [] };
    try {
      if (command.action === "start" || !scheduler) {
        await scheduler?.stop();
        scheduler = fresh();
      }
      const checks =
        command.action === "start"
          ? await scheduler.start()
          : command.action === "sweep"
            ? await scheduler.sweep(now)
            : await scheduler.poll(now);
      report.outcomes = checks
        .filter((c) => command.practiceIds.includes(c.practiceId))
        .map((c) => ({ practiceId: c.practiceId, action: c.action, outcome: c.result?.outcome ?? null }));
    } catch (error) {
      report.error = error instanceof Error ? error.message : String(error);
    }
    report.sent = log.sent;
    process.stdout.write(`${JSON.stringify(report)}\n`);
  }
  await scheduler?.stop();
  await db.close();
}

await main();
