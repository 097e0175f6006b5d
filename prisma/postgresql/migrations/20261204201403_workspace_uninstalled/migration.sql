-- AlterTable
ALTER TABLE "ChatWorkspace" ADD COLUMN     "uninstalledAt" TIMESTAMP(3);
