-- AlterTable
ALTER TABLE "Practice" ADD COLUMN "nextDigestAt" DATETIME;

-- CreateIndex
CREATE INDEX "Practice_nextDigestAt_idx" ON "Practice"("nextDigestAt");
