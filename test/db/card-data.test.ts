// The thank-you cards' reads and stored batches, on SQLite and (with TEST_DATABASE_URL) PostgreSQL.
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildCardBatchNow, storedCardBatch } from "../../src/core/cards/card-day.ts";
import { CARD_DAY, seedCardPractice } from "../support/cards-scenario.ts";
import { createTestApp, POSTGRES_TEST_URL, type TestApp } from "../support/test-app.ts";

for (const provider of ["sqlite", "postgresql"] as const) {
  describe.skipIf(provider === "postgresql" && !POSTGRES_TEST_URL)(`thank-you cards on ${provider}`, () => {
    let app: TestApp;
    let practiceId: string;
    let scene: Awaited<ReturnType<typeof seedCardPractice>>;

    beforeAll(async () => {
      app = await createTestApp({ provider, now: CARD_DAY });
      practiceId = (await app.repos.practices.create({ name: "Lakeside Ortho" })).id;
      scene = await seedCardPractice(app, practiceId, {
        platform: "slack",
        externalUserId: "U0DOC",
        displayName: "Dr. Ann Kim",
        workspaceExternalId: "T0",
      });
    });
    afterAll(async () => app?.close());

    it("reads each referrer's newest unthanked referrals' specialties after their last thank-you", async () => {
      const rows = await app.cardData.unthankedSpecialties(practiceId, [
        { referrerId: scene.lee.id, since: new Date(CARD_DAY.getTime() - 5 * 86_400_000) },
        { referrerId: scene.patel.id, since: new Date(0) },
      ]);
      const byReferrer = (id: string) =>
        rows
          .filter((r) => r.referrerId === id)
          .sort((a, b) => b.receivedAt.getTime() - a.receivedAt.getTime())
          .map((r) => r.specialty);
      expect(byReferrer(scene.lee.id)).toEqual(["Spine", "Sports Medicine"]);
      expect(byReferrer(scene.patel.id)).toEqual(["Joint Replacement", "Joint Replacement"]);
    });

    it("stores one batch per practice and week, and keeps the first one", async () => {
      const practice = (await app.repos.practices.findById(practiceId))!;
      const [a, b] = await Promise.all([
        storedCardBatch({ cards: app.cardData }, practice, "2026-W50", CARD_DAY),
        storedCardBatch({ cards: app.cardData }, practice, "2026-W50", CARD_DAY),
      ]);
      expect(a.id).toBe(b.id);
      expect(a.entries.map((e) => e.referrerName)).toEqual(["Dr. Jennifer Lee", "Dr. Raj Patel"]);
      expect((await app.cardData.findBatchById(practiceId, a.id!))?.entries).toEqual(a.entries);
      expect(await app.cardData.findBatchById("another-practice", a.id!)).toBeNull();
      const fresh = await buildCardBatchNow({ cards: app.cardData }, practice, "2026-W50", CARD_DAY);
      expect(fresh.entries[0]?.specialties).toEqual(["Spine", "Sports Medicine"]);
    });
  });
}
