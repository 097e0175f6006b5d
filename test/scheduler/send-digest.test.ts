// Sending one practice's digest: retries per target with backoff, partial runs that later resend only
// what failed, personal digests for physicians, empty days, dry runs, and a claim lost mid-way.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "../../src/core/digest/digest-model.ts";
import type {
  ChatDelivery,
  DeliveryTarget,
  DigestDataPort,
  DigestRunStore,
  Repositories,
} from "../../src/core/ports.ts";
import type { Database } from "../../src/db/database.ts";
import { createDigestData } from "../../src/db/digest-data.ts";
import { createDigestRunStore } from "../../src/db/digest-runs.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { type SendDigestDeps, sendDigest } from "../../src/scheduler/send-digest.ts";
import {
  busyPractice,
  createRepositories,
  DeliveryLog,
  instantRetry,
  notePostgresSkipped,
  POSTGRES_TEST_URL,
  type RecordingDeliveryOptions,
  recordingDelivery,
  type ScratchDatabase,
  scratchDatabase,
  seedPractice,
  type TestProvider,
} from "../support/scheduler-fixtures.ts";

notePostgresSkipped("send-digest");

const now = new Date("2026-03-09T12:00:00Z");
const localDate = "2026-03-09";
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

const providers: Array<{ provider: TestProvider; skip: boolean }> = [
  { provider: "sqlite", skip: false },
  { provider: "postgresql", skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`sending a digest on ${provider}`, () => {
    let scratch: ScratchDatabase;
    let db: Database;
    let repos: Repositories;
    let store: DigestRunStore;

    beforeAll(async () => {
      scratch = await scratchDatabase(provider);
      db = await scratch.connect();
      repos = createRepositories(db);
      store = createDigestRunStore(db.prisma);
    }, 60_000);

    afterAll(async () => {
      await scratch?.drop();
    });

    function deps(deliveries: ChatDelivery[], overrides: Partial<SendDigestDeps> = {}): SendDigestDeps {
      return {
        repos,
        store,
        data: createDigestData(db),
        deliveries,
        logger: silentLogger(),
        retry: instantRetry(),
        ...overrides,
      };
    }

    /** A practice with a digest channel and one physician, whose DM is a second target. */
    async function practiceWithPhysician() {
      const practice = await seedPractice(repos, busyPractice(now));
      const member = await repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: `U-${practice.id}`,
        displayName: "Dr. Maya Chen",
        workspaceExternalId: "T-clinic",
      });
      await repos.members.setRole(member.id, "physician");
      const targets = (practiceId: string): DeliveryTarget[] =>
        practiceId === practice.id
          ? [
              { platform: "slack", key: "slack:C-DIGEST", address: "C-DIGEST" },
              { platform: "slack", key: `slack:dm:${member.id}`, address: "D-MAYA", memberId: member.id },
            ]
          : [];
      return { practice, member, targets, dmKey: `slack:dm:${member.id}` };
    }

    function delivery(log: DeliveryLog, targets: RecordingDeliveryOptions["targets"], extra = {}) {
      return recordingDelivery({ log, targets, ...extra });
    }

    it("delivers to every target once and records each on the run", async () => {
      const { practice, targets, dmKey } = await practiceWithPhysician();
      const log = new DeliveryLog();
      const result = await sendDigest(deps([delivery(log, targets)]), practice, localDate, { now, instanceId: "a" });
      expect(result).toMatchObject({ outcome: "delivered", failed: [], alreadyDelivered: [] });
      expect(result.delivered.sort()).toEqual(["slack:C-DIGEST", dmKey].sort());
      const run = await store.find(practice.id, localDate);
      expect(run).toMatchObject({ status: "delivered", claimedBy: "a", attempts: 1 });
      expect(Object.keys(run?.deliveries ?? {}).sort()).toEqual(["slack:C-DIGEST", dmKey].sort());
      expect(log.sent.every((s) => s.runId === run?.id)).toBe(true);
    });

    it("builds the physician's own digest for their DM and the practice digest for the channel", async () => {
      const { practice, member, targets, dmKey } = await practiceWithPhysician();
      const log = new DeliveryLog();
      await sendDigest(deps([delivery(log, targets)]), practice, localDate, { now, instanceId: "a" });
      expect(log.sent.find((s) => s.key === dmKey)?.forMemberId).toBe(member.id);
      expect(log.sent.find((s) => s.key === "slack:C-DIGEST")?.forMemberId).toBeNull();
    });

    it("sends the practice digest to a personal target whose member is gone", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const targets = () => [{ platform: "slack" as const, key: "slack:dm:gone", address: "D1", memberId: "gone" }];
      const result = await sendDigest(deps([delivery(log, targets)]), practice, localDate, { now, instanceId: "a" });
      expect(result.outcome).toBe("delivered");
      expect(log.sent[0]).toMatchObject({ key: "slack:dm:gone", forMemberId: null });
    });

    it("saves the built digest on the run so a button click can redraw it", async () => {
      const { practice, targets } = await practiceWithPhysician();
      const result = await sendDigest(deps([delivery(new DeliveryLog(), targets)]), practice, localDate, {
        now,
        instanceId: "a",
      });
      const snapshot = await createDigestData(db).loadSnapshot(practice.id, result.runId!);
      expect(snapshot).toMatchObject({ practiceId: practice.id, localDate, runId: result.runId, forMemberId: null });
    });

    /** A delivery that keeps every digest it sends, whole, per target; fails a target's first `failFirst` tries. */
    function keepingDelivery(
      targets: (practiceId: string) => DeliveryTarget[],
      failFirst: Record<string, number> = {},
    ) {
      const sent: Array<{ key: string; digest: Digest }> = [];
      const left = new Map(Object.entries(failFirst));
      const chat: ChatDelivery = {
        platform: "slack",
        targets: async (practiceId) => targets(practiceId),
        async deliver(target, digest) {
          const failures = left.get(target.key) ?? 0;
          if (failures > 0) {
            left.set(target.key, failures - 1);
            throw new Error(`${target.key} is unreachable`);
          }
          sent.push({ key: target.key, digest });
        },
      };
      return { chat, sent, lastTo: (key: string) => sent.filter((s) => s.key === key).at(-1)?.digest };
    }

    /** A referrer's first referral ever, an hour before `at`: a new personal welcome call for the physician. */
    async function newcomer(practiceId: string, name: string, at: Date) {
      const actor = { practiceId, memberId: null, name: "setup", channel: "cli" as const, role: null };
      const referrer = await repos.referrers.create(practiceId, { displayName: name, lastName: name }, actor);
      await repos.referrals.add(actor, {
        referrerId: referrer.id,
        sourceId: `${referrer.id}-first`,
        receivedAt: new Date(at.getTime() - 3_600_000),
        reason: "hip",
      });
      return referrer;
    }

    it("keeps the physician's own digest apart from the practice digest, for the click in their DM", async () => {
      const { practice, member, targets, dmKey } = await practiceWithPhysician();
      const sending = keepingDelivery(targets);
      const result = await sendDigest(deps([sending.chat]), practice, localDate, { now, instanceId: "a" });
      const data = createDigestData(db);
      const own = await data.loadSnapshot(practice.id, result.runId!, member.id);
      expect(own).toEqual(sending.lastTo(dmKey));
      expect(own).toMatchObject({ runId: result.runId, forMemberId: member.id });
      expect(await data.loadSnapshot(practice.id, result.runId!)).toEqual(sending.lastTo("slack:C-DIGEST"));
      // Another practice naming this run and member finds nothing.
      const other = await seedPractice(repos);
      expect(await data.loadSnapshot(other.id, result.runId!, member.id)).toBeNull();
    });

    it("resends the physician's digest as first built when their DM failed the first time", async () => {
      const { practice, member, targets, dmKey } = await practiceWithPhysician();
      const first = keepingDelivery(targets, { [dmKey]: 3 });
      const partial = await sendDigest(deps([first.chat]), practice, localDate, { now, instanceId: "a" });
      expect(partial.outcome).toBe("partial");
      const kept = await createDigestData(db).loadSnapshot(practice.id, partial.runId!, member.id);
      expect(kept?.forMemberId).toBe(member.id);
      // Something new arrives before the retry; the retried DM still reads as the channel's did that morning.
      await newcomer(practice.id, "Dr. Newcomer", minutes(3));

      const retry = keepingDelivery(targets);
      const retried = await sendDigest(deps([retry.chat]), practice, localDate, { now: minutes(6), instanceId: "b" });
      expect(retried).toMatchObject({ outcome: "delivered", delivered: [dmKey] });
      expect(retry.lastTo(dmKey)).toEqual(kept);
    });

    it("rebuilds the physician's own digest, and keeps the new one, when the digest is resent on purpose", async () => {
      const { practice, member, targets, dmKey } = await practiceWithPhysician();
      const first = await sendDigest(deps([keepingDelivery(targets).chat]), practice, localDate, {
        now,
        instanceId: "a",
      });
      const before = await createDigestData(db).loadSnapshot(practice.id, first.runId!, member.id);
      await newcomer(practice.id, "Dr. Latecomer", minutes(30));

      const forced = keepingDelivery(targets);
      await sendDigest(deps([forced.chat]), practice, localDate, { now: minutes(60), instanceId: "a", force: true });
      const sent = forced.lastTo(dmKey);
      expect(sent?.nudges.map((n) => n.referrerName)).toContain("Dr. Latecomer");
      expect(before?.nudges.map((n) => n.referrerName)).not.toContain("Dr. Latecomer");
      expect(await createDigestData(db).loadSnapshot(practice.id, first.runId!, member.id)).toEqual(sent);
    });

    it("retries a target that fails twice, pausing 1 s then 4 s, and delivers it on the third try", async () => {
      const { practice, targets, dmKey } = await practiceWithPhysician();
      const log = new DeliveryLog();
      const retry = instantRetry();
      const result = await sendDigest(
        deps([delivery(log, targets, { failFirst: { [dmKey]: 2 } })], { retry }),
        practice,
        localDate,
        { now, instanceId: "a" },
      );
      expect(result.outcome).toBe("delivered");
      expect(retry.pauses).toEqual([1_000, 4_000]);
      expect(log.callsTo(dmKey)).toBe(3);
      expect(log.count({ key: dmKey })).toBe(1);
      expect((await store.find(practice.id, localDate))?.deliveries[dmKey]).toMatchObject({
        status: "delivered",
        tries: 3,
      });
    });

    it("leaves the run partial when one target keeps failing, and a later attempt resends only that one", async () => {
      const { practice, targets, dmKey } = await practiceWithPhysician();
      const log = new DeliveryLog();
      const first = await sendDigest(deps([delivery(log, targets, { alwaysFail: [dmKey] })]), practice, localDate, {
        now,
        instanceId: "a",
      });
      expect(first).toMatchObject({ outcome: "partial", delivered: ["slack:C-DIGEST"] });
      expect(first.failed).toEqual([{ key: dmKey, error: `${dmKey} is unreachable` }]);
      expect(log.callsTo(dmKey)).toBe(3);
      const partial = await store.find(practice.id, localDate);
      expect(partial).toMatchObject({ status: "partial", note: `not delivered to ${dmKey}; will retry` });
      expect(partial?.deliveries[dmKey]).toMatchObject({
        status: "failed",
        tries: 3,
        error: `${dmKey} is unreachable`,
      });

      // Before its retry time nobody takes it; after it, another instance sends only the DM.
      const early = await sendDigest(deps([delivery(log, targets)]), practice, localDate, {
        now: minutes(1),
        instanceId: "b",
      });
      expect(early.outcome).toBe("busy");
      const retried = await sendDigest(deps([delivery(log, targets)]), practice, localDate, {
        now: minutes(6),
        instanceId: "b",
      });
      expect(retried).toMatchObject({ outcome: "delivered", delivered: [dmKey], alreadyDelivered: ["slack:C-DIGEST"] });
      expect(log.count({ key: "slack:C-DIGEST" })).toBe(1);
      expect(log.count({ key: dmKey })).toBe(1);
      expect(await store.find(practice.id, localDate)).toMatchObject({ status: "delivered", attempts: 2 });
    });

    it("marks the run failed when no target can be reached, and a later attempt sends to all", async () => {
      const { practice, targets, dmKey } = await practiceWithPhysician();
      const log = new DeliveryLog();
      const down = delivery(log, targets, { alwaysFail: ["slack:C-DIGEST", dmKey] });
      expect((await sendDigest(deps([down]), practice, localDate, { now, instanceId: "a" })).outcome).toBe("failed");
      const again = await sendDigest(deps([delivery(log, targets)]), practice, localDate, {
        now: minutes(6),
        instanceId: "a",
      });
      expect(again.delivered.sort()).toEqual(["slack:C-DIGEST", dmKey].sort());
    });

    it("sends through every platform given, each to its own targets", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const slack = delivery(log, () => [{ platform: "slack", key: "slack:C1", address: "C1" }]);
      const teams = recordingDelivery({
        log,
        name: "teams",
        targets: () => [{ platform: "teams", key: "teams:19:abc", address: "{}" }],
      });
      const result = await sendDigest(deps([slack, teams]), practice, localDate, { now, instanceId: "a" });
      expect(result.targets).toEqual(["slack:C1", "teams:19:abc"]);
      expect(log.sent.map((s) => s.by).sort()).toEqual(["delivery", "teams"]);
    });

    it("skips an empty day when the practice asked to, sending nothing", async () => {
      const practice = await seedPractice(repos, { skipEmptyDigest: true });
      const log = new DeliveryLog();
      const result = await sendDigest(deps([delivery(log, undefined)]), practice, localDate, { now, instanceId: "a" });
      expect(result).toMatchObject({ outcome: "skipped", note: "nothing new and nothing to do" });
      expect(log.sent).toHaveLength(0);
      expect((await store.find(practice.id, localDate))?.status).toBe("skipped");
    });

    it("still sends an empty day's digest when the practice wants one every day", async () => {
      const practice = await seedPractice(repos, { skipEmptyDigest: false });
      const log = new DeliveryLog();
      const result = await sendDigest(deps([delivery(log, undefined)]), practice, localDate, { now, instanceId: "a" });
      expect(result.outcome).toBe("delivered");
      expect(log.count({ practiceId: practice.id })).toBe(1);
    });

    it("records a skip, saying why, when there is nowhere to send", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const result = await sendDigest(deps([delivery(new DeliveryLog(), () => [])]), practice, localDate, {
        now,
        instanceId: "a",
      });
      expect(result.outcome).toBe("skipped");
      expect(result.note).toMatch(/no delivery targets/);
    });

    it("in a dry run returns the digest as text and neither claims nor sends", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const result = await sendDigest(deps([delivery(log, undefined)]), practice, localDate, {
        now,
        instanceId: "a",
        dryRun: true,
      });
      expect(result.outcome).toBe("dry-run");
      expect(result.text).toContain("Referral digest · Monday 9 March");
      expect(result.text).toContain("Dr. Ana Lee");
      expect(result.targets).toEqual(["slack:C-DIGEST"]);
      expect(log.calls).toHaveLength(0);
      expect(await store.find(practice.id, localDate)).toBeNull();
    });

    it("gives the claim back when the build fails, so the next attempt starts at once", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const real = createDigestData(db);
      const broken: DigestDataPort = {
        ...real,
        loadFacts: async () => {
          throw new Error("database went away");
        },
      };
      const log = new DeliveryLog();
      await expect(
        sendDigest(deps([delivery(log, undefined)], { data: broken }), practice, localDate, { now, instanceId: "a" }),
      ).rejects.toThrow("database went away");
      const again = await sendDigest(deps([delivery(log, undefined)]), practice, localDate, { now, instanceId: "b" });
      expect(again.outcome).toBe("delivered");
      expect(log.count({ practiceId: practice.id })).toBe(1);
    });

    it("asks a target before sending it again after a takeover, and does not resend what it already has", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const asked: Array<{ key: string; since: Date }> = [];
      const targets: DeliveryTarget[] = [
        { platform: "slack", key: "slack:C-HAS", address: "C-HAS" },
        { platform: "slack", key: "slack:C-LACKS", address: "C-LACKS" },
      ];
      const reading: ChatDelivery = {
        ...recordingDelivery({ log, name: "b", targets: () => targets }),
        async alreadyHas(target, _digest, since) {
          asked.push({ key: target.key, since });
          return target.key === "slack:C-HAS";
        },
      };
      // The first attempt claimed and died before recording anything; its lease has run out.
      expect(await store.claim(practice.id, localDate, "dead", now, 30_000)).not.toBeNull();
      const taken = await sendDigest(deps([reading]), practice, localDate, { now: minutes(1), instanceId: "b" });
      expect(taken).toMatchObject({
        outcome: "delivered",
        alreadyDelivered: ["slack:C-HAS"],
        delivered: ["slack:C-LACKS"],
      });
      expect(log.sent.map((s) => s.key)).toEqual(["slack:C-LACKS"]);
      // Since the first claim: whatever that attempt posted counts.
      expect(asked.map((a) => a.since)).toEqual([now, now]);
      expect((await store.find(practice.id, localDate))?.deliveries["slack:C-HAS"]).toMatchObject({
        status: "delivered",
        tries: 0,
      });
    });

    it("does not ask on a first attempt", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      let asked = 0;
      const reading: ChatDelivery = {
        ...recordingDelivery({
          log,
          name: "a",
          targets: () => [{ platform: "slack", key: "slack:C1", address: "C1" }],
        }),
        async alreadyHas() {
          asked++;
          return true;
        },
      };
      const first = await sendDigest(deps([reading]), practice, localDate, { now, instanceId: "a" });
      expect(first.outcome).toBe("delivered");
      expect(asked).toBe(0);
      expect(log.sent).toHaveLength(1);
    });

    it("stops sending once another instance has taken the claim over", async () => {
      const practice = await seedPractice(repos, busyPractice(now));
      const log = new DeliveryLog();
      const other = createDigestRunStore((await scratch.connect()).prisma);
      let takenOver = false;
      // The first try fails; while this instance pauses, another forces the run: the retry must not send.
      const flaky: ChatDelivery = {
        platform: "slack",
        targets: async () => [{ platform: "slack", key: "slack:C1", address: "C1" }],
        async deliver(target: DeliveryTarget, digest: Digest) {
          if (!takenOver) {
            takenOver = true;
            await other.forceReclaim(practice.id, localDate, "someone-else", now, 120_000);
            throw new Error("timeout");
          }
          log.sent.push({
            ...target,
            practiceId: digest.practiceId,
            localDate,
            runId: null,
            forMemberId: null,
            by: "a",
          });
        },
      };
      const result = await sendDigest(
        deps([flaky], {
          leaseMs: 3_000,
          retry: { delaysMs: [1_500], sleep: (ms) => new Promise((done) => setTimeout(done, ms)) },
        }),
        practice,
        localDate,
        { now, instanceId: "a" },
      );
      expect(result.outcome).toBe("lost-claim");
      expect(log.sent).toHaveLength(0);
      expect((await store.find(practice.id, localDate))?.claimedBy).toBe("someone-else");
    });
  });
}
