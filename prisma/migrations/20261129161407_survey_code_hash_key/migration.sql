-- Decision 0027 (amended): a code's keyed hash is its only key. The random id beside it had an
-- index of its own, one more random page for every claim to delete; nothing read a code by it.
-- Decision 0010 (amended): WITHOUT ROWID, so codes are stored in the order of their hashes. As a
-- rowid table they sat in the order they were issued, and the gap a used code left in that
-- order told which slip of a printed sheet had been answered.
-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_SurveyCode" (
    "hash" TEXT NOT NULL PRIMARY KEY,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "clientGroup" TEXT,
    "referral" TEXT,
    "validMonth" TEXT NOT NULL,
    "validFrom" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "stock" BOOLEAN NOT NULL DEFAULT false,
    "unitId" TEXT NOT NULL DEFAULT 'default',
    CONSTRAINT "SurveyCode_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_SurveyCode" ("clientGroup", "expiresAt", "hash", "lang", "referral", "stock", "surveyVersionId", "unitId", "validFrom", "validMonth", "wave") SELECT "clientGroup", "expiresAt", "hash", "lang", "referral", "stock", "surveyVersionId", "unitId", "validFrom", "validMonth", "wave" FROM "SurveyCode";
DROP TABLE "SurveyCode";
ALTER TABLE "new_SurveyCode" RENAME TO "SurveyCode";
CREATE INDEX "SurveyCode_surveyVersionId_wave_validMonth_idx" ON "SurveyCode"("surveyVersionId", "wave", "validMonth");
CREATE INDEX "SurveyCode_stock_lang_idx" ON "SurveyCode"("stock", "lang");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

