-- AlterTable
ALTER TABLE "AuditEvent" ADD COLUMN "memberId" TEXT;

-- CreateTable
CREATE TABLE "NudgeExposure" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "nudgeId" TEXT NOT NULL,
    "audience" TEXT NOT NULL,
    "shownCount" INTEGER NOT NULL DEFAULT 0,
    "firstShownAt" DATETIME NOT NULL,
    "lastShownAt" DATETIME NOT NULL,
    "lastRunId" TEXT,
    "pausedAt" DATETIME,
    "escalatedAt" DATETIME,
    "escalatedToMemberId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "NudgeExposure_nudgeId_fkey" FOREIGN KEY ("nudgeId") REFERENCES "Nudge" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "TeamSummaryRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "claimedBy" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
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
