-- Each unit's release blocks of closed months with their counts, one row per unit and wave,
-- rebuilt by the levels job when a month closes (decision 0034). Counts only.
-- CreateTable
CREATE TABLE "ReleaseSummary" (
    "surveyId" TEXT NOT NULL,
    "minGroupSize" INTEGER NOT NULL,
    "unitId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "blocks" TEXT NOT NULL,
    "waiting" TEXT NOT NULL,
    "lead" TEXT NOT NULL,

    PRIMARY KEY ("surveyId", "minGroupSize", "unitId", "wave")
);

-- CreateTable
CREATE TABLE "ReleaseSummaryBuild" (
    "surveyId" TEXT NOT NULL,
    "minGroupSize" INTEGER NOT NULL,
    "through" TEXT NOT NULL,
    "versionIds" TEXT NOT NULL,
    "unitIds" TEXT NOT NULL,
    "build" TEXT NOT NULL,

    PRIMARY KEY ("surveyId", "minGroupSize")
);

