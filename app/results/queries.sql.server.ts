/**
 * The only raw SQL of the results module, in the SQL SQLite and PostgreSQL share (quoted
 * identifiers, GROUP BY, COUNT(DISTINCT), EXISTS). Everything is counted in the database;
 * no answer row is loaded into JavaScript except free texts, which are shown one by one.
 */
import { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import type { Counts } from "./report";

export type ResponseFilter = {
  /** SurveyVersion ids */
  versionIds: string[];
  /** version number per id, to report counts by version */
  versionNumbers: Map<string, number>;
  from: string;
  to: string;
  waves: string[] | null;
  clientGroup?: string | null;
  referral?: string | null;
  /** answers the response must contain, e.g. { role: "perpetrator", gender: "woman" } */
  answerIs?: Record<string, string>;
};

/** Responses per value of a code attribute ("" when the code had none). */
export async function countResponsesByAttribute(
  f: ResponseFilter,
  attribute: "clientGroup" | "referral",
): Promise<{ key: string; n: number }[]> {
  if (f.versionIds.length === 0) return [];
  const column = attribute === "clientGroup" ? Prisma.raw(`r."clientGroup"`) : Prisma.raw(`r."referral"`);
  const rows = await prisma.$queryRaw<{ key: string | null; n: unknown }[]>`
    SELECT ${column} AS "key", COUNT(*) AS "n" FROM "Response" r WHERE ${whereResponses(f)} GROUP BY ${column}`;
  return rows.map((r) => ({ key: r.key ?? "", n: num(r.n) }));
}

/** Responses per chosen option of one single-choice question (those who skipped it not included). */
export async function countResponsesByAnswer(f: ResponseFilter, questionKey: string): Promise<{ key: string; n: number }[]> {
  if (f.versionIds.length === 0) return [];
  const rows = await prisma.$queryRaw<{ key: string; n: unknown }[]>`
    SELECT a."optionKey" AS "key", COUNT(*) AS "n"
    FROM "Response" r JOIN "Answer" a ON a."responseId" = r."id"
    WHERE ${whereResponses(f)} AND a."questionKey" = ${questionKey} AND a."rowKey" = ''
    GROUP BY a."optionKey"`;
  return rows.map((r) => ({ key: r.key, n: num(r.n) }));
}

/** Limits answer counting to these questions (all when missing). */
function onlyQuestions(keys: string[] | undefined): Prisma.Sql {
  return keys ? Prisma.sql` AND a."questionKey" IN (${Prisma.join(keys.length ? keys : [""])})` : Prisma.empty;
}

function whereResponses(f: ResponseFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    Prisma.sql`r."surveyVersionId" IN (${Prisma.join(f.versionIds)})`,
    Prisma.sql`r."month" >= ${f.from}`,
    Prisma.sql`r."month" <= ${f.to}`,
  ];
  if (f.waves?.length) parts.push(Prisma.sql`r."wave" IN (${Prisma.join(f.waves)})`);
  if (f.clientGroup) parts.push(Prisma.sql`r."clientGroup" = ${f.clientGroup}`);
  if (f.referral) parts.push(Prisma.sql`r."referral" = ${f.referral}`);
  for (const [questionKey, optionKey] of Object.entries(f.answerIs ?? {})) {
    parts.push(Prisma.sql`EXISTS (SELECT 1 FROM "Answer" g WHERE g."responseId" = r."id"
      AND g."questionKey" = ${questionKey} AND g."rowKey" = '' AND g."optionKey" = ${optionKey})`);
  }
  return Prisma.join(parts, " AND ");
}

const num = (v: unknown) => Number(v ?? 0); // COUNT is a bigint on PostgreSQL

export async function countResponses(f: ResponseFilter): Promise<Counts["responses"]> {
  if (f.versionIds.length === 0) return [];
  const rows = await prisma.$queryRaw<{ surveyVersionId: string; wave: string; n: unknown }[]>`
    SELECT r."surveyVersionId" AS "surveyVersionId", r."wave" AS "wave", COUNT(*) AS "n"
    FROM "Response" r WHERE ${whereResponses(f)}
    GROUP BY r."surveyVersionId", r."wave"`;
  return rows.map((r) => ({ version: f.versionNumbers.get(r.surveyVersionId) ?? 0, wave: r.wave, n: num(r.n) }));
}

/** Answer rows by question, row and option; free-text answers count under option "". */
export async function countOptions(f: ResponseFilter, questionKeys?: string[]): Promise<Counts["options"]> {
  if (f.versionIds.length === 0) return [];
  const rows = await prisma.$queryRaw<{ questionKey: string; rowKey: string; optionKey: string; n: unknown }[]>`
    SELECT a."questionKey" AS "questionKey", a."rowKey" AS "rowKey", a."optionKey" AS "optionKey", COUNT(*) AS "n"
    FROM "Response" r JOIN "Answer" a ON a."responseId" = r."id"
    WHERE ${whereResponses(f)}${onlyQuestions(questionKeys)}
    GROUP BY a."questionKey", a."rowKey", a."optionKey"`;
  return rows.map((r) => ({ questionKey: r.questionKey, rowKey: r.rowKey, optionKey: r.optionKey, n: num(r.n) }));
}

