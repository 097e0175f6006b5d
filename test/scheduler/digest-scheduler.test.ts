// The scheduler on one instance: a digest missed while down, the next digest time kept in the database
// and worked out again when settings change (here or on another instance), and daylight-saving days in
// New York and Berlin.
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import type { Practice } from "../../src/core/model.ts";
import type { DeliveryTarget, Repositories } from "../../src/core/ports.ts";
import type { Database } from "../../src/db/database.ts";
import { createDigestData } from "../../src/db/digest-data.ts";
import { createDigestDueStore } from "../../src/db/digest-due.ts";
import { createDigestRunStore } from "../../src/db/digest-runs.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { createDigestScheduler, type DigestScheduler } from "../../src/scheduler/digest-scheduler.ts";
import {
  busyPractice,
  createRepositories,
  DeliveryLog,
  instantRetry,
  notePostgresSkipped,
  POSTGRES_TEST_URL,
  recordingDelivery,
  type ScratchDatabase,
  scratchDatabase,
  seedPractice,
  type TestProvider,
} from "../support/scheduler-fixtures.ts";

notePostgresSkipped("digest scheduler");

const everyDay = [1, 2, 3, 4, 5, 6, 7];

const providers: Array<{ provider: TestProvider; skip: boolean }> = [
  { provider: "sqlite", skip: false },
  { provider: "postgresql", skip: !POSTGRES_TEST_URL },
];

