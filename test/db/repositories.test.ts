import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Actor, Practice } from "../../src/core/model.ts";
import { touchAnswers } from "../../src/core/nudges/touch-answers.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

const providers = ["sqlite", "postgresql"] as const;
if (!POSTGRES_TEST_URL) {
  console.info(
    "PostgreSQL repository tests skipped: set TEST_DATABASE_URL=postgresql://postgres@127.0.0.1:5432/test to run them.",
  );
}

for (const provider of providers) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`repositories on ${provider}`, () => {
    let app: TestApp;
    let practice: Practice;
    let actor: Actor;

    beforeAll(async () => {
      app = await createTestApp({ provider, now: new Date("2026-11-23T15:00:00Z") });
      practice = await app.repos.practices.getOrCreateDefault();
      actor = { practiceId: practice.id, memberId: null, name: "Ana", channel: "slack", role: "liaison" };
    });
    afterAll(async () => app?.close());

    it("creates the default practice once, however many ask at the same time", async () => {
      const all = await Promise.all([1, 2, 3].map(() => app.repos.practices.getOrCreateDefault()));
      expect(new Set(all.map((p) => p.id)).size).toBe(1);
      expect(await app.repos.practices.list()).toHaveLength(1);
    });

    it("gives every new workspace a practice of its own, named after it, even the first", async () => {
      const first = await app.repos.workspaces.getOrLink("slack", "T-FIRST", { name: "First Clinic" });
      const second = await app.repos.workspaces.getOrLink("slack", "T-SECOND", { name: "Other Clinic" });
      const namesake = await app.repos.workspaces.getOrLink("teams", "tenant-x", { name: "Other Clinic" });
      const again = await app.repos.workspaces.getOrLink("slack", "T-FIRST");
      expect(first.practiceId).not.toBe(practice.id);
      expect(second.practiceId).not.toBe(practice.id);
      expect(second.practiceId).not.toBe(first.practiceId);
      expect((await app.repos.practices.findById(second.practiceId))?.name).toBe("Other Clinic");
      expect((await app.repos.practices.findById(namesake.practiceId))?.name).toBe("Other Clinic (2)");
      expect(again.id).toBe(first.id);
    });

    it("lets only the operator's workspace (joinDefault) or an explicit practice join an existing practice", async () => {
      const operator = await app.repos.workspaces.getOrLink("slack", "T-OPERATOR", { joinDefault: true });
      const linked = await app.repos.workspaces.getOrLink("teams", "tenant-linked", { practiceId: practice.id });
      expect(operator.practiceId).toBe(practice.id);
      expect(linked.practiceId).toBe(practice.id);
    });

    it("moves a workspace into a practice by an explicit link, and out into one of its own by unlink", async () => {
      const own = await app.repos.workspaces.getOrLink("teams", "tenant-move", { name: "Moving Clinic" });
      await app.repos.workspaces.setDigestConversation(own.id, "{}");
      const moved = await app.repos.workspaces.linkToPractice("teams", "tenant-move", practice.id);
      expect(moved).toMatchObject({ id: own.id, practiceId: practice.id, digestConversation: null });
      const fresh = await app.repos.workspaces.linkToPractice("slack", "T-NEVER-SEEN", practice.id);
      expect(fresh.practiceId).toBe(practice.id);

      const out = await app.repos.workspaces.unlink("teams", "tenant-move");
      expect(out?.practiceId).not.toBe(practice.id);
      expect(out?.practiceId).not.toBe(own.practiceId);
      expect(await app.repos.workspaces.unlink("teams", "tenant-unknown")).toBeNull();
      expect((await app.repos.workspaces.listAll()).map((w) => w.externalId)).toContain("tenant-move");
    });

    it("remembers the workspace a member was last seen in, not one they were only mentioned in", async () => {
      const seen = (workspaceExternalId: string) =>
        app.repos.members.upsert({
          practiceId: practice.id,
          platform: "slack",
          externalUserId: "U-TRAVELLER",
          displayName: "Dr. Rosa Diaz",
          workspaceExternalId,
        });
      const first = await seen("T-FIRST");
      const moved = await seen("T-SECOND");
      expect(first.workspaceExternalId).toBe("T-FIRST");
      expect(moved).toMatchObject({ id: first.id, workspaceExternalId: "T-SECOND" });
      // Someone in another workspace mentioning them is no sign they moved.
      const mentioned = await app.repos.members.upsert({
        practiceId: practice.id,
        platform: "slack",
        externalUserId: "U-TRAVELLER",
        displayName: "Dr. Rosa Diaz",
        workspaceExternalId: "T-THIRD",
        mentioned: true,
      });
      expect(mentioned.workspaceExternalId).toBe("T-SECOND");
      expect((await app.repos.members.findById(first.id))?.workspaceExternalId).toBe("T-SECOND");
    });

    it("logs a touch once for the same idempotency key, even when the requests race", async () => {
      const lee = await app.repos.referrers.create(
        practice.id,
        { displayName: "Dr. Jennifer Lee", lastName: "Lee" },
        actor,
      );
      const input = {
        referrerId: lee.id,
        kind: "call" as const,
        occurredAt: app.clock.now(),
        idempotencyKey: "click-1",
        answers: touchAnswers("call"),
      };
      const results = await Promise.all([1, 2, 3].map(() => app.repos.touches.log(actor, input)));
      expect(results.filter((r) => r.created)).toHaveLength(1);
      expect(new Set(results.map((r) => r.touch.id)).size).toBe(1);
      expect(await app.db.prisma.touch.count({ where: { idempotencyKey: "click-1" } })).toBe(1);
    });

    it("keeps the referrer's figures current when a referral and a thank-you are written", async () => {
      const patel = await app.repos.referrers.create(
        practice.id,
        { displayName: "Dr. Raj Patel", lastName: "Patel" },
        actor,
      );
      for (const n of [1, 2, 3]) {
        await app.repos.referrals.add(actor, {
          referrerId: patel.id,
          sourceId: `R-${n}`,
          receivedAt: new Date(`2026-11-0${n}T10:00:00Z`),
        });
      }
      let stats = await app.db.prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: patel.id } });
      expect(stats.referralCount).toBe(3);
      expect(stats.unthankedCount).toBe(3);
      await app.repos.touches.log(actor, {
        referrerId: patel.id,
        kind: "thank_you",
        occurredAt: new Date("2026-11-20T10:00:00Z"),
        idempotencyKey: "thanks-patel",
        answers: touchAnswers("thank_you"),
      });
      stats = await app.db.prisma.referrerStats.findUniqueOrThrow({ where: { referrerId: patel.id } });
      expect(stats.unthankedCount).toBe(0);
      expect(stats.lastThankAt?.toISOString()).toBe("2026-11-20T10:00:00.000Z");
    });

    it("adds a referral typed in chat once, however often the command is retried", async () => {
      const kim = await app.repos.referrers.create(practice.id, { displayName: "Dr. Kim", lastName: "Kim" }, actor);
      const input = { referrerId: kim.id, sourceId: "chat:req-9", receivedAt: app.clock.now(), reason: "knee pain" };
      const [a, b] = await Promise.all([app.repos.referrals.add(actor, input), app.repos.referrals.add(actor, input)]);
      expect([a.created, b.created].sort()).toEqual([false, true]);
    });

    it("never finds another practice's referrer by id", async () => {
      const other = await app.repos.practices.create({ name: "Elsewhere Orthopedics" });
      const theirs = await app.repos.referrers.create(
        other.id,
        { displayName: "Dr. Secret", lastName: "Secret" },
        { ...actor, practiceId: other.id },
      );
      expect(await app.repos.referrers.findById(practice.id, theirs.id)).toBeNull();
      expect(await app.repos.referrers.findById(other.id, theirs.id)).not.toBeNull();
    });

    it("moves an open nudge once: a second click finds it already handled", async () => {
      const ref = await app.repos.referrers.create(practice.id, { displayName: "Dr. Once", lastName: "Once" }, actor);
      const nudge = await app.db.prisma.nudge.create({
        data: {
          practiceId: practice.id,
          referrerId: ref.id,
          kind: "meet",
          reason: "Top referrer; not met for 7 months",
          dueAt: app.clock.now(),
          priority: 3,
          triggeredAt: app.clock.now(),
          liveKey: `${ref.id}:meet`,
        },
      });
      const [a, b] = await Promise.all([
        app.repos.nudges.transition(actor, nudge.id, { status: "dismissed" }),
        app.repos.nudges.transition(actor, nudge.id, { status: "dismissed" }),
      ]);
      expect([a, b].filter(Boolean)).toHaveLength(1);
      expect(await app.db.prisma.auditEvent.count({ where: { entityId: nudge.id } })).toBe(1);
    });

    it("writes an audit event for every change made from chat", async () => {
      const count = await app.db.prisma.auditEvent.count({ where: { practiceId: practice.id } });
      expect(count).toBeGreaterThanOrEqual(8);
      const one = await app.db.prisma.auditEvent.findFirstOrThrow({ where: { action: "touch.log" } });
      expect(one.actor).toBe("Ana");
      expect(one.source).toBe("slack");
    });
  });
}
