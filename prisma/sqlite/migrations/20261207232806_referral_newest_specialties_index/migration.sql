-- CreateIndex
CREATE INDEX "Referral_referrerId_receivedAt_status_specialty_idx" ON "Referral"("referrerId", "receivedAt", "status", "specialty");
