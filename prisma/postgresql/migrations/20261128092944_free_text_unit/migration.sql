-- AlterTable
ALTER TABLE "FreeText" ADD COLUMN     "unitId" TEXT NOT NULL DEFAULT 'default';

