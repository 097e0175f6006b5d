// The monthly never-sent-back nudge through the real digest and database: raised for a top referrer
// once the practice sends patients of their specialty to someone else, kept away for the month by
// "Not needed", back the next month, and gone for good once a patient is sent back to them.
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { buildDailyDigest } from "../../../src/core/digest/build-daily-digest.ts";
import type { Actor, Practice } from "../../../src/core/model.ts";
import { touchAnswers } from "../../../src/core/nudges/touch-answers.ts";
import { localDateOf } from "../../../src/core/time/local-date.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../../support/test-app.ts";

// Wednesday 11 November 2026, 10:00 in New York.
const NOW = new Date("2026-11-11T15:00:00Z");
const DAY = 86_400_000;

let app: TestApp;
let practice: Practice;
let setup: Actor;

async function referrer(displayName: string, specialty: string, daysAgo: number[]) {
  const lastName = displayName.split(" ").at(-1)!;
  const created = await app.repos.referrers.create(practice.id, { displayName, lastName, specialty }, setup);
  for (const [i, ago] of daysAgo.entries()) {
    await app.repos.referrals.add(setup, {
      referrerId: created.id,
      sourceId: `${lastName}-${i}`,
      receivedAt: new Date(NOW.getTime() - ago * DAY),
      reason: "chest pain",
    });
  }
  return created;
}

async function sendBack(referrerId: string, at: Date) {
  await app.repos.touches.log(setup, {
    referrerId,
    kind: "returned_referral",
    occurredAt: at,
    idempotencyKey: `back-${referrerId}-${at.getTime()}`,
    answers: touchAnswers("returned_referral"),
  });
}

async function sendBackNudges(now: Date) {
  app.clock.set(now);
  const digest = await buildDailyDigest(app.digestData, practice, localDateOf(now, practice.timeZone), { now });
  return digest.nudges.filter((n) => n.kind === "return_favor");
}

describe.each([
  { provider: "sqlite" as const, skip: false },
  { provider: "postgresql" as const, skip: !POSTGRES_TEST_URL },
])("the monthly never-sent-back nudge in the digest ($provider)", ({ provider, skip }) => {
  beforeEach(async () => {
    if (skip) return;
    app = await createTestApp({ provider, now: NOW });
    practice = await app.repos.practices.getOrCreateDefault();
    setup = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli", role: null };
    await app.repos.practices.updateSettings(practice.id, { settings: { digestTopN: 50 } });
    practice = (await app.repos.practices.findById(practice.id))!;
  });
  afterEach(async () => app?.close());

  it.skipIf(skip)(
    "is raised once a month for a top referrer never sent a patient back, when the practice sends their specialty",
    async () => {
      const okoro = await referrer(
        "Dr. Ada Okoro",
        "Cardiology",
        Array.from({ length: 20 }, (_, i) => 5 + i * 15),
      );
      const haddad = await referrer("Dr. Omar Haddad", "cardiologist", [40]);
      for (const name of ["Dr. Ann Bell", "Dr. Bo Chan", "Dr. Cy Diaz"]) await referrer(name, "Dermatology", [60]);

      expect(await sendBackNudges(NOW)).toEqual([]);

      await sendBack(haddad.id, new Date(NOW.getTime() - 3 * DAY));
      const [nudge, ...others] = await sendBackNudges(NOW);
      expect(others).toEqual([]);
      expect(nudge).toMatchObject({ referrerId: okoro.id, referrerName: "Dr. Ada Okoro" });
      expect(nudge?.reason).toContain("never had a patient back");

      await app.repos.nudges.transition(setup, nudge!.nudgeId, { status: "dismissed" });
      expect(await sendBackNudges(new Date(NOW.getTime() + DAY))).toEqual([]);
      expect(await sendBackNudges(new Date("2026-11-30T15:00:00Z"))).toEqual([]);
      const december = await sendBackNudges(new Date("2026-12-01T15:00:00Z"));
      expect(december.map((n) => n.referrerId)).toEqual([okoro.id]);

      await sendBack(okoro.id, new Date("2026-12-01T16:00:00Z"));
      expect(await sendBackNudges(new Date("2026-12-02T15:00:00Z"))).toEqual([]);
      expect(await sendBackNudges(new Date("2027-01-04T15:00:00Z"))).toEqual([]);
    },
  );
});
