-- Free texts are released per unit (decision 0023). ADD COLUMN keeps the table WITHOUT ROWID,
-- which a rebuild would drop; every free text so far is the single default unit's.
ALTER TABLE "FreeText" ADD COLUMN "unitId" TEXT NOT NULL DEFAULT 'default';