for (const { provider, skip } of providers) {
  describe.skipIf(skip)(`the digest scheduler on ${provider}`, () => {
    let scratch: ScratchDatabase;
    let db: Database;
    let repos: Repositories;
    const started: DigestScheduler[] = [];

    beforeAll(async () => {
      scratch = await scratchDatabase(provider);
      db = await scratch.connect();
      repos = createRepositories(db);
    }, 60_000);

    afterEach(async () => {
      await Promise.all(started.splice(0).map((s) => s.stop()));
    });

    afterAll(async () => {
      await scratch?.drop();
    });

    /** A scheduler whose clock the test moves; only the given practice has a target. */
    function scheduler(practice: Practice, log: DeliveryLog, clock: { now: Date }, instanceId = "instance-A") {
      const targets = (practiceId: string): DeliveryTarget[] =>
        practiceId === practice.id ? [{ platform: "slack", key: "slack:C-DIGEST", address: "C-DIGEST" }] : [];
      const made = createDigestScheduler({
        repos,
        store: createDigestRunStore(db.prisma),
        due: createDigestDueStore(db),
        data: createDigestData(db),
        deliveries: [recordingDelivery({ log, name: instanceId, targets })],
        logger: silentLogger(),
        instanceId,
        clock: () => clock.now,
        retry: instantRetry(),
        pollIntervalMs: 3_600_000,
      });
      started.push(made);
      return made;
    }

    const checkFor = (checks: Awaited<ReturnType<DigestScheduler["start"]>>, practice: Practice) =>
      checks.find((c) => c.practiceId === practice.id);
    const nextOf = async (digest: DigestScheduler, practice: Practice) =>
      (await digest.scheduled()).find((s) => s.practiceId === practice.id)?.nextDigestAt;

    describe("on start", () => {
      it("sends a digest missed earlier today while it is still before the cutoff", async () => {
        // Monday 10:00 in New York: 07:30 has passed, 12:00 has not.
        const clock = { now: new Date("2026-03-09T14:00:00Z") };
        const practice = await seedPractice(repos, busyPractice(clock.now));
        const log = new DeliveryLog();
        const check = checkFor(await scheduler(practice, log, clock).start(), practice);
        expect(check).toMatchObject({ localDate: "2026-03-09", phase: "due", action: "attempted" });
        expect(check?.result?.outcome).toBe("delivered");
        expect(log.count({ practiceId: practice.id })).toBe(1);
      });

      it("records a skip instead of sending once the cutoff has passed", async () => {
        // Monday 13:00 in New York.
        const clock = { now: new Date("2026-03-09T17:00:00Z") };
        const practice = await seedPractice(repos, busyPractice(clock.now));
        const log = new DeliveryLog();
        const check = checkFor(await scheduler(practice, log, clock).start(), practice);
        expect(check).toMatchObject({ phase: "past-cutoff", action: "skip-recorded" });
        expect(log.count({ practiceId: practice.id })).toBe(0);
        const run = await createDigestRunStore(db.prisma).find(practice.id, "2026-03-09");
        expect(run).toMatchObject({ status: "skipped", note: "missed: not sent by the 12:00 cutoff" });
      });

      it("does nothing on a day that is not one of the practice's digest weekdays", async () => {
        // Saturday 10:00 in New York, for a Monday-to-Friday practice.
        const clock = { now: new Date("2026-03-14T14:00:00Z") };
        const practice = await seedPractice(repos, busyPractice(clock.now));
        const log = new DeliveryLog();
        const check = checkFor(await scheduler(practice, log, clock).start(), practice);
        expect(check).toMatchObject({ phase: "not-a-digest-day", action: "not-a-digest-day" });
        expect(log.count({ practiceId: practice.id })).toBe(0);
        expect(await createDigestRunStore(db.prisma).find(practice.id, "2026-03-14")).toBeNull();
      });

      it("does nothing before the digest time, and leaves it to the schedule", async () => {
        const clock = { now: new Date("2026-03-09T10:00:00Z") }; // 06:00 in New York
        const practice = await seedPractice(repos, busyPractice(clock.now));
        const log = new DeliveryLog();
        const check = checkFor(await scheduler(practice, log, clock).start(), practice);
        expect(check?.action).toBe("not-yet");
        expect(log.count({ practiceId: practice.id })).toBe(0);
      });

      it("does not send again a digest already delivered today", async () => {
        const clock = { now: new Date("2026-03-10T14:00:00Z") };
        const practice = await seedPractice(repos, busyPractice(clock.now));
        const log = new DeliveryLog();
        await scheduler(practice, log, clock).start();
        const restarted = scheduler(practice, log, clock, "instance-restarted");
        // Its next time is tomorrow's, so a restart does not even look; asked to, it finds nothing to do.
        expect(checkFor(await restarted.start(), practice)).toBeUndefined();
        expect(checkFor(await restarted.runMissed(clock.now), practice)?.action).toBe("nothing-to-do");
        expect(log.count({ practiceId: practice.id })).toBe(1);
      });
    });

    describe("the next digest time", () => {
      it("keeps each practice's next digest time in the database, from its time and weekdays, in its zone", async () => {
        const clock = { now: new Date("2026-03-09T10:00:00Z") }; // Monday 11:00 in Berlin
        const practice = await seedPractice(repos, { timeZone: "Europe/Berlin", digestTime: "08:15" });
        const digest = scheduler(practice, new DeliveryLog(), clock);
        expect(await nextOf(digest, practice)).toBeNull();
        await digest.start();
        // Today's 08:15 has passed (and was sent): the next is Tuesday's, 08:15 CET.
        expect(await nextOf(digest, practice)).toEqual(new Date("2026-03-10T07:15:00Z"));
      });

      it("looks at a practice again as soon as its settings change, without a restart", async () => {
        const clock = { now: new Date("2026-03-09T12:00:00Z") }; // Monday 08:00 in New York
        const practice = await seedPractice(repos, busyPractice(clock.now, { digestTime: "09:15" }));
        const log = new DeliveryLog();
        const digest = scheduler(practice, log, clock);
        expect(checkFor(await digest.start(), practice)?.action).toBe("not-yet");
        expect(await nextOf(digest, practice)).toEqual(new Date("2026-03-09T13:15:00Z"));

        await repos.practices.updateSettings(practice.id, { digestTime: "07:45", digestWeekdays: [1, 3] });
        await digest.reschedule(practice.id);

        // 07:45 has passed: today's digest went out under the new time, and the next is Wednesday's.
        expect(log.count({ practiceId: practice.id })).toBe(1);
        expect(await nextOf(digest, practice)).toEqual(new Date("2026-03-11T11:45:00Z"));
      });

      it("picks up a change made on another instance at the next poll", async () => {
        const clock = { now: new Date("2026-03-09T10:00:00Z") }; // Monday 06:00 in New York
        const practice = await seedPractice(repos, { digestTime: "07:30" });
        const log = new DeliveryLog();
        const digest = scheduler(practice, log, clock);
        await digest.start();
        expect(await nextOf(digest, practice)).toEqual(new Date("2026-03-09T11:30:00Z"));

        // Another instance, with its own connection, moves the practice to Berlin at 06:00 (11:00 there now).
        const elsewhere = createRepositories(await scratch.connect());
        await elsewhere.practices.updateSettings(practice.id, { timeZone: "Europe/Berlin", digestTime: "06:00" });
        expect(await nextOf(digest, practice)).toBeNull();

        expect(checkFor(await digest.poll(clock.now), practice)?.result?.outcome).toBe("delivered");
        expect(await nextOf(digest, practice)).toEqual(new Date("2026-03-10T05:00:00Z"));
        expect(log.count({ practiceId: practice.id })).toBe(1);
      });

      it("leaves a practice held by another instance's sweep alone until the hold runs out", async () => {
        const clock = { now: new Date("2026-03-09T14:00:00Z") }; // Monday 10:00 in New York: due
        const practice = await seedPractice(repos, busyPractice(clock.now));
        const due = createDigestDueStore(db);
        const holdUntil = new Date(clock.now.getTime() + 30_000);
        // Another instance took it (and, say, died before claiming its run).
        const taken = await due.takeDue(clock.now, holdUntil, 1_000);
        expect(taken.map((p) => p.id)).toContain(practice.id);
        const log = new DeliveryLog();
        const digest = scheduler(practice, log, clock);
        expect(checkFor(await digest.poll(clock.now), practice)).toBeUndefined();
        expect(log.count({ practiceId: practice.id })).toBe(0);

        clock.now = new Date(holdUntil.getTime() + 1);
        expect(checkFor(await digest.poll(clock.now), practice)?.result?.outcome).toBe("delivered");
        expect(log.count({ practiceId: practice.id })).toBe(1);
      });

      it("stops looking for due practices when the scheduler stops", async () => {
        const clock = { now: new Date("2026-03-09T14:00:00Z") };
        const practice = await seedPractice(repos, busyPractice(clock.now));
        const log = new DeliveryLog();
        const digest = scheduler(practice, log, clock);
        await digest.stop();
        expect(await digest.poll(clock.now)).toEqual([]);
        expect(log.count({ practiceId: practice.id })).toBe(0);
      });
    });

    describe("daylight saving", () => {
      it("sends a 02:30 digest on New York's spring-forward day at 03:30 EDT, once", async () => {
        // 2026-03-08 02:30 does not exist; the digest goes at 03:30 EDT (07:30Z). The clock is 100 ms before.
        const clock = { now: new Date("2026-03-08T07:29:59.900Z") };
        const practice = await seedPractice(
          repos,
          busyPractice(clock.now, { digestTime: "02:30", digestWeekdays: everyDay }),
        );
        const log = new DeliveryLog();
        const digest = scheduler(practice, log, clock);
        expect(checkFor(await digest.start(), practice)?.action).toBe("not-yet");
        expect(await nextOf(digest, practice)).toEqual(new Date("2026-03-08T07:30:00Z"));

        clock.now = new Date("2026-03-08T07:30:00Z");
        expect(checkFor(await digest.poll(clock.now), practice)?.result?.outcome).toBe("delivered");
        expect(log.sent.find((s) => s.practiceId === practice.id)?.localDate).toBe("2026-03-08");
        // Afterwards the next time is the next day's 02:30, which exists again (EDT), and nothing more is sent.
        expect(await nextOf(digest, practice)).toEqual(new Date("2026-03-09T06:30:00Z"));
        clock.now = new Date("2026-03-08T07:31:00Z");
        expect(checkFor(await digest.poll(clock.now), practice)).toBeUndefined();
        expect(log.count({ practiceId: practice.id })).toBe(1);
      });

      it("sends a 02:30 digest on Berlin's spring-forward day at 03:30 CEST, once", async () => {
        const practice = await seedPractice(
          repos,
          busyPractice(new Date("2026-03-29T01:30:00Z"), {
            timeZone: "Europe/Berlin",
            digestTime: "02:30",
            digestWeekdays: everyDay,
          }),
        );
        const log = new DeliveryLog();
        const clock = { now: new Date("2026-03-29T01:00:00Z") }; // 03:00 CEST, just after the jump
        const digest = scheduler(practice, log, clock);
        expect(checkFor(await digest.runMissed(clock.now), practice)?.action).toBe("not-yet");
        const due = checkFor(await digest.runMissed(new Date("2026-03-29T01:30:00Z")), practice);
        expect(due).toMatchObject({ localDate: "2026-03-29", action: "attempted" });
        await digest.runMissed(new Date("2026-03-29T01:31:00Z"));
        expect(log.count({ practiceId: practice.id })).toBe(1);
      });

      it("sends a 01:30 digest once on New York's fall-back day, though 01:30 happens twice", async () => {
        const first = new Date("2026-11-01T05:30:00Z"); // 01:30 EDT
        const second = new Date("2026-11-01T06:30:00Z"); // 01:30 EST, an hour later
        const practice = await seedPractice(
          repos,
          busyPractice(first, { digestTime: "01:30", digestWeekdays: everyDay, missedDigestCutoff: "12:00" }),
        );
        const log = new DeliveryLog();
        const a = scheduler(practice, log, { now: first }, "instance-A");
        const b = scheduler(practice, log, { now: second }, "instance-B");
        // Instance A looks at the first 01:30; instance B, whose clock says 01:30 again an hour later, looks then.
        expect(checkFor(await a.runMissed(first), practice)?.result?.outcome).toBe("delivered");
        expect(checkFor(await b.runMissed(second), practice)?.action).toBe("nothing-to-do");
        expect(log.count({ practiceId: practice.id })).toBe(1);
      });

      it("sends a 02:30 digest once on Berlin's fall-back day, though 02:30 happens twice", async () => {
        const first = new Date("2026-10-25T00:30:00Z"); // 02:30 CEST
        const second = new Date("2026-10-25T01:30:00Z"); // 02:30 CET
        const practice = await seedPractice(
          repos,
          busyPractice(first, { timeZone: "Europe/Berlin", digestTime: "02:30", digestWeekdays: everyDay }),
        );
        const log = new DeliveryLog();
        const a = scheduler(practice, log, { now: first }, "instance-A");
        const b = scheduler(practice, log, { now: first }, "instance-B");
        // Both look at the first 02:30 at once; then B looks again at the second: the claim keeps one.
        await Promise.all([a.runMissed(first), b.runMissed(first)]);
        expect(checkFor(await b.runMissed(second), practice)?.action).toBe("nothing-to-do");
        expect(log.count({ practiceId: practice.id })).toBe(1);
        expect(log.sent.find((s) => s.practiceId === practice.id)?.localDate).toBe("2026-10-25");
      });
    });
  });
}
