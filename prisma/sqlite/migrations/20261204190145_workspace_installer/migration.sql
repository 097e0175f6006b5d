-- AlterTable
ALTER TABLE "ChatWorkspace" ADD COLUMN "installedBy" TEXT;
