-- Pre-aggregated monthly counts for reports (docs/decisions/0008-pre-aggregated-counts.md).
-- WITHOUT ROWID like Response and Answer: rows sit in key order, not in the order cells appeared.

-- CreateTable
CREATE TABLE "AnswerCount" (
    "level" INTEGER NOT NULL,
    "surveyVersionId" TEXT NOT NULL,
    "wave" TEXT NOT NULL,
    "month" TEXT NOT NULL,
    "clientGroup" TEXT NOT NULL DEFAULT '',
    "referral" TEXT NOT NULL DEFAULT '',
    "role" TEXT NOT NULL DEFAULT '',
    "gender" TEXT NOT NULL DEFAULT '',
    "questionKey" TEXT NOT NULL DEFAULT '',
    "rowKey" TEXT NOT NULL DEFAULT '',
    "optionKey" TEXT NOT NULL DEFAULT '',
    "n" INTEGER NOT NULL DEFAULT 0,

    PRIMARY KEY ("level", "month", "surveyVersionId", "wave", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey"),
    CONSTRAINT "AnswerCount_surveyVersionId_fkey" FOREIGN KEY ("surveyVersionId") REFERENCES "SurveyVersion" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
) WITHOUT ROWID;

-- Count the responses already stored: the same SQL as rebuildAnswerCounts in
-- app/results/queries.sql.server.ts (`npm run cli -- aggregates rebuild`).
INSERT INTO "AnswerCount" ("level", "surveyVersionId", "wave", "month", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey", "n")
SELECT 1, c."surveyVersionId", c."wave", c."month", c."clientGroup", c."referral", c."role", c."gender",
  c."questionKey", c."rowKey", c."optionKey", COUNT(*)
FROM (
  SELECT d.*, '' AS "questionKey", '' AS "rowKey", '' AS "optionKey" FROM (
    SELECT r."id", r."surveyVersionId", r."wave", r."month",
      COALESCE(r."clientGroup", '') AS "clientGroup", COALESCE(r."referral", '') AS "referral",
      COALESCE((SELECT MIN(g."optionKey") FROM "Answer" g WHERE g."responseId" = r."id" AND g."questionKey" = 'role' AND g."rowKey" = ''), '') AS "role",
      COALESCE((SELECT MIN(g."optionKey") FROM "Answer" g WHERE g."responseId" = r."id" AND g."questionKey" = 'gender' AND g."rowKey" = ''), '') AS "gender"
    FROM "Response" r) d
  UNION ALL
  SELECT d.*, a."questionKey", a."rowKey", a."optionKey" FROM (
    SELECT r."id", r."surveyVersionId", r."wave", r."month",
      COALESCE(r."clientGroup", '') AS "clientGroup", COALESCE(r."referral", '') AS "referral",
      COALESCE((SELECT MIN(g."optionKey") FROM "Answer" g WHERE g."responseId" = r."id" AND g."questionKey" = 'role' AND g."rowKey" = ''), '') AS "role",
      COALESCE((SELECT MIN(g."optionKey") FROM "Answer" g WHERE g."responseId" = r."id" AND g."questionKey" = 'gender' AND g."rowKey" = ''), '') AS "gender"
    FROM "Response" r) d
    JOIN "Answer" a ON a."responseId" = d."id"
  UNION ALL
  SELECT d.*, a."questionKey", '', '*' FROM (
    SELECT r."id", r."surveyVersionId", r."wave", r."month",
      COALESCE(r."clientGroup", '') AS "clientGroup", COALESCE(r."referral", '') AS "referral",
      COALESCE((SELECT MIN(g."optionKey") FROM "Answer" g WHERE g."responseId" = r."id" AND g."questionKey" = 'role' AND g."rowKey" = ''), '') AS "role",
      COALESCE((SELECT MIN(g."optionKey") FROM "Answer" g WHERE g."responseId" = r."id" AND g."questionKey" = 'gender' AND g."rowKey" = ''), '') AS "gender"
    FROM "Response" r) d
    JOIN (SELECT DISTINCT "responseId", "questionKey" FROM "Answer") a ON a."responseId" = d."id"
) c
GROUP BY c."surveyVersionId", c."wave", c."month", c."clientGroup", c."referral", c."role", c."gender",
  c."questionKey", c."rowKey", c."optionKey";

INSERT INTO "AnswerCount" ("level", "surveyVersionId", "wave", "month", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey", "n")
SELECT 0, "surveyVersionId", "wave", "month", '', '', '', '', "questionKey", "rowKey", "optionKey", SUM("n")
FROM "AnswerCount" WHERE "level" = 1
GROUP BY "surveyVersionId", "wave", "month", "questionKey", "rowKey", "optionKey";
