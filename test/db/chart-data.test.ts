// What the charts read from the database, on both databases: referrals counted per month range (not
// cancelled ones), the top referrers against their year before, who is going quiet, and each member's week.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Practice } from "../../src/core/model.ts";
import type { ChartDataPort } from "../../src/core/ports.ts";
import { createChartData } from "../../src/db/chart-data.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

const NOW = new Date("2026-12-07T15:00:00Z");
const DAY = 86_400_000;
const ago = (days: number) => new Date(NOW.getTime() - days * DAY);

for (const provider of ["sqlite", "postgresql"] as const) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`chart data on ${provider}`, () => {
    let app: TestApp;
    let practice: Practice;
    let port: ChartDataPort;
    let ana: Actor;
    const ids: Record<string, string> = {};

    beforeAll(async () => {
      app = await createTestApp({ provider, now: NOW });
      practice = await app.repos.practices.getOrCreateDefault();
      port = createChartData(app.db.prisma, app.db.provider);
      const member = await app.repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: "U0ANA",
        displayName: "Ana Lopez",
        workspaceExternalId: "T1",
      });
      ana = { practiceId: practice.id, memberId: member.id, name: "Ana Lopez", channel: "slack", role: "liaison" };
      const plan = { Lee: [10, 40, 70, 400], Patel: [5, 6, 380, 390, 395], Kim: [500] };
      for (const [name, days] of Object.entries(plan)) {
        const referrer = await app.repos.referrers.create(
          practice.id,
          { displayName: `Dr. ${name}`, lastName: name },
          ana,
        );
        ids[name] = referrer.id;
        for (const [i, d] of days.entries()) {
          await app.repos.referrals.add(ana, { referrerId: referrer.id, sourceId: `${name}-${i}`, receivedAt: ago(d) });
        }
      }
      await app.db.prisma.referral.create({
        data: {
          practiceId: practice.id,
          referrerId: ids["Lee"]!,
          sourceId: "cancelled",
          receivedAt: ago(11),
          status: "cancelled",
        },
      });
    });
    afterAll(async () => app?.close());

    it("counts the practice's referrals per range, leaving cancelled ones out", async () => {
      expect(await port.referralCounts(practice.id, [ago(30), ago(0)])).toEqual([3]);
      expect(await port.referralCounts(practice.id, [ago(800), ago(365), ago(0)])).toEqual([5, 5]);
      expect((await port.referralTimes(practice.id, ids["Lee"]!, ago(100))).length).toBe(3);
    });

    it("counts a referrer's referrals per month range as their dates would, with the latest since the first", async () => {
      const starts = [ago(800), ago(365), ago(35), ago(0)];
      const times = await port.referralTimes(practice.id, ids["Lee"]!, starts[0]!);
      const counted = await port.referralMonths(practice.id, ids["Lee"]!, starts);
      expect(counted.counts).toEqual([1, 2, 1]);
      expect(counted.counts.reduce((a, b) => a + b, 0)).toBe(times.length);
      expect(counted.latest).toEqual(ago(10));
      expect(await port.referralMonths(practice.id, ids["Kim"]!, [ago(100), ago(0)])).toEqual({
        counts: [0],
        latest: null,
      });
      expect(await port.referralMonths("another-practice", ids["Lee"]!, starts)).toEqual({ counts: [], latest: null });
    });

    it("reads a referrer's touches in time order, and none for another practice's referrer", async () => {
      const kinds = ["call", "thank_you", "meeting"] as const;
      for (const [i, kind] of kinds.entries()) {
        await app.repos.touches.log(ana, {
          referrerId: ids["Patel"]!,
          kind,
          occurredAt: ago(20 - i),
          idempotencyKey: `order-${i}`,
          answers: { closesNudges: [], closesLoops: false },
        });
      }
      const touches = await port.touchTimes(practice.id, ids["Patel"]!, ago(30));
      expect(touches).toEqual(kinds.map((kind, i) => ({ at: ago(20 - i), kind })));
      expect(await port.touchTimes(practice.id, ids["Patel"]!, ago(19.5))).toHaveLength(2);
      expect(await port.touchTimes("another-practice", ids["Patel"]!, ago(30))).toEqual([]);
    });

    it("ranks the top referrers by their last 12 months, with the 12 before", async () => {
      const top = await port.topReferrers(practice.id, { previousFrom: ago(730), recentFrom: ago(365), until: NOW }, 2);
      expect(top).toEqual([
        { name: "Dr. Lee", last12: 3, previous12: 1 },
        { name: "Dr. Patel", last12: 2, previous12: 3 },
      ]);
    });

    it("counts each member's touches by kind this week, and nudges done against passed over", async () => {
      for (const [i, kind] of (["thank_you", "thank_you", "call"] as const).entries()) {
        await app.repos.touches.log(ana, {
          referrerId: ids["Lee"]!,
          kind,
          occurredAt: ago(1),
          idempotencyKey: `week-${i}`,
          answers: { closesNudges: [], closesLoops: false },
        });
      }
      const rows = await port.memberWeek(practice.id, ago(3), NOW);
      expect(rows).toEqual([{ name: "Ana Lopez", touches: { thank_you: 2, call: 1 }, nudgesDone: 0, nudgesPassed: 0 }]);
      expect(await port.memberWeek(practice.id, ago(60), ago(30))).toEqual([]);
    });
  });
}
