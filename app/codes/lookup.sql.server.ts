import type { SurveyCode } from "@prisma/client";
import { databaseProvider } from "~/utils/database-url";
import { prisma, SQL } from "~/utils/db.server";
import { readRows } from "~/utils/sqlite-read.server";

const text = (stored: unknown) => stored as string;
const optionalText = (stored: unknown) => stored as string | null;

/**
 * Every column of SurveyCode with how to read it as SQLite stores it. The select list is made
 * from this, and the type demands exactly the model's fields: a column added to the model fails
 * the typecheck here until the fast path reads it too (it once missed unitId).
 */
const CODE_COLUMNS: { [K in keyof SurveyCode]-?: (stored: unknown) => SurveyCode[K] } = {
  hash: text,
  surveyVersionId: text,
  wave: text,
  lang: text,
  clientGroup: optionalText,
  referral: optionalText,
  validMonth: text,
  validFrom: storedDate,
  expiresAt: storedDate,
  stock: (stored) => stored === 1,
  unitId: text,
};
const COLUMN_NAMES = Object.keys(CODE_COLUMNS) as (keyof SurveyCode)[];
const SELECTED = SQL.raw(COLUMN_NAMES.map((name) => `c."${name}" AS "${name}"`).join(", "));

/**
 * A code row and its version's last change by the code's keyed hash, on SQLite's read
 * connection (the submit fast path, decision 0027); null when no such row exists.
 */
export function codeRowByHash(hash: string): { code: SurveyCode; versionUpdatedAt: number } | null {
  const [row] = readRows<Record<string, unknown>>(SQL.sql`
    SELECT ${SELECTED}, v."updatedAt" AS "versionUpdatedAt"
    FROM "SurveyCode" c JOIN "SurveyVersion" v ON v."id" = c."surveyVersionId"
    WHERE c."hash" = ${hash}`);
  if (!row) return null;
  const code = Object.fromEntries(COLUMN_NAMES.map((name) => [name, CODE_COLUMNS[name](row[name])])) as SurveyCode;
  return { code, versionUpdatedAt: storedDate(row.versionUpdatedAt).getTime() };
}

/** A DateTime as Prisma's SQLite adapter stores it (ISO-8601 text in UTC, or epoch milliseconds). */
function storedDate(stored: unknown): Date {
  const date = new Date(stored as string | number);
  if (Number.isNaN(date.getTime())) throw new Error(`not a stored date: ${String(stored)}`);
  return date;
}

/**
 * codeRowByHash on either database: PostgreSQL has no read connection of its own here, so the
 * code is read through the client's pool (the fast path then needs no Remix on either).
 */
export async function findCodeByHash(hash: string): Promise<{ code: SurveyCode; versionUpdatedAt: number } | null> {
  if (databaseProvider() === "sqlite") return codeRowByHash(hash);
  const found = await prisma.surveyCode.findUnique({ where: { hash }, include: { surveyVersion: { select: { updatedAt: true } } } });
  if (!found) return null;
  const { surveyVersion, ...code } = found;
  return { code, versionUpdatedAt: surveyVersion.updatedAt.getTime() };
}
