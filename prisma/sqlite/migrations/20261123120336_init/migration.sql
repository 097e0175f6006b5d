-- CreateTable
CREATE TABLE "Practice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "digestTime" TEXT NOT NULL DEFAULT '07:30',
    "digestWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "missedDigestCutoff" TEXT NOT NULL DEFAULT '12:00',
    "skipEmptyDigest" BOOLEAN NOT NULL DEFAULT false,
    "digestTopN" INTEGER NOT NULL DEFAULT 5,
    "closeLoopBusinessDays" INTEGER NOT NULL DEFAULT 2,
    "meetTopFraction" REAL NOT NULL DEFAULT 0.2,
    "meetIntervalDays" INTEGER NOT NULL DEFAULT 180,
    "feedbackIntervalDays" INTEGER NOT NULL DEFAULT 90,
    "quietGapFactor" REAL NOT NULL DEFAULT 2,
    "quietMinDays" INTEGER NOT NULL DEFAULT 30,
    "openProblemDays" INTEGER NOT NULL DEFAULT 7,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ChatWorkspace" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT,
    "digestConversation" TEXT,
    "installation" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ChatWorkspace_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Member" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "platform" TEXT NOT NULL,
    "externalUserId" TEXT NOT NULL,
    "displayName" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'coordinator',
    "dmConversation" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Member_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Referrer" (
    "id" TEXT NOT NULL PRIMARY KEY,
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
    "status" TEXT NOT NULL DEFAULT 'active',
    "ownerMemberId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Referrer_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Referrer_ownerMemberId_fkey" FOREIGN KEY ("ownerMemberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Referral" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "reason" TEXT,
    "specialty" TEXT,
    "status" TEXT NOT NULL DEFAULT 'received',
    "scheduledAt" DATETIME,
    "seenAt" DATETIME,
    "loopClosedAt" DATETIME,
    "cancelledAt" DATETIME,
    "patientRef" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Referral_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Referral_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Touch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "memberId" TEXT,
    "actorName" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "note" TEXT,
    "channel" TEXT NOT NULL,
    "referralId" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Touch_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Touch_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Touch_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "heardBy" TEXT NOT NULL,
    "needsFollowUp" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedAt" DATETIME,
    "resolution" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Feedback_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Nudge" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "priority" REAL NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "snoozedUntil" DATETIME,
    "assigneeMemberId" TEXT,
    "triggeredAt" DATETIME NOT NULL,
    "liveKey" TEXT,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Nudge_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Nudge_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Nudge_assigneeMemberId_fkey" FOREIGN KEY ("assigneeMemberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DigestRun" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "localDate" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'claimed',
    "claimedBy" TEXT NOT NULL,
    "claimedAt" DATETIME NOT NULL,
    "leaseUntil" DATETIME NOT NULL,
    "attempts" INTEGER NOT NULL DEFAULT 1,
    "deliveries" TEXT NOT NULL DEFAULT '{}',
    "deliveredAt" DATETIME,
    "snapshot" TEXT,
    "note" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "DigestRun_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ReferrerStats" (
    "referrerId" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referralCount" INTEGER NOT NULL DEFAULT 0,
    "firstReferralAt" DATETIME,
    "lastReferralAt" DATETIME,
    "referralDays" TEXT NOT NULL DEFAULT '[]',
    "unthankedCount" INTEGER NOT NULL DEFAULT 0,
    "oldestUnthankedAt" DATETIME,
    "seenAwaitingCount" INTEGER NOT NULL DEFAULT 0,
    "oldestSeenAwaitingAt" DATETIME,
    "lastSeenAt" DATETIME,
    "lastThankAt" DATETIME,
    "lastCallAt" DATETIME,
    "lastMeetingAt" DATETIME,
    "lastFeedbackRequestAt" DATETIME,
    "lastTouchAt" DATETIME,
    "oldestOpenNegativeAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "ReferrerStats_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReferrerStats_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditEvent" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "actor" TEXT NOT NULL,
    "source" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "entity" TEXT NOT NULL,
    "entityId" TEXT,
    "oldValue" TEXT,
    "newValue" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "AuditEvent_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
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
