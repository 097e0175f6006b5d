-- AlterTable
ALTER TABLE "Practice" ADD COLUMN "giftLimitCents" INTEGER;

-- CreateTable
CREATE TABLE "Gift" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "referrerId" TEXT NOT NULL,
    "memberId" TEXT,
    "actorName" TEXT NOT NULL,
    "description" TEXT,
    "amountCents" INTEGER NOT NULL,
    "givenAt" DATETIME NOT NULL,
    "idempotencyKey" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Gift_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Gift_referrerId_fkey" FOREIGN KEY ("referrerId") REFERENCES "Referrer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Gift_idempotencyKey_key" ON "Gift"("idempotencyKey");

-- CreateIndex
CREATE INDEX "Gift_referrerId_givenAt_idx" ON "Gift"("referrerId", "givenAt");
