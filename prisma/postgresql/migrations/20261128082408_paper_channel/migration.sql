-- AlterTable
ALTER TABLE "CodeCount" ADD COLUMN     "answeredOnPaper" INTEGER NOT NULL DEFAULT 0;

