-- AnswerCount keyed by unit before month (docs/decisions/0029-unit-first-reads.md); see the SQLite
-- migration of the same name. The backfill of AnswerCountBuild is written by hand.
-- DropIndex
DROP INDEX "Response_surveyVersionId_wave_month_idx";

-- AlterTable
ALTER TABLE "AnswerCount" DROP CONSTRAINT "AnswerCount_pkey",
ADD CONSTRAINT "AnswerCount_pkey" PRIMARY KEY ("level", "unitId", "month", "surveyVersionId", "wave", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey");

-- CreateTable
CREATE TABLE "AnswerCountBuild" (
    "level" INTEGER NOT NULL,
    "through" TEXT NOT NULL,

    CONSTRAINT "AnswerCountBuild_pkey" PRIMARY KEY ("level")
);

-- how far each derived level (2-6) is built, from the rows it holds: reports stop asking AnswerCount
INSERT INTO "AnswerCountBuild" ("level", "through")
SELECT "level", MAX("month") FROM "AnswerCount" WHERE "level" IN (2, 3, 4, 5, 6) GROUP BY "level";

-- CreateIndex
CREATE INDEX "Response_unit_idx" ON "Response"("unitId", "surveyVersionId", "wave", "month", "lang", "clientGroup", "referral");

