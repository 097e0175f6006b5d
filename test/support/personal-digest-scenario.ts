// A practice whose physician's own digest and the channel's differ: with two nudges a day, the
// channel gets the welcome call and the biggest thank-you, and the physician (who looks after Dr. Kim)
// the welcome call and Dr. Kim's smaller thank-you. Both the Slack and the Teams redraw tests use it, on SQLite and on PostgreSQL.
import type { Digest, DigestNudge } from "../../src/core/digest/digest-model.ts";
import type { Actor, Practice } from "../../src/core/model.ts";
import { nudgeTitle } from "../../src/core/nudges/nudge-title.ts";
import type { ChatDelivery, Repositories } from "../../src/core/ports.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { type SendDigestResult, sendDigest } from "../../src/scheduler/send-digest.ts";
import type { TestApp } from "./test-app.ts";

const HOUR = 3_600_000;

/** Referrers, their referrals (hours before now), and the nudge each one raises. */
export async function seedDiverging(repos: Repositories, practiceId: string, now: Date): Promise<void> {
  // The scenario is about whom thank-you and welcome nudges go to: the referrals typed here are never
  // scheduled, so the not-scheduled nudge is kept out of it by the longest wait the setting allows.
  // Between card days a thank nudge is only for a top referrer with thankTopUnthanked waiting (cards): with
  // the top half counted as top, Dr. Kim's six are one as well as Dr. Patel's twelve.
  await repos.practices.updateSettings(practiceId, {
    settings: { digestTopN: 2, notScheduledBusinessDays: 30, meetTopFraction: 0.5 },
  });
  const setup: Actor = { practiceId, memberId: null, name: "setup", channel: "cli", role: null };
  const referrer = async (displayName: string, lastName: string, hoursAgo: number[]) => {
    const created = await repos.referrers.create(practiceId, { displayName, lastName }, setup);
    for (const [i, hours] of hoursAgo.entries()) {
      await repos.referrals.add(setup, {
        referrerId: created.id,
        sourceId: `${lastName}-${i}`,
        receivedAt: new Date(now.getTime() - hours * HOUR),
        reason: "knee pain",
      });
    }
    return created;
  };
  // Many referrals, long unthanked: the first nudge everywhere.
  await referrer(
    "Dr. Raj Patel",
    "Patel",
    Array.from({ length: 12 }, (_, i) => (i + 10) * 24),
  );
  // A few this week, from a referrer the practice's physician looks after: the physician's second nudge.
  const kim = await referrer("Dr. Sun Kim", "Kim", [5, 6, 7, 8, 9, 10]);
  const physician = (await repos.members.listForPractice(practiceId)).find((m) => m.role === "physician");
  if (physician) await repos.referrers.setOwner(setup, kim.id, physician.id);
  // A first referral ever: a welcome call the physician should make personally.
  await referrer("Dr. Jennifer Lee", "Lee", [4]);
}

export function titleOf(nudge: Pick<DigestNudge, "kind" | "referrerName">): string {
  return nudgeTitle(nudge.kind, nudge.referrerName);
}

/** The nudge titles in one digest, and those in one but not the other. */
export function compareDigests(mine: Digest, channel: Digest) {
  const own = mine.nudges.map(titleOf);
  const shared = channel.nudges.map(titleOf);
  return {
    own,
    shared,
    onlyMine: own.filter((t) => !shared.includes(t)),
    onlyChannel: shared.filter((t) => !own.includes(t)),
  };
}

/** Today's digest sent through one platform's delivery, as the scheduler sends it. */
export function sendTodaysDigest(
  app: TestApp,
  delivery: ChatDelivery,
  practice: Practice,
  localDate: string,
  now: Date,
): Promise<SendDigestResult> {
  const deps = { repos: app.repos, store: app.digestRuns, data: app.digestData, deliveries: [delivery] };
  return sendDigest({ ...deps, logger: silentLogger() }, practice, localDate, { now, instanceId: "test" });
}
