-- Organisational units (docs/decisions/0023-organisational-units.md). Every existing install
-- becomes one organisation with one unit, both with the id "default": every existing account,
-- survey, code, count and response belongs to it (the columns' default fills them).
-- Response and AnswerCount stay WITHOUT ROWID (storage order never shows arrival order).
-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Unit_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- the install's one organisation and unit, which every existing row is backfilled to
INSERT INTO "Organisation" ("id", "name", "slug") VALUES ('default', 'Organisation', 'default');
INSERT INTO "Unit" ("id", "organisationId", "name", "slug") VALUES ('default', 'default', 'Unit', 'default');

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_User" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "email" TEXT NOT NULL,
    "passwordHash" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    "unitId" TEXT NOT NULL DEFAULT 'default',
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_User" ("active", "createdAt", "email", "id", "passwordHash", "role") SELECT "active", "createdAt", "email", "id", "passwordHash", "role" FROM "User";
DROP TABLE "User";
ALTER TABLE "new_User" RENAME TO "User";
CREATE UNIQUE INDEX "User_email_key" ON "User"("email");
CREATE TABLE "new_Survey" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "slug" TEXT NOT NULL,
    "title" TEXT NOT NULL,
    "defaultLanguage" TEXT NOT NULL,
    "indicators" TEXT NOT NULL DEFAULT '[]',
    "organisationId" TEXT NOT NULL DEFAULT 'default',
    "ownerUnitId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);
INSERT INTO "new_Survey" ("createdAt", "defaultLanguage", "id", "indicators", "slug", "title") SELECT "createdAt", "defaultLanguage", "id", "indicators", "slug", "title" FROM "Survey";
DROP TABLE "Survey";
ALTER TABLE "new_Survey" RENAME TO "Survey";
CREATE UNIQUE INDEX "Survey_slug_key" ON "Survey"("slug");
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
    "unitId" TEXT NOT NULL DEFAULT 'default',
    CONSTRAINT "SurveyCode_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_SurveyCode" ("clientGroup", "expiresAt", "hash", "id", "lang", "referral", "stock", "surveyVersionId", "validFrom", "validMonth", "wave") SELECT "clientGroup", "expiresAt", "hash", "id", "lang", "referral", "stock", "surveyVersionId", "validFrom", "validMonth", "wave" FROM "SurveyCode";
DROP TABLE "SurveyCode";
ALTER TABLE "new_SurveyCode" RENAME TO "SurveyCode";
CREATE UNIQUE INDEX "SurveyCode_hash_key" ON "SurveyCode"("hash");
CREATE INDEX "SurveyCode_surveyVersionId_wave_validMonth_idx" ON "SurveyCode"("surveyVersionId", "wave", "validMonth");
CREATE INDEX "SurveyCode_stock_lang_idx" ON "SurveyCode"("stock", "lang");
CREATE TABLE "new_CodeCount" (
    "unitId" TEXT NOT NULL DEFAULT 'default',
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

    PRIMARY KEY ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "lang", "opensMonth", "unitId"),
    CONSTRAINT "CodeCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);
INSERT INTO "new_CodeCount" ("answered", "clientGroup", "expired", "issued", "lang", "opensMonth", "referral", "surveyVersionId", "validMonth", "wave") SELECT "answered", "clientGroup", "expired", "issued", "lang", "opensMonth", "referral", "surveyVersionId", "validMonth", "wave" FROM "CodeCount";
DROP TABLE "CodeCount";
ALTER TABLE "new_CodeCount" RENAME TO "CodeCount";
CREATE TABLE "new_Response" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "unitId" TEXT NOT NULL DEFAULT 'default',
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "clientGroup" TEXT,
    "referral" TEXT,
    "month" TEXT NOT NULL,
    CONSTRAINT "Response_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_Response" ("clientGroup", "id", "lang", "month", "referral", "surveyVersionId", "wave") SELECT "clientGroup", "id", "lang", "month", "referral", "surveyVersionId", "wave" FROM "Response";
DROP TABLE "Response";
ALTER TABLE "new_Response" RENAME TO "Response";
CREATE INDEX "Response_surveyVersionId_wave_month_idx" ON "Response"("surveyVersionId", "wave", "month");
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

    PRIMARY KEY ("level", "month", "surveyVersionId", "wave", "unitId", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey"),
    CONSTRAINT "AnswerCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;
INSERT INTO "new_AnswerCount" ("clientGroup", "gender", "level", "month", "n", "optionKey", "questionKey", "referral", "role", "rowKey", "surveyVersionId", "wave") SELECT "clientGroup", "gender", "level", "month", "n", "optionKey", "questionKey", "referral", "role", "rowKey", "surveyVersionId", "wave" FROM "AnswerCount";
DROP TABLE "AnswerCount";
ALTER TABLE "new_AnswerCount" RENAME TO "AnswerCount";
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_slug_key" ON "Unit"("slug");

-- CreateIndex
CREATE INDEX "Unit_organisationId_idx" ON "Unit"("organisationId");

