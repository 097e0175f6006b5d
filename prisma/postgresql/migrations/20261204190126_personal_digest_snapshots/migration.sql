-- CreateTable
CREATE TABLE "PersonalDigestSnapshot" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "runId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "PersonalDigestSnapshot_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "PersonalDigestSnapshot_runId_idx" ON "PersonalDigestSnapshot"("runId");

-- CreateIndex
CREATE INDEX "PersonalDigestSnapshot_memberId_idx" ON "PersonalDigestSnapshot"("memberId");

-- CreateIndex
CREATE UNIQUE INDEX "PersonalDigestSnapshot_practiceId_runId_memberId_key" ON "PersonalDigestSnapshot"("practiceId", "runId", "memberId");

-- AddForeignKey
ALTER TABLE "PersonalDigestSnapshot" ADD CONSTRAINT "PersonalDigestSnapshot_runId_fkey" FOREIGN KEY ("runId") REFERENCES "DigestRun"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "PersonalDigestSnapshot" ADD CONSTRAINT "PersonalDigestSnapshot_memberId_fkey" FOREIGN KEY ("memberId") REFERENCES "Member"("id") ON DELETE CASCADE ON UPDATE CASCADE;
