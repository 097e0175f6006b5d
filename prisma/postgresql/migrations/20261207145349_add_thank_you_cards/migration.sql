-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "cardWeekday" INTEGER,
ADD COLUMN     "cardWriterRole" TEXT,
ADD COLUMN     "thankTopUnthanked" INTEGER;

-- AlterTable
ALTER TABLE "Referrer" ADD COLUMN     "addressLine1" TEXT,
ADD COLUMN     "addressLine2" TEXT,
ADD COLUMN     "city" TEXT,
ADD COLUMN     "postalCode" TEXT,
ADD COLUMN     "state" TEXT;

-- CreateTable
CREATE TABLE "CardBatch" (
    "id" TEXT NOT NULL,
    "practiceId" TEXT NOT NULL,
    "week" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "CardBatch_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "CardBatch_practiceId_week_key" ON "CardBatch"("practiceId", "week");

-- AddForeignKey
ALTER TABLE "CardBatch" ADD CONSTRAINT "CardBatch_practiceId_fkey" FOREIGN KEY ("practiceId") REFERENCES "Practice"("id") ON DELETE CASCADE ON UPDATE CASCADE;
