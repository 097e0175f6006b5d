-- AlterTable
ALTER TABLE "Practice" ADD COLUMN "cardWeekday" INTEGER;
ALTER TABLE "Practice" ADD COLUMN "cardWriterRole" TEXT;
ALTER TABLE "Practice" ADD COLUMN "thankTopUnthanked" INTEGER;

-- AlterTable
ALTER TABLE "Referrer" ADD COLUMN "addressLine1" TEXT;
ALTER TABLE "Referrer" ADD COLUMN "addressLine2" TEXT;
ALTER TABLE "Referrer" ADD COLUMN "city" TEXT;
ALTER TABLE "Referrer" ADD COLUMN "postalCode" TEXT;
ALTER TABLE "Referrer" ADD COLUMN "state" TEXT;

-- CreateTable
CREATE TABLE "CardBatch" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "practiceId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "CardBatch_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "CardBatch_practiceId_week_key" ON "CardBatch"("practiceId", "week");
