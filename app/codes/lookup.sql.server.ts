import type { SurveyCode } from "@prisma/client";
import { SQL } from "~/utils/db.server";
import { readRows } from "~/utils/sqlite-read.server";

type CodeRow = Omit<SurveyCode, "validFrom" | "expiresAt" | "stock"> & {
  validFrom: string | number;
  expiresAt: string | number;
  stock: number;
  versionUpdatedAt: string | number;
};

/**
 * A code row and its version's last change by the code's keyed hash, on SQLite's read
 * connection (the submit fast path, decision 0027); null when no such row exists.
 */
export function codeRowByHash(hash: string): { code: SurveyCode; versionUpdatedAt: number } | null {
  const [row] = readRows<CodeRow>(SQL.sql`
    SELECT c."id" AS "id", c."hash" AS "hash", c."surveyVersionId" AS "surveyVersionId", c."wave" AS "wave", c."lang" AS "lang",
      c."clientGroup" AS "clientGroup", c."referral" AS "referral", c."validMonth" AS "validMonth",
      c."validFrom" AS "validFrom", c."expiresAt" AS "expiresAt", c."stock" AS "stock", c."unitId" AS "unitId", v."updatedAt" AS "versionUpdatedAt"
    FROM "SurveyCode" c JOIN "SurveyVersion" v ON v."id" = c."surveyVersionId"
    WHERE c."hash" = ${hash}`);
  if (!row) return null;
  const { versionUpdatedAt, ...code } = row;
  return {
    code: { ...code, validFrom: storedDate(code.validFrom), expiresAt: storedDate(code.expiresAt), stock: code.stock === 1 },
    versionUpdatedAt: storedDate(versionUpdatedAt).getTime(),
  };
}

/** A DateTime as Prisma's SQLite adapter stores it (ISO-8601 text in UTC, or epoch milliseconds). */
function storedDate(value: string | number): Date {
  const date = new Date(value);
  if (Number.isNaN(date.getTime())) throw new Error(`not a stored date: ${value}`);
  return date;
}
