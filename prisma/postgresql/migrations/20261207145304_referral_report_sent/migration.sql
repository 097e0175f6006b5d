-- AlterTable
ALTER TABLE "Referral" ADD COLUMN     "reportSentAt" TIMESTAMP(3);
