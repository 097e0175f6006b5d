// Several bot instances over one database, each in its own process as in production: each practice
// gets one digest per day, even when the instances start together, when one of them dies holding the
// claim, and when one of them cannot reach a target.
import { type ChildProcessWithoutNullStreams, spawn } from "node:child_process";
import { createInterface, type Interface } from "node:readline";
import { fileURLToPath } from "node:url";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DigestRunStore, Repositories } from "../../src/core/ports.ts";
import { createDigestRunStore } from "../../src/db/digest-runs.ts";
import { DEFAULT_SWEEP_INTERVAL_MS } from "../../src/scheduler/digest-scheduler.ts";
import { DEFAULT_LEASE_MS } from "../../src/scheduler/send-digest.ts";
import {
  busyPractice,
  createRepositories,
  notePostgresSkipped,
  POSTGRES_TEST_URL,
  type ScratchDatabase,
  scratchDatabase,
  seedPractice,
  type TestProvider,
} from "../support/scheduler-fixtures.ts";
import type { InstanceCommand, InstanceReport } from "./support/instance-process.ts";

notePostgresSkipped("multi-instance digest");

const INSTANCE = fileURLToPath(new URL("./support/instance-process.ts", import.meta.url));
const LEASE_MS = 120_000;

const providers: Array<{ provider: TestProvider; skip: boolean }> = [
  { provider: "sqlite", skip: false },
  { provider: "postgresql", skip: !POSTGRES_TEST_URL },
];

/** A bot instance in a child process, driven one command at a time. */
class Instance {
  private readonly lines: Interface;
  private readonly waiting: Array<{ resolve: (line: string) => void; reject: (error: Error) => void }> = [];
  private stderr = "";

  private constructor(
    readonly name: string,
    private readonly child: ChildProcessWithoutNullStreams,
  ) {
    this.lines = createInterface({ input: child.stdout });
    this.lines.on("line", (line) => this.waiting.shift()?.resolve(line));
    child.stderr.on("data", (chunk: Buffer) => {
      this.stderr += chunk.toString();
    });
    child.once("exit", (code) => {
      for (const w of this.waiting.splice(0)) w.reject(new Error(`${name} exited (${code}): ${this.stderr}`));
    });
  }

  static async launch(url: string, name: string): Promise<Instance> {
    const child = spawn(process.execPath, ["--import", "tsx", INSTANCE, url, name, String(LEASE_MS)]);
    const instance = new Instance(name, child);
    const ready = await instance.next();
    if (ready !== "ready") throw new Error(`${name} did not start: ${ready}\n${instance.stderr}`);
    return instance;
  }

  private next(): Promise<string> {
    return new Promise((resolve, reject) => this.waiting.push({ resolve, reject }));
  }

  async send(command: InstanceCommand): Promise<InstanceReport> {
    const answer = this.next();
    this.child.stdin.write(`${JSON.stringify(command)}\n`);
    const report = JSON.parse(await answer) as InstanceReport;
    if (report.error) throw new Error(`${this.name}: ${report.error}`);
    return report;
  }

  async close(): Promise<void> {
    this.child.stdin.end();
    await new Promise((done) => this.child.once("exit", done));
  }
}

