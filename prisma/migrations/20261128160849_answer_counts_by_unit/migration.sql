-- AnswerCount keyed by unit before month (docs/decisions/0029-unit-first-reads.md): a unit's report
-- reads its own rows only. Still WITHOUT ROWID (storage order never shows arrival order). The
-- Response index starts with the unit and covers the per-language counts. AnswerCountBuild records
-- how far each derived level is built, which with the unit first would be a scan of the level.
-- DropIndex
DROP INDEX "Response_surveyVersionId_wave_month_idx";

-- CreateTable
CREATE TABLE "AnswerCountBuild" (
    "level" INTEGER NOT NULL PRIMARY KEY,
    "through" TEXT NOT NULL
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_AnswerCount" (
    "level" INTEGER NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "unitId" TEXT NOT NULL DEFAULT 'default',
    "clientGroup" TEXT NOT NULL DEFAULT '',
    "referral" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT '',
    "gender" TEXT NOT NULL DEFAULT '',
    "questionKey" TEXT NOT NULL DEFAULT '',
    "rowKey" TEXT NOT NULL DEFAULT '',
    "optionKey" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("level", "unitId", "month", "surveyVersionId", "wave", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey"),
    CONSTRAINT "AnswerCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_AnswerCount" ("clientGroup", "gender", "level", "month", "n", "optionKey", "questionKey", "referral", "role", "rowKey", "surveyVersionId", "unitId", "wave") SELECT "clientGroup", "gender", "level", "month", "n", "optionKey", "questionKey", "referral", "role", "rowKey", "surveyVersionId", "unitId", "wave" FROM "AnswerCount";
DROP TABLE "AnswerCount";
ALTER TABLE "new_AnswerCount" RENAME TO "AnswerCount";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- how far each derived level (2-6) is built, from the rows it holds: reports stop asking AnswerCount
INSERT INTO "AnswerCountBuild" ("level", "through")
SELECT "level", MAX("month") FROM "AnswerCount" WHERE "level" IN (2, 3, 4, 5, 6) GROUP BY "level";

-- CreateIndex
CREATE INDEX "Response_unit_idx" ON "Response"("unitId", "surveyVersionId", "wave", "month", "lang", "clientGroup", "referral");

