-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN     "memberId" TEXT;

-- CreateTable
CREATE TABLE "NudgeExposure" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "nudgeId" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "shownCount" INTEGER NOT NULL DEFAULT 0,
    "firstShownAt" TIMESTAMP(3) NOT NULL,
    "lastShownAt" TIMESTAMP(3) NOT NULL,
    "lastRunId" TEXT,
    "pausedAt" TIMESTAMP(3),
    "escalatedAt" TIMESTAMP(3),
    "escalatedToMemberId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "NudgeExposure_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "TeamSummaryRun" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "deliveredAt" TIMESTAMP(3),
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "TeamSummaryRun_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "NudgeExposure_practiceId_audience_idx" ON "NudgeExposure"("practiceId", "audience");

-- CreateIndex
CREATE INDEX "NudgeExposure_practiceId_escalatedToMemberId_idx" ON "NudgeExposure"("practiceId", "escalatedToMemberId");

-- CreateIndex
CREATE UNIQUE INDEX "NudgeExposure_nudgeId_audience_key" ON "NudgeExposure"("nudgeId", "audience");

-- CreateIndex
CREATE UNIQUE INDEX "TeamSummaryRun_practiceId_week_memberId_key" ON "TeamSummaryRun"("practiceId", "week", "memberId");

-- CreateIndex
CREATE INDEX "Touch_practiceId_occurredAt_memberId_kind_idx" ON "Touch"("practiceId", "occurredAt", "memberId", "kind");

-- AddForeignKey
ALTER TABLE "NudgeExposure" ADD CONSTRAINT "NudgeExposure_nudgeId_fkey" FOREIGN KEY ("nudgeId") REFERENCES "Nudge"("id") ON DELETE CASCADE ON UPDATE CASCADE;