function sentTo(reports: InstanceReport[], key: string): number {
  return reports.flatMap((r) => r.sent).filter((s) => s.key === key).length;
}

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`several instances on one ${provider} database`, () => {
    let scratch: ScratchDatabase;
    let repos: Repositories;
    let store: DigestRunStore;
    let a: Instance;
    let b: Instance;
    let c: Instance;

    beforeAll(async () => {
      scratch = await scratchDatabase(provider);
      const db = await scratch.connect();
      repos = createRepositories(db);
      store = createDigestRunStore(db.prisma);
      [a, b, c] = await Promise.all([
        Instance.launch(scratch.url, "instance-A"),
        Instance.launch(scratch.url, "instance-B"),
        Instance.launch(scratch.url, "instance-C"),
      ]);
    }, 120_000);

    afterAll(async () => {
      await Promise.allSettled([a, b, c].filter(Boolean).map((i) => i.close()));
      await scratch?.drop();
    });

    /** The same command to several instances at the same moment. */
    const together = (list: Instance[], command: InstanceCommand) => Promise.all(list.map((i) => i.send(command)));

    it("three instances starting at once send each practice's digest once to each target", async () => {
      // Monday 2026-03-09, 08:00 in New York and 13:00 in Berlin: both digests due, neither past its cutoff.
      const now = new Date("2026-03-09T12:00:00Z");
      const ny = await seedPractice(repos, busyPractice(now, { timeZone: "America/New_York", digestTime: "07:30" }));
      const berlin = await seedPractice(
        repos,
        busyPractice(now, { timeZone: "Europe/Berlin", digestTime: "09:00", missedDigestCutoff: "14:00" }),
      );
      const practiceIds = [ny.id, berlin.id];

      const reports = await together([a, b, c], { action: "start", now: now.toISOString(), practiceIds });

      for (const practice of [ny, berlin]) {
        expect(sentTo(reports, `slack:C-${practice.id}`)).toBe(1);
        expect(sentTo(reports, `teams:${practice.id}`)).toBe(1);
        const winners = reports.flatMap((r) =>
          r.outcomes.filter((o) => o.practiceId === practice.id && o.outcome === "delivered"),
        );
        expect(winners).toHaveLength(1);
        expect(await store.find(practice.id, "2026-03-09")).toMatchObject({ status: "delivered", attempts: 1 });
      }

      // Every instance's minute poll, a little later: nothing more goes out.
      const later = new Date(now.getTime() + 60_000).toISOString();
      const polls = await together([a, b, c], { action: "poll", now: later, practiceIds });
      expect(polls.flatMap((r) => r.sent)).toHaveLength(0);
    }, 60_000);

    it("an instance that dies after claiming is replaced once its lease runs out, and the digest goes out once", async () => {
      const claimedAt = new Date("2026-03-10T11:30:00Z"); // Tuesday 07:30 in New York
      const practice = await seedPractice(repos, busyPractice(claimedAt));
      // The instance claims, then dies before delivering anything.
      expect(await store.claim(practice.id, "2026-03-10", "instance-dead", claimedAt, LEASE_MS)).not.toBeNull();
      const poll = (ms: number) =>
        together([b, c], {
          action: "poll",
          now: new Date(claimedAt.getTime() + ms).toISOString(),
          practiceIds: [practice.id],
        });

      // While its lease runs, the others leave the claim alone.
      expect((await poll(60_000)).flatMap((r) => r.sent)).toHaveLength(0);

      // Once it has run out, exactly one of them takes over and delivers.
      const after = await poll(LEASE_MS + 1_000);
      expect(sentTo(after, `slack:C-${practice.id}`)).toBe(1);
      expect(sentTo(after, `teams:${practice.id}`)).toBe(1);
      const taken = await store.find(practice.id, "2026-03-10");
      expect(taken).toMatchObject({ status: "delivered", attempts: 2 });
      expect(["instance-B", "instance-C"]).toContain(taken?.claimedBy);

      // Later polls send nothing more.
      expect((await poll(LEASE_MS + 10 * 60_000)).flatMap((r) => r.sent)).toHaveLength(0);
    }, 60_000);

    it("a digest whose instance died is taken over by another's sweep within a minute of the death, once", async () => {
      const diedAt = new Date("2026-03-11T11:30:00Z"); // Wednesday 07:30 in New York
      const practice = await seedPractice(repos, busyPractice(diedAt));
      // The default lease, as serve uses it: the instance claims, then dies before delivering anything.
      expect(await store.claim(practice.id, "2026-03-11", "instance-dead", diedAt, DEFAULT_LEASE_MS)).not.toBeNull();
      const sweep = (ms: number) =>
        together([b, c], {
          action: "sweep",
          now: new Date(diedAt.getTime() + ms).toISOString(),
          practiceIds: [practice.id],
        });
      // The worst case: the lease runs out just after a sweep, so the next sweep, one interval later, takes it.
      expect(DEFAULT_LEASE_MS + DEFAULT_SWEEP_INTERVAL_MS).toBeLessThanOrEqual(60_000);
      expect((await sweep(DEFAULT_LEASE_MS - 1_000)).flatMap((r) => r.sent)).toHaveLength(0);
      const after = await sweep(DEFAULT_LEASE_MS + DEFAULT_SWEEP_INTERVAL_MS);
      expect(sentTo(after, `slack:C-${practice.id}`)).toBe(1);
      expect(sentTo(after, `teams:${practice.id}`)).toBe(1);
      expect(await store.find(practice.id, "2026-03-11")).toMatchObject({ status: "delivered", attempts: 2 });
      expect((await sweep(DEFAULT_LEASE_MS + 10 * 60_000)).flatMap((r) => r.sent)).toHaveLength(0);
    }, 60_000);

    it("a target one instance cannot reach is retried by another after the retry time, and only that target", async () => {
      const now = new Date("2026-03-11T11:45:00Z"); // Wednesday 07:45 in New York
      const practice = await seedPractice(repos, busyPractice(now));
      const teamsKey = `teams:${practice.id}`;
      const at = (ms: number) => new Date(now.getTime() + ms).toISOString();
      const practiceIds = [practice.id];

      const first = await a.send({ action: "poll", now: at(0), practiceIds, alwaysFail: [teamsKey] });
      expect(first.outcomes).toEqual([{ practiceId: practice.id, action: "attempted", outcome: "partial" }]);
      expect(await store.find(practice.id, "2026-03-11")).toMatchObject({ status: "partial" });

      const soon = await together([b, c], { action: "poll", now: at(60_000), practiceIds });
      expect(soon.flatMap((r) => r.sent)).toHaveLength(0);

      const retried = await together([b, c], { action: "poll", now: at(6 * 60_000), practiceIds });
      expect(retried.flatMap((r) => r.sent).map((s) => s.key)).toEqual([teamsKey]);
      expect(sentTo([first, ...retried], `slack:C-${practice.id}`)).toBe(1);
      expect(await store.find(practice.id, "2026-03-11")).toMatchObject({ status: "delivered", attempts: 2 });
    }, 60_000);
  });
}
