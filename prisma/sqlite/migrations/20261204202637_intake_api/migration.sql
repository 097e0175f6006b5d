-- CreateTable
CREATE TABLE "ReferralStatusChange" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "referralId" TEXT,
    "status" TEXT NOT NULL,
    "occurredAt" DATETIME NOT NULL,
    "appliedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ReferralStatusChange_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ReferralStatusChange_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "revokedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ApiToken_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Practice" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "timeZone" TEXT NOT NULL DEFAULT 'America/New_York',
    "digestTime" TEXT NOT NULL DEFAULT '07:30',
    "digestWeekdays" TEXT NOT NULL DEFAULT '1,2,3,4,5',
    "missedDigestCutoff" TEXT NOT NULL DEFAULT '12:00',
    "skipEmptyDigest" BOOLEAN NOT NULL DEFAULT false,
    "reasonDisplay" TEXT NOT NULL DEFAULT 'cleaned',
    "digestTopN" INTEGER NOT NULL DEFAULT 5,
    "closeLoopBusinessDays" INTEGER NOT NULL DEFAULT 2,
    "meetTopFraction" REAL NOT NULL DEFAULT 0.2,
    "meetIntervalDays" INTEGER NOT NULL DEFAULT 180,
    "feedbackIntervalDays" INTEGER NOT NULL DEFAULT 90,
    "quietGapFactor" REAL NOT NULL DEFAULT 2,
    "quietMinDays" INTEGER NOT NULL DEFAULT 30,
    "openProblemDays" INTEGER NOT NULL DEFAULT 7,
    "apiRequestsPerMinute" INTEGER NOT NULL DEFAULT 600,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL
);
INSERT INTO "new_Practice" ("closeLoopBusinessDays", "createdAt", "digestTime", "digestTopN", "digestWeekdays", "feedbackIntervalDays", "id", "meetIntervalDays", "meetTopFraction", "missedDigestCutoff", "name", "openProblemDays", "quietGapFactor", "quietMinDays", "reasonDisplay", "skipEmptyDigest", "timeZone", "updatedAt") SELECT "closeLoopBusinessDays", "createdAt", "digestTime", "digestTopN", "digestWeekdays", "feedbackIntervalDays", "id", "meetIntervalDays", "meetTopFraction", "missedDigestCutoff", "name", "openProblemDays", "quietGapFactor", "quietMinDays", "reasonDisplay", "skipEmptyDigest", "timeZone", "updatedAt" FROM "Practice";
DROP TABLE "Practice";
ALTER TABLE "new_Practice" RENAME TO "Practice";
CREATE UNIQUE INDEX "Practice_name_key" ON "Practice"("name");
CREATE TABLE "new_Referral" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL DEFAULT 'csv',
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
INSERT INTO "new_Referral" ("cancelledAt", "createdAt", "id", "loopClosedAt", "patientRef", "practiceId", "reason", "receivedAt", "referrerId", "scheduledAt", "seenAt", "sourceId", "specialty", "status", "updatedAt") SELECT "cancelledAt", "createdAt", "id", "loopClosedAt", "patientRef", "practiceId", "reason", "receivedAt", "referrerId", "scheduledAt", "seenAt", "sourceId", "specialty", "status", "updatedAt" FROM "Referral";
DROP TABLE "Referral";
ALTER TABLE "new_Referral" RENAME TO "Referral";
CREATE INDEX "Referral_referrerId_receivedAt_idx" ON "Referral"("referrerId", "receivedAt");
CREATE INDEX "Referral_referrerId_status_receivedAt_seenAt_updatedAt_idx" ON "Referral"("referrerId", "status", "receivedAt", "seenAt", "updatedAt");
CREATE INDEX "Referral_practiceId_createdAt_idx" ON "Referral"("practiceId", "createdAt");
CREATE INDEX "Referral_practiceId_receivedAt_idx" ON "Referral"("practiceId", "receivedAt");
CREATE UNIQUE INDEX "Referral_practiceId_sourceSystem_sourceId_key" ON "Referral"("practiceId", "sourceSystem", "sourceId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "ReferralStatusChange_referralId_idx" ON "ReferralStatusChange"("referralId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralStatusChange_practiceId_sourceSystem_sourceId_status_key" ON "ReferralStatusChange"("practiceId", "sourceSystem", "sourceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_practiceId_idx" ON "ApiToken"("practiceId");
