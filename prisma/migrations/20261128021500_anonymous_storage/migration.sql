-- Using a code deletes its row (docs/decisions/0010-anonymous-storage.md): rows of codes used
-- before this migration go now and the "used" column with them; their counts stay in CodeCount.
-- CodeCount gains the codes' suggested language, which decides whether a response may keep its
-- language. Counts from before are kept under lang "", except codes still open (they can still be
-- answered, expire or be counted in a window), which move to the row of their language.
-- The start-up VACUUMs the file afterwards with secure_delete on (app/setup/migrate.server.ts).

PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;

-- RedefineTables
CREATE TABLE "new_CodeCount" (
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "validMonth" TEXT NOT NULL,
    "clientGroup" TEXT NOT NULL DEFAULT '',
    "referral" TEXT NOT NULL DEFAULT '',
    "lang" TEXT NOT NULL DEFAULT '',
    "issued" INTEGER NOT NULL DEFAULT 0,
    "answered" INTEGER NOT NULL DEFAULT 0,
    "expired" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "lang"),
    CONSTRAINT "CodeCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CodeCount" ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "lang", "issued", "answered", "expired")
SELECT c."surveyVersionId", c."wave", c."validMonth", c."clientGroup", c."referral", '',
  c."issued" - (SELECT COUNT(*) FROM "SurveyCode" s
    WHERE s."used" = false AND s."surveyVersionId" = c."surveyVersionId" AND s."wave" = c."wave" AND s."validMonth" = c."validMonth"
      AND COALESCE(s."clientGroup", '') = c."clientGroup" AND COALESCE(s."referral", '') = c."referral"),
  c."answered", c."expired"
FROM "CodeCount" c;
INSERT INTO "new_CodeCount" ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "lang", "issued")
SELECT s."surveyVersionId", s."wave", s."validMonth", COALESCE(s."clientGroup", ''), COALESCE(s."referral", ''), s."lang", COUNT(*)
FROM "SurveyCode" s WHERE s."used" = false
GROUP BY s."surveyVersionId", s."wave", s."validMonth", COALESCE(s."clientGroup", ''), COALESCE(s."referral", ''), s."lang";
DROP TABLE "CodeCount";
ALTER TABLE "new_CodeCount" RENAME TO "CodeCount";

DELETE FROM "SurveyCode" WHERE "used" = true;
CREATE TABLE "new_SurveyCode" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "hash" TEXT NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "clientGroup" TEXT,
    "referral" TEXT,
    "validMonth" TEXT NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    CONSTRAINT "SurveyCode_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SurveyCode" ("id", "hash", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "validMonth", "validFrom", "expiresAt")
SELECT "id", "hash", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "validMonth", "validFrom", "expiresAt" FROM "SurveyCode";
DROP TABLE "SurveyCode";
ALTER TABLE "new_SurveyCode" RENAME TO "SurveyCode";
CREATE UNIQUE INDEX "SurveyCode_hash_key" ON "SurveyCode"("hash");
CREATE INDEX "SurveyCode_surveyVersionId_wave_validMonth_idx" ON "SurveyCode"("surveyVersionId", "wave", "validMonth");

PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
