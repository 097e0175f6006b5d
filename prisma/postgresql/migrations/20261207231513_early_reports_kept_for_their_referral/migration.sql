-- CreateTable
CREATE TABLE "EarlyReport" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "reportSentAt" TIMESTAMP(3) NOT NULL,
    "referralId" TEXT,
    "appliedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "EarlyReport_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "EarlyReport_referralId_idx" ON "EarlyReport"("referralId");

-- CreateIndex
CREATE UNIQUE INDEX "EarlyReport_practiceId_sourceSystem_sourceId_key" ON "EarlyReport"("practiceId", "sourceSystem", "sourceId");

-- AddForeignKey
ALTER TABLE "EarlyReport" ADD CONSTRAINT "EarlyReport_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "EarlyReport" ADD CONSTRAINT "EarlyReport_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;
