-- AlterTable
ALTER TABLE "Referral" ADD COLUMN "reportSentAt" DATETIME;
