-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Feedback" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "sentiment" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "heardBy" TEXT NOT NULL,
    "needsFollowUp" BOOLEAN NOT NULL DEFAULT false,
    "status" TEXT NOT NULL DEFAULT 'open',
    "resolvedAt" DATETIME,
    "resolvedById" TEXT,
    "resolution" TEXT,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Feedback_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Feedback_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Feedback_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Feedback" ("createdAt", "heardBy", "id", "idempotencyKey", "needsFollowUp", "practiceId", "referrerId", "resolution", "resolvedAt", "sentiment", "status", "text") SELECT "createdAt", "heardBy", "id", "idempotencyKey", "needsFollowUp", "practiceId", "referrerId", "resolution", "resolvedAt", "sentiment", "status", "text" FROM "Feedback";
DROP TABLE "Feedback";
ALTER TABLE "new_Feedback" RENAME TO "Feedback";
CREATE UNIQUE INDEX "Feedback_idempotencyKey_key" ON "Feedback"("idempotencyKey");
CREATE INDEX "Feedback_referrerId_status_idx" ON "Feedback"("referrerId", "status");
CREATE INDEX "Feedback_practiceId_status_sentiment_idx" ON "Feedback"("practiceId", "status", "sentiment");
CREATE TABLE "new_Nudge" (
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
    "feedbackId" TEXT,
    "liveKey" TEXT,
    "resolvedAt" DATETIME,
    "resolvedBy" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Nudge_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Nudge_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Nudge_assigneeMemberId_fkey" FOREIGN KEY ("assigneeMemberId") REFERENCES "Member" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Nudge_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "Feedback" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Nudge" ("assigneeMemberId", "createdAt", "dueAt", "id", "kind", "liveKey", "practiceId", "priority", "reason", "referrerId", "resolvedAt", "resolvedBy", "snoozedUntil", "status", "triggeredAt", "updatedAt") SELECT "assigneeMemberId", "createdAt", "dueAt", "id", "kind", "liveKey", "practiceId", "priority", "reason", "referrerId", "resolvedAt", "resolvedBy", "snoozedUntil", "status", "triggeredAt", "updatedAt" FROM "Nudge";
DROP TABLE "Nudge";
ALTER TABLE "new_Nudge" RENAME TO "Nudge";
CREATE UNIQUE INDEX "Nudge_liveKey_key" ON "Nudge"("liveKey");
CREATE INDEX "Nudge_practiceId_status_idx" ON "Nudge"("practiceId", "status");
CREATE INDEX "Nudge_referrerId_kind_idx" ON "Nudge"("referrerId", "kind");
CREATE INDEX "Nudge_feedbackId_idx" ON "Nudge"("feedbackId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
