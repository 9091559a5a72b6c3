-- A unit's texts and codes issued read from the indexes (docs/decisions/0032-unit-reads-from-indexes.md): the
-- unit last in FreeText's index, so only the unit's texts are read from the table; issued in
-- CodeCount's unit index, so its sums need no table read. Index changes only: no row is rewritten.
-- DropIndex
DROP INDEX "CodeCount_unit_idx";

-- DropIndex
DROP INDEX "FreeText_surveyVersionId_questionKey_month_idx";

-- CreateIndex
CREATE INDEX "CodeCount_unit_idx" ON "CodeCount"("unitId", "surveyVersionId", "wave", "validMonth", "issued");

-- CreateIndex
CREATE INDEX "FreeText_surveyVersionId_questionKey_month_unitId_idx" ON "FreeText"("surveyVersionId", "questionKey", "month", "unitId");

