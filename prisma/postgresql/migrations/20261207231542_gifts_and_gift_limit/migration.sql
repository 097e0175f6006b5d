-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "giftLimitCents" INTEGER;

-- CreateTable
CREATE TABLE "Gift" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "memberId" TEXT,
    "actorName" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" INTEGER NOT NULL,
    "givenAt" TIMESTAMP(3) NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Gift_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "Gift_idempotencyKey_key" ON "Gift"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Gift_referrerId_givenAt_idx" ON "Gift"("referrerId", "givenAt");

-- AddForeignKey
ALTER TABLE "Gift" ADD CONSTRAINT "Gift_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Gift" ADD CONSTRAINT "Gift_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer"("id") ON DELETE CASCADE ON UPDATE CASCADE;
