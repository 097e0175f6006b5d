// The digest run store against real databases: the claim that makes a digest happen once, the takeover
// of a dead instance's claim, per-target results, skips and forced resends.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { DigestRunStore, Repositories } from "../../src/core/ports.ts";
import { createDigestRunStore } from "../../src/db/digest-runs.ts";
import {
  createRepositories,
  notePostgresSkipped,
  POSTGRES_TEST_URL,
  type ScratchDatabase,
  scratchDatabase,
  seedPractice,
  type TestProvider,
} from "../support/scheduler-fixtures.ts";

notePostgresSkipped("digest run store");

const LEASE = 120_000;
const t0 = new Date("2026-03-09T11:30:00Z");
const later = (ms: number) => new Date(t0.getTime() + ms);

const providers: Array<{ provider: TestProvider; skip: boolean }> = [
  { provider: "sqlite", skip: false },
  { provider: "postgresql", skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`digest runs on ${provider}`, () => {
    let scratch: ScratchDatabase;
    let repos: Repositories;
    let store: DigestRunStore;
    /** Stores over their own connections, as other instances would have. */
    let others: DigestRunStore[];

    beforeAll(async () => {
      scratch = await scratchDatabase(provider);
      const db = await scratch.connect();
      repos = createRepositories(db);
      store = createDigestRunStore(db.prisma);
      others = [];
      for (let i = 0; i < 2; i++) others.push(createDigestRunStore((await scratch.connect()).prisma));
    }, 60_000);

    afterAll(async () => {
      await scratch?.drop();
    });

    it("gives the first claim of a day to its caller, and none to a second", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      expect(run).toMatchObject({ status: "claimed", claimedBy: "a", attempts: 1, deliveries: {} });
      expect(run?.leaseUntil).toEqual(later(LEASE));
      expect(await store.claim(practice.id, "2026-03-09", "b", later(1_000), LEASE)).toBeNull();
      expect(await store.claim(practice.id, "2026-03-10", "b", later(1_000), LEASE)).not.toBeNull();
    });

    it("lets exactly one of three instances win a claim made at the same moment", async () => {
      const practice = await seedPractice(repos);
      const results = await Promise.all(
        [store, ...others].map((s, i) => s.claim(practice.id, "2026-03-09", `instance-${i}`, t0, LEASE)),
      );
      expect(results.filter(Boolean)).toHaveLength(1);
    });

    it("lets exactly one instance take over a claim whose lease ran out", async () => {
      const practice = await seedPractice(repos);
      await store.claim(practice.id, "2026-03-09", "dead", t0, LEASE);
      const afterLease = later(LEASE + 1);
      const results = await Promise.all(
        [store, ...others].map((s, i) => s.claim(practice.id, "2026-03-09", `instance-${i}`, afterLease, LEASE)),
      );
      const winners = results.filter((r) => r !== null);
      expect(winners).toHaveLength(1);
      expect(winners[0]).toMatchObject({ status: "claimed", attempts: 2 });
      expect(winners[0]?.claimedBy).not.toBe("dead");
      // The day's first claim time is kept: the next day's "new since" must not skip anything.
      expect(winners[0]?.claimedAt).toEqual(t0);
    });

    it("does not take over a claim while its lease runs, nor a delivered or skipped run", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      expect(await store.claim(practice.id, "2026-03-09", "b", later(LEASE - 1), LEASE)).toBeNull();
      await store.finish(run!.id, "delivered", null, { now: later(5_000), instanceId: "a" });
      expect(await store.claim(practice.id, "2026-03-09", "b", later(10 * LEASE), LEASE)).toBeNull();
      expect(await store.find(practice.id, "2026-03-09")).toMatchObject({
        status: "delivered",
        deliveredAt: later(5_000),
      });

      expect(await store.recordSkip(practice.id, "2026-03-10", "missed", { now: t0 })).toBe(true);
      expect(await store.claim(practice.id, "2026-03-10", "b", later(10 * LEASE), LEASE)).toBeNull();
    });

    it("keeps a claim alive with renewals, and tells the old holder once it has lost it", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      expect(await store.renew(run!.id, "a", later(2 * LEASE))).toBe(true);
      expect(await store.claim(practice.id, "2026-03-09", "b", later(LEASE + 1), LEASE)).toBeNull();
      const taken = await store.claim(practice.id, "2026-03-09", "b", later(2 * LEASE + 1), LEASE);
      expect(taken?.claimedBy).toBe("b");
      expect(await store.renew(run!.id, "a", later(3 * LEASE))).toBe(false);
      expect(await store.finish(run!.id, "delivered", null, { instanceId: "a" })).toBe(false);
    });

    it("records each target's result without losing another's written at the same time", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      await Promise.all([
        store.recordDelivery(run!.id, "slack:C1", "delivered", { at: t0, tries: 1 }),
        others[0]!.recordDelivery(run!.id, "slack:C2", "failed", { at: t0, tries: 3, error: "channel_not_found" }),
        others[1]!.recordDelivery(run!.id, "teams:dm:m1", "delivered", { at: t0, tries: 2 }),
      ]);
      const found = await store.find(practice.id, "2026-03-09");
      expect(found?.deliveries).toEqual({
        "slack:C1": { status: "delivered", at: t0.toISOString(), tries: 1 },
        "slack:C2": { status: "failed", at: t0.toISOString(), tries: 3, error: "channel_not_found" },
        "teams:dm:m1": { status: "delivered", at: t0.toISOString(), tries: 2 },
      });
    });

    it("lets a partial run be retried after its retry time, keeping what was delivered", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      await store.recordDelivery(run!.id, "slack:C1", "delivered", { at: t0 });
      await store.finish(run!.id, "partial", "not delivered to slack:C2", { now: t0, retryAt: later(300_000) });
      expect(await store.claim(practice.id, "2026-03-09", "b", later(299_000), LEASE)).toBeNull();
      const retry = await store.claim(practice.id, "2026-03-09", "b", later(300_001), LEASE);
      expect(retry).toMatchObject({ status: "claimed", claimedBy: "b", attempts: 2 });
      expect(retry?.deliveries["slack:C1"]?.status).toBe("delivered");
    });

    it("retries a partial run at once when a person asks, but never cuts a live claim short", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      expect(await store.claim(practice.id, "2026-03-09", "cli", later(1), LEASE, { retryNow: true })).toBeNull();
      await store.finish(run!.id, "partial", null, { now: t0, retryAt: later(300_000) });
      expect(await store.claim(practice.id, "2026-03-09", "cli", later(2), LEASE, { retryNow: true })).not.toBeNull();
    });

    it("stops taking over a run that has used up its attempts", async () => {
      const practice = await seedPractice(repos);
      await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      const second = await store.claim(practice.id, "2026-03-09", "b", later(LEASE + 1), LEASE, { maxAttempts: 2 });
      expect(second?.attempts).toBe(2);
      expect(await store.claim(practice.id, "2026-03-09", "c", later(3 * LEASE), LEASE, { maxAttempts: 2 })).toBeNull();
    });

    it("records a skip only when the day has no run yet", async () => {
      const practice = await seedPractice(repos);
      await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      expect(await store.recordSkip(practice.id, "2026-03-09", "missed")).toBe(false);
      expect(await store.recordSkip(practice.id, "2026-03-10", "missed: not sent by the 12:00 cutoff")).toBe(true);
      expect(await store.find(practice.id, "2026-03-10")).toMatchObject({
        status: "skipped",
        note: "missed: not sent by the 12:00 cutoff",
      });
    });

    it("releases a claim so the next attempt need not wait out the lease", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      expect(await store.release(run!.id, "b", later(1_000))).toBe(false);
      expect(await store.release(run!.id, "a", later(1_000))).toBe(true);
      expect(await store.claim(practice.id, "2026-03-09", "b", later(1_000), LEASE)).not.toBeNull();
    });

    it("forces a delivered run back to claimed with nothing recorded as delivered", async () => {
      const practice = await seedPractice(repos);
      const run = await store.claim(practice.id, "2026-03-09", "a", t0, LEASE);
      await store.recordDelivery(run!.id, "slack:C1", "delivered", { at: t0 });
      await store.finish(run!.id, "delivered", null, { now: t0 });
      const forced = await store.forceReclaim(practice.id, "2026-03-09", "cli", later(60_000), LEASE);
      expect(forced).toMatchObject({ id: run!.id, status: "claimed", claimedBy: "cli", attempts: 2, deliveries: {} });
      expect(forced.claimedAt).toEqual(later(60_000));
      const fresh = await store.forceReclaim(practice.id, "2026-03-11", "cli", t0, LEASE);
      expect(fresh).toMatchObject({ status: "claimed", attempts: 1 });
    });
  });
}
