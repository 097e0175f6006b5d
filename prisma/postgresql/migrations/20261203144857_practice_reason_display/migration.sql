-- AlterTable
ALTER TABLE "Practice" ADD COLUMN     "reasonDisplay" TEXT NOT NULL DEFAULT 'cleaned';
