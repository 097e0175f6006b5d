-- DropIndex
DROP INDEX "Referral_referrerId_status_receivedAt_seenAt_updatedAt_idx";

-- CreateIndex
CREATE INDEX "Referral_referrerId_status_receivedAt_seenAt_updatedAt_repo_idx" ON "Referral"("referrerId", "status", "receivedAt", "seenAt", "updatedAt", "reportSentAt");
