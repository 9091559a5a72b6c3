-- A unit's codes issued in a period, unit first (docs/decisions/0031-language-level-and-narrow-release-cells.md):
-- the primary key leads with the version and month, so a unit's report read every unit's rows of its period.
-- CreateIndex
CREATE INDEX "CodeCount_unit_idx" ON "CodeCount"("unitId", "surveyVersionId", "wave", "validMonth");

