-- Decision 0027 (amended): a review counts a period's free texts per unit, month, wave and language
-- from this index alone and reads from the table only the sample of 200 it shows.
-- DropIndex
DROP INDEX "FreeText_surveyVersionId_questionKey_month_unitId_idx";

-- CreateIndex
CREATE INDEX "FreeText_surveyVersionId_questionKey_month_unitId_wave_lang_idx" ON "FreeText"("surveyVersionId", "questionKey", "month", "unitId", "wave", "lang");

