// Nudges that do not tire, through the real digest sending on a real database: each reader gets at
// most the practice's nudges a day, counted as what is really waiting for them; a nudge shown three
// times without a click is paused for that reader and handed on once, with how long it has waited.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Digest } from "../../src/core/digest/digest-model.ts";
import type { Actor, Member, Practice } from "../../src/core/model.ts";
import type { ChatDelivery, DeliveryTarget } from "../../src/core/ports.ts";
import { localDateOf } from "../../src/core/time/local-date.ts";
import { silentLogger } from "../../src/logging/logger.ts";
import { sendDigest } from "../../src/scheduler/send-digest.ts";
import { POSTGRES_TEST_URL } from "../support/scheduler-fixtures.ts";
import { createTestApp, type TestApp } from "../support/test-app.ts";

const MONDAY = new Date("2026-12-07T12:30:00Z");
const DAY = 86_400_000;
const weekday = (n: number) => new Date(MONDAY.getTime() + n * DAY);

/** Delivers to one shared channel and to each member's own chat, keeping what each reader got. */
function recordingDelivery(members: Member[]): ChatDelivery & { got: Map<string, Digest[]> } {
  const got = new Map<string, Digest[]>();
  return {
    platform: "console",
    got,
    async targets() {
      return [
        { platform: "console", key: "channel", address: "channel" },
        ...members.map(
          (m): DeliveryTarget => ({ platform: "console", key: `dm:${m.id}`, address: m.id, memberId: m.id }),
        ),
      ];
    },
    async deliver(target, digest) {
      got.set(target.key, [...(got.get(target.key) ?? []), digest]);
    },
  };
}

const titles = (d: Digest | undefined) => (d?.nudges ?? []).map((n) => `${n.kind}:${n.referrerName}`);

