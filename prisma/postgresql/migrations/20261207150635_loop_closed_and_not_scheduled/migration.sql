-- AlterEnum
ALTER TYPE "NudgeKind" ADD VALUE 'not_scheduled';

-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "callAfterReport" TEXT NOT NULL DEFAULT 'top_and_first',
ADD COLUMN     "notScheduledBusinessDays" INTEGER NOT NULL DEFAULT 3;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "notScheduledReason" TEXT;

-- AlterTable
ALTER TABLE "ReferrerStats" ADD COLUMN     "oldestReportedAwaitingAt" TIMESTAMP(3),
ADD COLUMN     "reportedAwaitingCount" INTEGER NOT NULL DEFAULT 0,
ADD COLUMN     "unscheduledTimes" TEXT NOT NULL DEFAULT '[]';
