-- DropIndex
DROP INDEX "Referral_practiceId_sourceId_key";

-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "apiRequestsPerMinute" INTEGER NOT NULL DEFAULT 600;

-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "sourceSystem" TEXT NOT NULL DEFAULT 'csv';

-- CreateTable
CREATE TABLE "ReferralStatusChange" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "sourceId" TEXT NOT NULL,
    "referralId" TEXT,
    "status" "ReferralStatus" NOT NULL,
    "occurredAt" TIMESTAMP(3) NOT NULL,
    "appliedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ReferralStatusChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "ApiToken" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "label" TEXT NOT NULL,
    "sourceSystem" TEXT NOT NULL,
    "tokenHash" TEXT NOT NULL,
    "hint" TEXT NOT NULL,
    "revokedAt" TIMESTAMP(3),
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "ApiToken_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ReferralStatusChange_referralId_idx" ON "ReferralStatusChange"("referralId");

-- CreateIndex
CREATE UNIQUE INDEX "ReferralStatusChange_practiceId_sourceSystem_sourceId_statu_key" ON "ReferralStatusChange"("practiceId", "sourceSystem", "sourceId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "ApiToken_tokenHash_key" ON "ApiToken"("tokenHash");

-- CreateIndex
CREATE INDEX "ApiToken_practiceId_idx" ON "ApiToken"("practiceId");

-- CreateIndex
CREATE INDEX "Referral_referrerId_status_receivedAt_seenAt_updatedAt_idx" ON "Referral"("referrerId", "status", "receivedAt", "seenAt", "updatedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Referral_practiceId_sourceSystem_sourceId_key" ON "Referral"("practiceId", "sourceSystem", "sourceId");

-- AddForeignKey
ALTER TABLE "ReferralStatusChange" ADD CONSTRAINT "ReferralStatusChange_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ReferralStatusChange" ADD CONSTRAINT "ReferralStatusChange_referralId_fkey" FOREIGN KEY ("referralId") REFERENCES "Referral"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "ApiToken" ADD CONSTRAINT "ApiToken_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
