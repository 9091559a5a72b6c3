-- Decision 0027. The (questionKey, optionKey) index of Answer is read by no query (every Answer
-- read goes by responseId, the primary key) and cost each submit about 11 random WAL pages.
-- FreeText holds free-text answers apart from their responses, so the review reads a wave's
-- comments without joining a year of Answer rows. WITHOUT ROWID like Response and Answer: rows
-- sit in the order of their random ids, not in arrival order. Filled from existing answers.

-- DropIndex
DROP INDEX "Answer_questionKey_optionKey_idx";

-- CreateTable
CREATE TABLE "FreeText" (
    "id" TEXT NOT NULL PRIMARY KEY,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    CONSTRAINT "FreeText_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- CreateIndex
CREATE INDEX "FreeText_surveyVersionId_questionKey_month_idx" ON "FreeText"("surveyVersionId", "questionKey", "month");


-- Backfill: every free text already stored, with its response's version, wave, month and stored
-- language; a random id each, no reference to the response.
INSERT INTO "FreeText" ("id", "surveyVersionId", "wave", "month", "lang", "questionKey", "text")
SELECT lower(hex(randomblob(16))), r."surveyVersionId", r."wave", r."month", r."lang", a."questionKey", a."text"
FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId"
WHERE a."text" IS NOT NULL AND a."text" <> '';