for (const provider of ["sqlite", "postgresql"] as const) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`nudges that do not tire on ${provider}`, () => {
    let app: TestApp;
    let practice: Practice;
    let kim: Member;
    let ana: Member;
    let delivery: ReturnType<typeof recordingDelivery>;

    const send = async (n: number) => {
      const now = weekday(n);
      app.clock.set(now);
      const deps = { repos: app.repos, store: app.digestRuns, data: app.digestData, exposures: app.exposures };
      return sendDigest(
        { ...deps, deliveries: [delivery], logger: silentLogger() },
        practice,
        localDateOf(now, practice.timeZone),
        {
          now,
          instanceId: "test",
        },
      );
    };
    const last = (key: string) => delivery.got.get(key)?.at(-1);

    beforeAll(async () => {
      app = await createTestApp({ provider, now: MONDAY });
      practice = await app.repos.practices.getOrCreateDefault();
      // Referrals typed in chat never report an appointment: keep the not-scheduled nudge out of this story.
      // Between card days thank-yous come only for top referrers with thankTopUnthanked waiting (the weekly
      // cards take the rest): the three regulars, with three each, are the top 30% here.
      practice = await app.repos.practices.updateSettings(practice.id, {
        settings: { notScheduledBusinessDays: 30, thankTopUnthanked: 3, meetTopFraction: 0.3 },
      });
      const setup: Actor = { practiceId: practice.id, memberId: null, name: "setup", channel: "cli", role: null };
      const member = (id: string, name: string) =>
        app.repos.members.upsert({
          practiceId: practice.id,
          platform: "slack",
          externalUserId: id,
          displayName: name,
          workspaceExternalId: "T1",
        });
      kim = await app.repos.members.setRole((await member("UKIM", "Dr. Sun Kim")).id, "physician");
      ana = await app.repos.members.setRole((await member("UANA", "Ana Lopez")).id, "liaison");
      const referrer = async (last: string, referrals: number) => {
        const r = await app.repos.referrers.create(practice.id, { displayName: `Dr. ${last}`, lastName: last }, setup);
        for (let i = 0; i < referrals; i++) {
          await app.repos.referrals.add(setup, {
            referrerId: r.id,
            sourceId: `${last}-${i}`,
            receivedAt: new Date(MONDAY.getTime() - (3 + i) * DAY),
            reason: "knee pain",
          });
        }
        return r;
      };
      // Seven first referrals ever: seven welcome calls the physician makes personally.
      for (const name of ["Adams", "Baker", "Clark", "Davis", "Evans", "Fisher", "Green"]) await referrer(name, 1);
      // Three regulars with unthanked referrals: thank-yous for the liaison.
      for (const name of ["Patel", "Quinn", "Reyes"]) {
        const regular = await referrer(name, 3);
        // Met last month: no meet nudge for these top referrers, only the thank-yous.
        await app.repos.touches.log(setup, {
          referrerId: regular.id,
          kind: "meeting",
          occurredAt: new Date(MONDAY.getTime() - 30 * DAY),
          idempotencyKey: `met-${name}`,
          answers: { closesNudges: [], closesLoops: false },
        });
      }
      delivery = recordingDelivery([kim, ana]);
    }, 60_000);
    afterAll(async () => {
      await app?.close();
    });

    it("gives each reader at most five nudges, and counts what is really waiting for them", async () => {
      const result = await send(0);
      expect(result.outcome).toBe("delivered");
      const mine = last(`dm:${kim.id}`)!;
      expect(mine.nudges).toHaveLength(5);
      expect(mine.nudges.every((n) => n.kind === "welcome")).toBe(true);
      expect(mine.moreNudges).toBe(2);
      const hers = last(`dm:${ana.id}`)!;
      expect(titles(hers).sort()).toEqual(["thank:Dr. Patel", "thank:Dr. Quinn", "thank:Dr. Reyes"]);
      expect(hers.moreNudges).toBe(0);
      const channel = last("channel")!;
      expect(channel.nudges).toHaveLength(5);
      // Welcome calls come before thank-yous in the shared digest too.
      expect(channel.nudges.every((n) => n.kind === "welcome")).toBe(true);
      expect(channel.moreNudges).toBe(5);
    });

    it("pauses what a reader passed over three times and hands it on once, saying how long it waited", async () => {
      await send(1);
      await send(2);
      const third = last(`dm:${kim.id}`)!;
      const passed = titles(third);
      expect(passed).toHaveLength(5);

      await send(3);
      const mine = last(`dm:${kim.id}`)!;
      // The five passed over are paused for Kim: the other two welcome calls are all that is left.
      expect(titles(mine).filter((t) => passed.includes(t))).toEqual([]);
      expect(mine.nudges).toHaveLength(2);
      expect(mine.moreNudges).toBe(0);
      const hers = last(`dm:${ana.id}`)!;
      expect(hers.nudges).toHaveLength(5);
      const handed = hers.nudges.filter((n) => n.escalation);
      expect(handed.map((n) => `${n.kind}:${n.referrerName}`).sort()).toEqual([...passed].sort());
      expect(handed[0]!.escalation).toMatch(/^Welcome Dr\. \w+ has waited 3 days and been passed over 3 times$/);
      // She passed her own three thank-yous over too: paused for her, with nobody else to hand them to.
      expect(hers.nudges.filter((n) => !n.escalation)).toEqual([]);
      expect(hers.moreNudges).toBe(0);

      const rows = await app.db.prisma.nudgeExposure.findMany({
        where: { escalatedAt: { not: null } },
        include: { nudge: { select: { kind: true } } },
      });
      // Each nudge is handed on once, whoever else passed it over (the channel too).
      expect(new Set(rows.map((r) => r.nudgeId)).size).toBe(rows.length);
      const welcomes = rows.filter((r) => r.nudge.kind === "welcome");
      expect(welcomes).toHaveLength(5);
      expect(welcomes.every((r) => r.escalatedToMemberId === ana.id)).toBe(true);
      const thanks = rows.filter((r) => r.nudge.kind === "thank");
      expect(thanks.map((r) => [r.audience, r.escalatedToMemberId])).toEqual([
        [ana.id, null],
        [ana.id, null],
        [ana.id, null],
      ]);
    });

    it("counts a resent digest run once", async () => {
      const before = await app.db.prisma.nudgeExposure.findMany({ orderBy: { id: "asc" } });
      const again = await send(3);
      expect(again.outcome).toBe("already-done");
      const after = await app.db.prisma.nudgeExposure.findMany({ orderBy: { id: "asc" } });
      expect(after.map((r) => r.shownCount)).toEqual(before.map((r) => r.shownCount));
    });
  });
}
