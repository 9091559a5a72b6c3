-- AlterTable
ALTER TABLE "Unit" ADD COLUMN "nameKey" TEXT;

-- Backfill (decision 0023): each existing unit gets lower(trim(name)) as its key, except a later
-- unit (by id) whose key another unit of its organisation already has: an install that holds
-- duplicate names from before names were checked still migrates, and that unit keeps a null key
-- (nulls are distinct in a unique index) until it is renamed. SQLite's lower() folds only ASCII
-- (PostgreSQL's follows the database's ctype), so an old "SÖDRA" may keep "sÖdra" while the app
-- computes "södra": harmless, since the app compares the names themselves before writing
-- (checkNameFree) and the index is there for two new writes racing, whose keys the app computes.
UPDATE "Unit" SET "nameKey" = lower(trim("name"))
WHERE NOT EXISTS (
  SELECT 1 FROM "Unit" AS "earlier"
  WHERE "earlier"."organisationId" = "Unit"."organisationId"
    AND lower(trim("earlier"."name")) = lower(trim("Unit"."name"))
    AND "earlier"."id" < "Unit"."id"
);

-- CreateIndex
CREATE UNIQUE INDEX "Unit_organisationId_nameKey_key" ON "Unit"("organisationId", "nameKey");

