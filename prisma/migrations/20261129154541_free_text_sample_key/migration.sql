-- Decision 0027 (amended): the table is keyed by (surveyVersionId, questionKey, wave, id), so a
-- long period's random sample (ids below a threshold) is a range of the table itself, and the
-- second index that held that order goes: it cost every comment one more random page to write.
-- Still WITHOUT ROWID: rows stored in key order, random ids within a wave, never arrival order.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FreeText" (
    "id" TEXT NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "unitId" TEXT NOT NULL DEFAULT 'default',

    PRIMARY KEY ("surveyVersionId", "questionKey", "wave", "id"),
    CONSTRAINT "FreeText_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_FreeText" ("id", "lang", "month", "questionKey", "surveyVersionId", "text", "unitId", "wave") SELECT "id", "lang", "month", "questionKey", "surveyVersionId", "text", "unitId", "wave" FROM "FreeText";
DROP TABLE "FreeText";
ALTER TABLE "new_FreeText" RENAME TO "FreeText";
CREATE INDEX "FreeText_surveyVersionId_questionKey_month_unitId_wave_lang_idx" ON "FreeText"("surveyVersionId", "questionKey", "month", "unitId", "wave", "lang");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

