-- CreateEnum
CREATE TYPE "Platform" AS ENUM ('slack', 'teams');

-- CreateEnum
CREATE TYPE "MemberRole" AS ENUM ('physician', 'liaison', 'coordinator', 'manager');

-- CreateEnum
CREATE TYPE "ReferrerStatus" AS ENUM ('active', 'archived');

-- CreateEnum
CREATE TYPE "ReferralStatus" AS ENUM ('received', 'scheduled', 'seen', 'loop_closed', 'cancelled');

-- CreateEnum
CREATE TYPE "TouchKind" AS ENUM ('thank_you', 'call', 'meeting', 'returned_referral', 'feedback_request', 'liaison_visit', 'other');

-- CreateEnum
CREATE TYPE "TouchChannel" AS ENUM ('slack', 'teams', 'cli', 'import', 'system');

-- CreateEnum
CREATE TYPE "Sentiment" AS ENUM ('positive', 'neutral', 'negative');

-- CreateEnum
CREATE TYPE "FeedbackStatus" AS ENUM ('open', 'resolved');

-- CreateEnum
CREATE TYPE "NudgeKind" AS ENUM ('thank', 'close_loop', 'welcome', 'meet', 'ask_feedback', 'going_quiet', 'open_problem', 'return_favor');

-- CreateEnum
CREATE TYPE "NudgeStatus" AS ENUM ('open', 'done', 'snoozed', 'dismissed');

-- CreateEnum
CREATE TYPE "DigestRunStatus" AS ENUM ('claimed', 'delivered', 'partial', 'skipped', 'failed');

