-- CreateIndex
CREATE INDEX "DigestRun_status_leaseUntil_idx" ON "DigestRun"("status", "leaseUntil");
