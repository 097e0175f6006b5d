-- AlterTable
ALTER TABLE "Member" ADD COLUMN     "workspaceExternalId" TEXT;
