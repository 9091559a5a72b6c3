-- Slip stock (decision 0020): slips printed ahead are `stock` until activated at hand-out;
-- CodeCount counts codes in the month of hand-out and keeps the month they open apart.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
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
    "stock" BOOLEAN NOT NULL DEFAULT false,
    CONSTRAINT "SurveyCode_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SurveyCode" ("clientGroup", "expiresAt", "hash", "id", "lang", "referral", "surveyVersionId", "validFrom", "validMonth", "wave") SELECT "clientGroup", "expiresAt", "hash", "id", "lang", "referral", "surveyVersionId", "validFrom", "validMonth", "wave" FROM "SurveyCode";
DROP TABLE "SurveyCode";
ALTER TABLE "new_SurveyCode" RENAME TO "SurveyCode";
CREATE UNIQUE INDEX "SurveyCode_hash_key" ON "SurveyCode"("hash");
CREATE INDEX "SurveyCode_surveyVersionId_wave_validMonth_idx" ON "SurveyCode"("surveyVersionId", "wave", "validMonth");
CREATE INDEX "SurveyCode_stock_lang_idx" ON "SurveyCode"("stock", "lang");
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
    "expired" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "lang", "opensMonth"),
    CONSTRAINT "CodeCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
-- codes counted so far were counted in the month they opened: that is also the month they open
INSERT INTO "new_CodeCount" ("answered", "clientGroup", "expired", "issued", "lang", "referral", "surveyVersionId", "validMonth", "wave", "opensMonth") SELECT "answered", "clientGroup", "expired", "issued", "lang", "referral", "surveyVersionId", "validMonth", "wave", "validMonth" FROM "CodeCount";
DROP TABLE "CodeCount";
ALTER TABLE "new_CodeCount" RENAME TO "CodeCount";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

