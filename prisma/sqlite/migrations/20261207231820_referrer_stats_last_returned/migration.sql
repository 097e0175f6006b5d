-- AlterTable
ALTER TABLE "ReferrerStats" ADD COLUMN "lastReturnedAt" DATETIME;

-- Backfill: the figure is otherwise written only when a referrer's stats are next refreshed.
UPDATE "ReferrerStats" SET "lastReturnedAt" = (
  SELECT max(t."occurredAt") FROM "Touch" t
  WHERE t."referrerId" = "ReferrerStats"."referrerId" AND t."kind" = 'returned_referral'
);
