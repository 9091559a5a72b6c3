-- Organisational units (docs/decisions/0023-organisational-units.md).
-- AlterTable
ALTER TABLE "User" ADD COLUMN     "unitId" TEXT NOT NULL DEFAULT 'default';

-- AlterTable
ALTER TABLE "Survey" ADD COLUMN     "organisationId" TEXT NOT NULL DEFAULT 'default',
ADD COLUMN     "ownerUnitId" TEXT;

-- AlterTable
ALTER TABLE "SurveyCode" ADD COLUMN     "unitId" TEXT NOT NULL DEFAULT 'default';

-- AlterTable
ALTER TABLE "CodeCount" DROP CONSTRAINT "CodeCount_pkey",
ADD COLUMN     "unitId" TEXT NOT NULL DEFAULT 'default',
ADD CONSTRAINT "CodeCount_pkey" PRIMARY KEY ("surveyVersionId", "wave", "validMonth", "clientGroup", "referral", "lang", "opensMonth", "unitId");

-- AlterTable
ALTER TABLE "Response" ADD COLUMN     "unitId" TEXT NOT NULL DEFAULT 'default';

-- AlterTable
ALTER TABLE "AnswerCount" DROP CONSTRAINT "AnswerCount_pkey",
ADD COLUMN     "unitId" TEXT NOT NULL DEFAULT 'default',
ADD CONSTRAINT "AnswerCount_pkey" PRIMARY KEY ("level", "month", "surveyVersionId", "wave", "unitId", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey");

-- CreateTable
CREATE TABLE "Organisation" (
    "id" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Organisation_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Unit" (
    "id" TEXT NOT NULL,
    "organisationId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "slug" TEXT NOT NULL,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "Unit_pkey" PRIMARY KEY ("id")
);

-- the install's one organisation and unit; every existing row got unitId 'default' from the
-- columns' default above (added by hand: data moves are not generated, decision 0022)
INSERT INTO "Organisation" ("id", "name", "slug") VALUES ('default', 'Organisation', 'default');
INSERT INTO "Unit" ("id", "organisationId", "name", "slug") VALUES ('default', 'default', 'Unit', 'default');

-- CreateIndex
CREATE UNIQUE INDEX "Organisation_slug_key" ON "Organisation"("slug");

-- CreateIndex
CREATE UNIQUE INDEX "Unit_slug_key" ON "Unit"("slug");

-- CreateIndex
CREATE INDEX "Unit_organisationId_idx" ON "Unit"("organisationId");

-- AddForeignKey
ALTER TABLE "Unit" ADD CONSTRAINT "Unit_organisationId_fkey" FOREIGN KEY ("organisationId") REFERENCES "Organisation"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "User" ADD CONSTRAINT "User_unitId_fkey" FOREIGN KEY ("unitId") REFERENCES "Unit"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

