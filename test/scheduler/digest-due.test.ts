// The practices' next digest times as one queue shared by every instance: each due practice is taken by
// one sweep, a hold keeps the others off it until it runs out, and a settings change wins over a hold.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Practice } from "../../src/core/model.ts";
import type { Database } from "../../src/db/database.ts";
import { createDigestDueStore } from "../../src/db/digest-due.ts";
import {
  createRepositories,
  notePostgresSkipped,
  POSTGRES_TEST_URL,
  type ScratchDatabase,
  scratchDatabase,
  type TestProvider,
} from "../support/scheduler-fixtures.ts";

notePostgresSkipped("digest due times");

const providers: Array<{ provider: TestProvider; skip: boolean }> = [
  { provider: "sqlite", skip: false },
  { provider: "postgresql", skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`the digest due times on ${provider}`, () => {
    let scratch: ScratchDatabase;
    let db: Database;
    const now = new Date("2026-03-09T12:00:00Z");
    const later = (ms: number) => new Date(now.getTime() + ms);

    beforeAll(async () => {
      scratch = await scratchDatabase(provider);
      db = await scratch.connect();
    }, 60_000);

    afterAll(async () => {
      await scratch?.drop();
    });

    /** New practices, which have no time yet and so are due; every other practice is pushed a day away. */
    async function freshPractices(count: number): Promise<Practice[]> {
      const due = createDigestDueStore(db);
      for (const { practiceId } of await due.list()) await due.setNext(practiceId, later(86_400_000));
      const repos = createRepositories(db);
      const made: Practice[] = [];
      for (let i = 0; i < count; i++) made.push(await repos.practices.create({ name: `Due ${Math.random()}` }));
      return made;
    }

    it("gives each due practice to exactly one of several sweeps taking at once", async () => {
      const practices = await freshPractices(30);
      // On PostgreSQL each sweep has its own connection, as separate instances do; SQLite has one per process.
      const connections = provider === "postgresql" ? await Promise.all([1, 2, 3].map(() => scratch.connect())) : [db];
      const stores = [0, 1, 2].map((i) => createDigestDueStore(connections[i % connections.length]!));
      // Each sweep takes a few at a time until it finds none left, as the scheduler's does.
      const sweepAll = async (store: (typeof stores)[number]) => {
        const mine: Practice[] = [];
        for (
          let got = await store.takeDue(now, later(30_000), 4);
          got.length;
          got = await store.takeDue(now, later(30_000), 4)
        ) {
          mine.push(...got);
        }
        return mine;
      };
      const taken = await Promise.all(stores.map(sweepAll));
      // On PostgreSQL the work is shared out (SKIP LOCKED); SQLite's one connection serves them in turn.
      if (provider === "postgresql") expect(taken.filter((t) => t.length > 0).length).toBeGreaterThan(1);
      const ids = taken.flat().map((p) => p.id);
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids.sort()).toEqual(practices.map((p) => p.id).sort());
      for (const c of connections) if (c !== db) await c.close();
    });

    it("keeps a held practice from the other sweeps until the hold runs out", async () => {
      const [practice] = await freshPractices(1);
      const due = createDigestDueStore(db);
      expect((await due.takeDue(now, later(30_000), 10)).map((p) => p.id)).toEqual([practice!.id]);
      expect(await due.takeDue(later(29_000), later(60_000), 10)).toEqual([]);
      expect((await due.takeDue(later(30_000), later(60_000), 10)).map((p) => p.id)).toEqual([practice!.id]);
    });

    it("lets a settings change made during a check win over the time the check then writes", async () => {
      const [practice] = await freshPractices(1);
      const due = createDigestDueStore(db);
      const hold = later(30_000);
      await due.takeDue(now, hold, 10);
      await createRepositories(db).practices.updateSettings(practice!.id, { digestTime: "08:00" });
      expect(await due.setNext(practice!.id, later(86_400_000), { ifHeldUntil: hold })).toBe(false);
      expect((await due.list()).find((p) => p.practiceId === practice!.id)?.nextDigestAt).toBeNull();
    });
  });
}
