-- CreateTable
CREATE TABLE "ImportedPeriod" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "fromMonth" TEXT NOT NULL,
    "toMonth" TEXT NOT NULL,
    "issued" INTEGER,
    "responses" INTEGER NOT NULL,
    "source" TEXT NOT NULL,
    "importedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ImportedPeriod_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ImportedCount" (
    "periodId" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "rowKey" TEXT NOT NULL DEFAULT '',
    "optionKey" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL,

    PRIMARY KEY ("periodId", "questionKey", "rowKey", "optionKey"),
    CONSTRAINT "ImportedCount_periodId_fkey" FOREIGN KEY ("periodId") REFERENCES "ImportedPeriod" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "ImportedPeriod_surveyVersionId_wave_fromMonth_key" ON "ImportedPeriod"("surveyVersionId", "wave", "fromMonth");

