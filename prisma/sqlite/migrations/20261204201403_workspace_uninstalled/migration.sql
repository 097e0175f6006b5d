-- AlterTable
ALTER TABLE "ChatWorkspace" ADD COLUMN "uninstalledAt" DATETIME;