/** Distinct answering responses of the given (multi and matrix) questions. */
export async function countAnswered(f: ResponseFilter, questionKeys: string[]): Promise<Counts["answered"]> {
  if (f.versionIds.length === 0 || questionKeys.length === 0) return [];
  const rows = await prisma.$queryRaw<{ questionKey: string; n: unknown }[]>`
    SELECT a."questionKey" AS "questionKey", COUNT(DISTINCT a."responseId") AS "n"
    FROM "Response" r JOIN "Answer" a ON a."responseId" = r."id"
    WHERE ${whereResponses(f)}${onlyQuestions(questionKeys)}
    GROUP BY a."questionKey"`;
  return rows.map((r) => ({ questionKey: r.questionKey, n: num(r.n) }));
}

/** Answers to one question per month of submission (the indicator's line chart). */
export async function countOptionsByMonth(
  f: ResponseFilter,
  questionKey: string,
): Promise<{ month: string; optionKey: string; n: number }[]> {
  if (f.versionIds.length === 0) return [];
  const rows = await prisma.$queryRaw<{ month: string; optionKey: string; n: unknown }[]>`
    SELECT r."month" AS "month", a."optionKey" AS "optionKey", COUNT(*) AS "n"
    FROM "Response" r JOIN "Answer" a ON a."responseId" = r."id"
    WHERE ${whereResponses(f)} AND a."questionKey" = ${questionKey} AND a."rowKey" = ''
    GROUP BY r."month", a."optionKey"`;
  return rows.map((r) => ({ month: r.month, optionKey: r.optionKey, n: num(r.n) }));
}

/** Free texts of one question, without anything else of the response. */
export async function freeTexts(f: ResponseFilter, questionKey: string): Promise<string[]> {
  if (f.versionIds.length === 0) return [];
  const rows = await prisma.$queryRaw<{ text: string | null }[]>`
    SELECT a."text" AS "text"
    FROM "Response" r JOIN "Answer" a ON a."responseId" = r."id"
    WHERE ${whereResponses(f)} AND a."questionKey" = ${questionKey} AND a."text" IS NOT NULL AND a."text" <> ''`;
  return rows.map((r) => r.text ?? "");
}

export type IssueFilter = {
  versionIds: string[];
  from: string;
  to: string;
  waves: string[] | null;
  clientGroup?: string | null;
  referral?: string | null;
};

function issueWhere(f: IssueFilter): Prisma.CodeCountWhereInput {
  return {
    surveyVersionId: { in: f.versionIds },
    validMonth: { gte: f.from, lte: f.to },
    ...(f.waves?.length ? { wave: { in: f.waves } } : {}),
    ...(f.clientGroup ? { clientGroup: f.clientGroup } : {}),
    ...(f.referral ? { referral: f.referral } : {}),
  };
}

/** Codes issued in the period: counted in the month each became valid. */
export async function countIssued(f: IssueFilter): Promise<number> {
  if (f.versionIds.length === 0) return 0;
  const sum = await prisma.codeCount.aggregate({ where: issueWhere(f), _sum: { issued: true } });
  return sum._sum.issued ?? 0;
}

export type ReachDimension = "wave" | "validMonth" | "clientGroup" | "referral";

/** Codes issued, answered and expired, grouped by one attribute of the codes. */
export async function countReach(
  f: IssueFilter,
  by: ReachDimension,
): Promise<{ key: string; issued: number; answered: number; expired: number }[]> {
  if (f.versionIds.length === 0) return [];
  const rows = await prisma.codeCount.groupBy({
    by: [by],
    where: issueWhere(f),
    _sum: { issued: true, answered: true, expired: true },
  });
  return rows
    .map((r) => ({
    key: String(r[by]),
    issued: r._sum.issued ?? 0,
    answered: r._sum.answered ?? 0,
      expired: r._sum.expired ?? 0,
    }))
    .sort((a, b) => a.key.localeCompare(b.key));
}

/** First and last month with any response or issued code, for a default period. */
export async function dataMonths(versionIds: string[]): Promise<{ first: string; last: string } | null> {
  if (versionIds.length === 0) return null;
  const [r, c] = await Promise.all([
    prisma.response.aggregate({ where: { surveyVersionId: { in: versionIds } }, _min: { month: true }, _max: { month: true } }),
    prisma.codeCount.aggregate({ where: { surveyVersionId: { in: versionIds } }, _min: { validMonth: true }, _max: { validMonth: true } }),
  ]);
  const firsts = [r._min.month, c._min.validMonth].filter((m): m is string => !!m);
  const lasts = [r._max.month, c._max.validMonth].filter((m): m is string => !!m);
  if (!firsts.length) return null;
  return { first: firsts.sort()[0]!, last: lasts.sort().at(-1)! };
}
