-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "nextDigestAt" TIMESTAMP(3);

-- CreateIndex
CREATE INDEX "Practice_nextDigestAt_idx" ON "Practice"("nextDigestAt");
