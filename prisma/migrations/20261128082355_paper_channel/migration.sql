-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_CodeCount" (
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "validMonth" TEXT NOT NULL,
    "opensMonth" TEXT NOT NULL DEFAULT '',
    "clientGroup" TEXT NOT NULL DEFAULT '',
    "referral" TEXT NOT NULL DEFAULT '',
    "lang" TEXT NOT NULL DEFAULT '',
    "issued" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "answeredOnPaper" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "lang", "opensMonth"),
    CONSTRAINT "CodeCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CodeCount" ("answered", "clientGroup", "expired", "issued", "lang", "opensMonth", "referral", "surveyVersionId", "validMonth", "wave") SELECT "answered", "clientGroup", "expired", "issued", "lang", "opensMonth", "referral", "surveyVersionId", "validMonth", "wave" FROM "CodeCount";
DROP TABLE "CodeCount";
ALTER TABLE "new_CodeCount" RENAME TO "CodeCount";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

