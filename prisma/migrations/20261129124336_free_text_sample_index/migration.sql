-- Decision 0027 (amended): a long period's random sample of free texts (ids below a threshold)
-- is picked in this index, reading only the sampled share of the wave's entries.
-- CreateIndex
CREATE INDEX "FreeText_surveyVersionId_questionKey_wave_id_month_unitId_lang_idx" ON "FreeText"("surveyVersionId", "questionKey", "wave", "id", "month", "unitId", "lang");

