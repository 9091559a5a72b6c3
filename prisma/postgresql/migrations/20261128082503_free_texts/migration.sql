-- Decision 0027: the unused Answer index goes; FreeText holds free texts apart from their
-- responses (see the SQLite migration). Backfill added by hand; retention's CLUSTER keeps
-- FreeText in key order (app/ops/storage.sql.server.ts).

-- DropIndex
DROP INDEX "Answer_questionKey_optionKey_idx";

-- CreateTable
CREATE TABLE "FreeText" (
    "id" TEXT NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "lang" TEXT NOT NULL,
    "questionKey" TEXT NOT NULL,
    "text" TEXT NOT NULL,

    CONSTRAINT "FreeText_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FreeText_surveyVersionId_questionKey_month_idx" ON "FreeText"("surveyVersionId", "questionKey", "month");

-- AddForeignKey
ALTER TABLE "FreeText" ADD CONSTRAINT "FreeText_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion"("id") ON DELETE RESTRICT ON UPDATE CASCADE;


-- Backfill (by hand): every free text already stored, with a random id and no reference to the response.
INSERT INTO "FreeText" ("id", "surveyVersionId", "wave", "month", "lang", "questionKey", "text")
SELECT gen_random_uuid()::text, r."surveyVersionId", r."wave", r."month", r."lang", a."questionKey", a."text"
FROM "Answer" a JOIN "Response" r ON r."id" = a."responseId"
WHERE a."text" IS NOT NULL AND a."text" <> ''
ORDER BY 1;
