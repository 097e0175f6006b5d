import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Practice } from "../../src/core/model.ts";
import { refreshReferrerStats } from "../../src/db/referrer-stats.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

const NOW = new Date("2026-11-23T15:00:00Z");
const daysAgo = (n: number, hour = 10) => new Date(Date.UTC(2026, 10, 23 - n, hour));

for (const provider of ["sqlite", "postgresql"] as const) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`referrer figures on ${provider}`, () => {
    let app: TestApp;
    let practice: Practice;

    beforeAll(async () => {
      app = await createTestApp({ provider, now: NOW });
      practice = await app.repos.practices.getOrCreateDefault();
    });
    afterAll(async () => app?.close());

    async function referrerWith(
      name: string,
      referrals: Array<{ at: Date; status?: "received" | "seen" | "loop_closed" | "cancelled"; seenAt?: Date }>,
      touches: Array<{ kind: "thank_you" | "call" | "meeting" | "liaison_visit" | "feedback_request"; at: Date }> = [],
      feedback: Array<{ sentiment: "positive" | "negative"; at: Date; status?: "open" | "resolved" }> = [],
    ) {
      const { prisma } = app.db;
      const referrer = await prisma.referrer.create({
        data: { practiceId: practice.id, displayName: name, lastName: name },
      });
      for (const [i, r] of referrals.entries()) {
        await prisma.referral.create({
          data: {
            practiceId: practice.id,
            referrerId: referrer.id,
            sourceId: `${name}-${i}`,
            receivedAt: r.at,
            status: r.status ?? "received",
            seenAt: r.seenAt ?? null,
          },
        });
      }
      for (const [i, t] of touches.entries()) {
        await prisma.touch.create({
          data: {
            practiceId: practice.id,
            referrerId: referrer.id,
            kind: t.kind,
            actorName: "Ana",
            occurredAt: t.at,
            channel: "cli",
            idempotencyKey: `${name}-touch-${i}`,
          },
        });
      }
      for (const f of feedback) {
        await prisma.feedback.create({
          data: {
            practiceId: practice.id,
            referrerId: referrer.id,
            sentiment: f.sentiment,
            text: "about scheduling",
            heardBy: "Ana",
            status: f.status ?? "open",
            idempotencyKey: `${name}-feedback-${f.at.getTime()}`,
            createdAt: f.at,
          },
        });
      }
      await refreshReferrerStats(prisma, app.db.provider, practice.id, [referrer.id], NOW);
      return prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: referrer.id } });
    }

    it("counts referrals without the cancelled ones and knows the first and the last", async () => {
      const stats = await referrerWith("Counted", [
        { at: daysAgo(500) },
        { at: daysAgo(30) },
        { at: daysAgo(2), status: "cancelled" },
        { at: daysAgo(5) },
      ]);
      expect(stats).toMatchObject({ referralCount: 3, firstReferralAt: daysAgo(500), lastReferralAt: daysAgo(5) });
    });

    it("keeps per-day counts for the last 400 days only", async () => {
      const stats = await referrerWith("Daily", [
        { at: daysAgo(500) },
        { at: daysAgo(10, 9) },
        { at: daysAgo(10, 16) },
        { at: daysAgo(3) },
      ]);
      const days = new Map<number, number>(JSON.parse(stats.referralDays));
      const day = (d: Date) => Math.floor(d.getTime() / 86_400_000);
      expect([...days.entries()].sort()).toEqual(
        [
          [day(daysAgo(10)), 2],
          [day(daysAgo(3)), 1],
        ].sort(),
      );
    });

    it("counts as unthanked only the referrals after the last thank-you, oldest first", async () => {
      const stats = await referrerWith(
        "Thanked",
        [{ at: daysAgo(40) }, { at: daysAgo(20) }, { at: daysAgo(9) }, { at: daysAgo(4) }],
        [{ kind: "thank_you", at: daysAgo(15) }],
      );
      expect(stats).toMatchObject({ unthankedCount: 2, oldestUnthankedAt: daysAgo(9), lastThankAt: daysAgo(15) });
    });

    it("waits on a call only for recent visits after the last call, not for history or closed loops", async () => {
      const stats = await referrerWith(
        "Visited",
        [
          { at: daysAgo(200), status: "seen", seenAt: daysAgo(190) },
          { at: daysAgo(30), status: "seen", seenAt: daysAgo(20) },
          { at: daysAgo(20), status: "seen", seenAt: daysAgo(8) },
          { at: daysAgo(15), status: "seen", seenAt: daysAgo(3) },
          { at: daysAgo(12), status: "loop_closed", seenAt: daysAgo(2) },
        ],
        [{ kind: "call", at: daysAgo(10) }],
      );
      expect(stats).toMatchObject({
        seenAwaitingCount: 2,
        oldestSeenAwaitingAt: daysAgo(8),
        lastSeenAt: daysAgo(3),
        lastCallAt: daysAgo(10),
        lastTouchAt: daysAgo(10),
      });
    });

    it("takes each kind of touch's latest, and the oldest complaint still open", async () => {
      const stats = await referrerWith(
        "Touched",
        [{ at: daysAgo(60) }],
        [
          { kind: "meeting", at: daysAgo(90) },
          { kind: "liaison_visit", at: daysAgo(45) },
          { kind: "feedback_request", at: daysAgo(30) },
          { kind: "feedback_request", at: daysAgo(12) },
          { kind: "thank_you", at: daysAgo(50) },
        ],
        [
          { sentiment: "negative", at: daysAgo(70), status: "resolved" },
          { sentiment: "negative", at: daysAgo(40) },
          { sentiment: "negative", at: daysAgo(25) },
          { sentiment: "positive", at: daysAgo(80) },
        ],
      );
      expect(stats).toMatchObject({
        lastMeetingAt: daysAgo(45),
        lastCallAt: daysAgo(45),
        lastFeedbackRequestAt: daysAgo(12),
        lastThankAt: daysAgo(50),
        lastTouchAt: daysAgo(12),
        oldestOpenNegativeAt: daysAgo(40),
      });
    });

    it("refreshes two thousand referrers in one call, each with its own figures", async () => {
      const { prisma } = app.db;
      const many = await app.repos.practices.create({ name: `Many referrers ${app.db.provider}` });
      const ids = Array.from({ length: 2_000 }, (_, i) => `many-${app.db.provider}-${i}`);
      await prisma.referrer.createMany({
        data: ids.map((id, i) => ({ id, practiceId: many.id, displayName: `Dr. ${i}`, lastName: `${i}` })),
      });
      // Referrer i has i % 3 referrals: some none, some one, some two.
      await prisma.referral.createMany({
        data: ids.flatMap((referrerId, i) =>
          Array.from({ length: i % 3 }, (_, k) => ({
            practiceId: many.id,
            referrerId,
            sourceId: `${referrerId}-${k}`,
            receivedAt: daysAgo(10 + k),
          })),
        ),
      });
      await refreshReferrerStats(prisma, app.db.provider, many.id, undefined, NOW);
      const stats = await prisma.referrerStats.findMany({ where: { practiceId: many.id } });
      expect(stats).toHaveLength(2_000);
      for (const row of stats) {
        const i = Number(row.referrerId.split("-").at(-1));
        expect(row.referralCount).toBe(i % 3);
        expect(row.lastReferralAt).toEqual(i % 3 === 0 ? null : daysAgo(10));
      }
    });

    it("gives a referrer with no referrals zeros, not a missing row", async () => {
      const stats = await referrerWith("Quiet", []);
      expect(stats).toMatchObject({
        referralCount: 0,
        firstReferralAt: null,
        unthankedCount: 0,
        seenAwaitingCount: 0,
        referralDays: "[]",
      });
    });
  });
}
