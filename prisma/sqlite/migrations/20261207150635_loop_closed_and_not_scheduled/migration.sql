-- Written as ADD COLUMN by hand (the engine redefined the tables): every new column is nullable or has a
-- constant default, which SQLite adds in place, so the tables are not copied and parallel migrations merge.

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN "notScheduledReason" TEXT;

-- AlterTable
ALTER TABLE "Practice" ADD COLUMN "notScheduledBusinessDays" INTEGER NOT NULL DEFAULT 3;
ALTER TABLE "Practice" ADD COLUMN "callAfterReport" TEXT NOT NULL DEFAULT 'top_and_first';

-- AlterTable
ALTER TABLE "ReferrerStats" ADD COLUMN "reportedAwaitingCount" INTEGER NOT NULL DEFAULT 0;
ALTER TABLE "ReferrerStats" ADD COLUMN "oldestReportedAwaitingAt" DATETIME;
ALTER TABLE "ReferrerStats" ADD COLUMN "unscheduledTimes" TEXT NOT NULL DEFAULT '[]';