-- CreateTable
CREATE TABLE "Practice" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "digestTime" TEXT NOT NULL DEFAULT '07:30',
    "digestWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "missedDigestCutoff" TEXT NOT NULL DEFAULT '12:00',
    "skipEmptyDigest" BOOLEAN NOT NULL DEFAULT false,
    "digestTopN" INTEGER NOT NULL DEFAULT 5,
    "closeLoopBusinessDays" INTEGER NOT NULL DEFAULT 2,
    "meetTopFraction" DOUBLE PRECISION NOT NULL DEFAULT 0.2,
    "meetIntervalDays" INTEGER NOT NULL DEFAULT 180,
    "feedbackIntervalDays" INTEGER NOT NULL DEFAULT 90,
    "quietGapFactor" DOUBLE PRECISION NOT NULL DEFAULT 2,
    "quietMinDays" INTEGER NOT NULL DEFAULT 30,
    "openProblemDays" INTEGER NOT NULL DEFAULT 7,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Practice_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ChatWorkspace" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "digestConversation" TEXT,
    "installation" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ChatWorkspace_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "platform" "Platform" NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" "MemberRole" NOT NULL DEFAULT 'coordinator',
    "dmConversation" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Member_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referrer" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "firstName" TEXT,
    "lastName" TEXT NOT NULL,
    "credentials" TEXT,
    "clinic" TEXT,
    "specialty" TEXT,
    "npi" TEXT,
    "phone" TEXT,
    "email" TEXT,
    "aliases" TEXT NOT NULL DEFAULT '[]',
    "status" "ReferrerStatus" NOT NULL DEFAULT 'active',
    "ownerMemberId" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referrer_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "receivedAt" TIMESTAMP(3) NOT NULL,
    "reason" TEXT,
    "specialty" TEXT,
    "status" "ReferralStatus" NOT NULL DEFAULT 'received',
    "scheduledAt" TIMESTAMP(3),
    "seenAt" TIMESTAMP(3),
    "loopClosedAt" TIMESTAMP(3),
    "cancelledAt" TIMESTAMP(3),
    "patientRef" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Referral_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Touch" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "kind" "TouchKind" NOT NULL,
    "memberId" TEXT,
    "actorName" TEXT NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "note" TEXT,
    "channel" "TouchChannel" NOT NULL,
    "referralId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Touch_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "sentiment" "Sentiment" NOT NULL,
    "text" TEXT NOT NULL,
    "heardBy" TEXT NOT NULL,
    "needsFollowUp" BOOLEAN NOT NULL DEFAULT false,
    "status" "FeedbackStatus" NOT NULL DEFAULT 'open',
    "resolvedAt" TIMESTAMP(3),
    "resolution" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Feedback_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Nudge" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "kind" "NudgeKind" NOT NULL,
    "reason" TEXT NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "priority" DOUBLE PRECISION NOT NULL,
    "status" "NudgeStatus" NOT NULL DEFAULT 'open',
    "snoozedUntil" TIMESTAMP(3),
    "assigneeMemberId" TEXT,
    "triggeredAt" TIMESTAMP(3) NOT NULL,
    "liveKey" TEXT,
    "resolvedAt" TIMESTAMP(3),
    "resolvedBy" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "Nudge_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "status" "DigestRunStatus" NOT NULL DEFAULT 'claimed',
    "claimedBy" TEXT NOT NULL,
    "claimedAt" TIMESTAMP(3) NOT NULL,
    "leaseUntil" TIMESTAMP(3) NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "deliveries" TEXT NOT NULL DEFAULT '{}',
    "deliveredAt" TIMESTAMP(3),
    "snapshot" TEXT,
    "note" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "DigestRun_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ReferrerStats" (
    "referrerId" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "referralCount" INTEGER NOT NULL DEFAULT 0,
    "firstReferralAt" TIMESTAMP(3),
    "lastReferralAt" TIMESTAMP(3),
    "referralDays" TEXT NOT NULL DEFAULT '[]',
    "unthankedCount" INTEGER NOT NULL DEFAULT 0,
    "oldestUnthankedAt" TIMESTAMP(3),
    "seenAwaitingCount" INTEGER NOT NULL DEFAULT 0,
    "oldestSeenAwaitingAt" TIMESTAMP(3),
    "lastSeenAt" TIMESTAMP(3),
    "lastThankAt" TIMESTAMP(3),
    "lastCallAt" TIMESTAMP(3),
    "lastMeetingAt" TIMESTAMP(3),
    "lastFeedbackRequestAt" TIMESTAMP(3),
    "lastTouchAt" TIMESTAMP(3),
    "oldestOpenNegativeAt" TIMESTAMP(3),
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ReferrerStats_pkey" PRIMARY KEY ("referrerId")
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "AuditEvent_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Practice_name_key" ON "Practice"("name");

-- CreateIndex
CREATE INDEX "ChatWorkspace_practiceId_idx" ON "ChatWorkspace"("practiceId");

-- CreateIndex
CREATE UNIQUE INDEX "ChatWorkspace_platform_externalId_key" ON "ChatWorkspace"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "Member_practiceId_platform_externalUserId_key" ON "Member"("practiceId", "platform", "externalUserId");

-- CreateIndex
CREATE INDEX "Referrer_practiceId_status_idx" ON "Referrer"("practiceId", "status");

-- CreateIndex
CREATE INDEX "Referrer_practiceId_lastName_idx" ON "Referrer"("practiceId", "lastName");

-- CreateIndex
CREATE UNIQUE INDEX "Referrer_practiceId_npi_key" ON "Referrer"("practiceId", "npi");

-- CreateIndex
CREATE INDEX "Referral_referrerId_receivedAt_idx" ON "Referral"("referrerId", "receivedAt");

-- CreateIndex
CREATE INDEX "Referral_practiceId_createdAt_idx" ON "Referral"("practiceId", "createdAt");

-- CreateIndex
CREATE INDEX "Referral_practiceId_receivedAt_idx" ON "Referral"("practiceId", "receivedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_practiceId_sourceId_key" ON "Referral"("practiceId", "sourceId");

-- CreateIndex
CREATE UNIQUE INDEX "Touch_idempotencyKey_key" ON "Touch"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Touch_referrerId_kind_occurredAt_idx" ON "Touch"("referrerId", "kind", "occurredAt");

-- CreateIndex
CREATE INDEX "Touch_practiceId_occurredAt_idx" ON "Touch"("practiceId", "occurredAt");

-- CreateIndex
CREATE UNIQUE INDEX "Feedback_idempotencyKey_key" ON "Feedback"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Feedback_referrerId_status_idx" ON "Feedback"("referrerId", "status");

-- CreateIndex
CREATE INDEX "Feedback_practiceId_status_sentiment_idx" ON "Feedback"("practiceId", "status", "sentiment");

-- CreateIndex
CREATE UNIQUE INDEX "Nudge_liveKey_key" ON "Nudge"("liveKey");

-- CreateIndex
CREATE INDEX "Nudge_practiceId_status_idx" ON "Nudge"("practiceId", "status");

-- CreateIndex
CREATE INDEX "Nudge_referrerId_kind_idx" ON "Nudge"("referrerId", "kind");

-- CreateIndex
CREATE UNIQUE INDEX "DigestRun_practiceId_localDate_key" ON "DigestRun"("practiceId", "localDate");

-- CreateIndex
CREATE INDEX "ReferrerStats_practiceId_idx" ON "ReferrerStats"("practiceId");

-- CreateIndex
CREATE INDEX "AuditEvent_practiceId_createdAt_idx" ON "AuditEvent"("practiceId", "createdAt");

-- AddForeignKey
ALTER TABLE "ChatWorkspace" ADD CONSTRAINT "ChatWorkspace_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Member" ADD CONSTRAINT "Member_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referrer" ADD CONSTRAINT "Referrer_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referrer" ADD CONSTRAINT "Referrer_ownerMemberId_fkey" FOREIGN KEY ("ownerMemberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Referral" ADD CONSTRAINT "Referral_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Touch" ADD CONSTRAINT "Touch_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Touch" ADD CONSTRAINT "Touch_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Touch" ADD CONSTRAINT "Touch_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nudge" ADD CONSTRAINT "Nudge_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nudge" ADD CONSTRAINT "Nudge_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nudge" ADD CONSTRAINT "Nudge_assigneeMemberId_fkey" FOREIGN KEY ("assigneeMemberId") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "DigestRun" ADD CONSTRAINT "DigestRun_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferrerStats" ADD CONSTRAINT "ReferrerStats_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferrerStats" ADD CONSTRAINT "ReferrerStats_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "AuditEvent" ADD CONSTRAINT "AuditEvent_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
