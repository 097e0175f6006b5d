-- CreateTable
CREATE TABLE "PersonalDigestSnapshot" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "PersonalDigestSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DigestRun" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "PersonalDigestSnapshot_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "PersonalDigestSnapshot_runId_idx" ON "PersonalDigestSnapshot"("runId");

-- CreateIndex
CREATE INDEX "PersonalDigestSnapshot_memberId_idx" ON "PersonalDigestSnapshot"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalDigestSnapshot_practiceId_runId_memberId_key" ON "PersonalDigestSnapshot"("practiceId", "runId", "memberId");
