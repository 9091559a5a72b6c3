-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_TranslationStatus" (
    "surveyVersionId" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "status" TEXT NOT NULL,
    "reviewedAt" DATETIME,
    "stale" TEXT NOT NULL DEFAULT '[]',

    PRIMARY KEY ("surveyVersionId", "lang"),
    CONSTRAINT "TranslationStatus_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_TranslationStatus" ("lang", "reviewedAt", "status", "surveyVersionId") SELECT "lang", "reviewedAt", "status", "surveyVersionId" FROM "TranslationStatus";
DROP TABLE "TranslationStatus";
ALTER TABLE "new_TranslationStatus" RENAME TO "TranslationStatus";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

