-- Decision 0027 (amended): the table is keyed by (surveyVersionId, questionKey, wave, id), so a
-- long period's random sample (ids below a threshold) is a range of the key, and the second index
-- that held that order goes: it cost every comment one more index entry to write.
-- DropIndex
DROP INDEX "FreeText_surveyVersionId_questionKey_wave_id_month_unitId_l_idx";

-- AlterTable
ALTER TABLE "FreeText" DROP CONSTRAINT "FreeText_pkey",
ADD CONSTRAINT "FreeText_pkey" PRIMARY KEY ("surveyVersionId", "questionKey", "wave", "id");

