-- AlterTable
ALTER TABLE "Feedback" ADD COLUMN     "resolvedById" TEXT;

-- AlterTable
ALTER TABLE "Nudge" ADD COLUMN     "feedbackId" TEXT;

-- CreateIndex
CREATE INDEX "Nudge_feedbackId_idx" ON "Nudge"("feedbackId");

-- AddForeignKey
ALTER TABLE "Feedback" ADD CONSTRAINT "Feedback_resolvedById_fkey" FOREIGN KEY ("resolvedById") REFERENCES "Member"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Nudge" ADD CONSTRAINT "Nudge_feedbackId_fkey" FOREIGN KEY ("feedbackId") REFERENCES "Feedback"("id") ON DELETE CASCADE ON UPDATE CASCADE;
