-- CreateTable
CREATE TABLE "EarlyReport" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "reportSentAt" DATETIME NOT NULL,
    "referralId" TEXT,
    "appliedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "EarlyReport_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "EarlyReport_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "EarlyReport_referralId_idx" ON "EarlyReport"("referralId");

-- CreateIndex
CREATE UNIQUE INDEX "EarlyReport_practiceId_sourceSystem_sourceId_key" ON "EarlyReport"("practiceId", "sourceSystem", "sourceId");
