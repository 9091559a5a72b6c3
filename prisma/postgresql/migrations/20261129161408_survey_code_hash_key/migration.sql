-- Decision 0027 (amended): a code's keyed hash is its only key. The random id beside it had an
-- index of its own, one more random page for every claim to delete; nothing read a code by it.
-- DropIndex
DROP INDEX "SurveyCode_hash_key";

-- AlterTable
ALTER TABLE "SurveyCode" DROP CONSTRAINT "SurveyCode_pkey",
DROP COLUMN "id",
ADD CONSTRAINT "SurveyCode_pkey" PRIMARY KEY ("hash");

