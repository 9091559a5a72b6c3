/**
 * The only raw SQL of the results module, in the SQL SQLite and PostgreSQL share (quoted
 * identifiers, GROUP BY, COUNT(DISTINCT), EXISTS, INSERT … ON CONFLICT). Everything is counted
 * in the database; no answer row is loaded into JavaScript except free texts, which are shown
 * one by one (pre-aggregated cells are summed further in cells.ts).
 */
import { randomUUID } from "node:crypto";
import type { Prisma } from "@prisma/client";
import { databaseUrl, providerOf } from "~/utils/database-url";
import { prisma, SQL } from "~/utils/db.server";
import type { CodeTally } from "~/codes/attributes";
import type { Channel } from "~/paper/channel";
import { WAVES } from "~/survey/definition";
import { monthOf } from "~/utils/months";
import type { Counts } from "./report";
import { addMonths } from "./period";
import {
  ALL_GROUPS_LEVEL,
  DIMENSION_LEVELS,
  GROUP_DIMS,
  dimensionLevel,
  LANGUAGE_LEVEL,
  LANGUAGE_SUMMED_LEVEL,
  FREE_TEXT_LEVEL,
  LANGUAGE_DIMENSION_LEVELS,
  languageLevel,
  levelReads,
  RESPONSES_LEVEL,
  SUMMED_LEVEL,
  UNITS_SUMMED_LEVEL,
  type GroupDim,
  type LevelRead,
} from "./levels";
import { partMonths, partsLeftOut, type UnitPart } from "./unit-parts";
import { REBUILD_MARKER } from "./release-summaries.server";

/**
 * The unit scope of a released report (release.server.ts): per unit and wave, the months of its
 * own released blocks. A report reads only these; missing = every unit, the whole period.
 */
export type { UnitPart } from "./unit-parts";

/** Units read over the same months (and wave, when given). */
export type Span = { wave?: string; from: string; to: string; unitIds: string[] };

/**
 * The parts with the same wave and months, with their units: a pooled report of many units has
 * few distinct spans, so the database checks a few ranges and a unit list per row instead of
 * one term per unit and wave (600 for 300 units, which made an organisation's report take seconds).
 */
function spansOf(parts: readonly UnitPart[]): (Span & { wave: string })[] {
  const spans = new Map<string, { wave: string; from: string; to: string; unitIds: string[] }>();
  for (const p of parts) {
    const key = `${p.wave}|${p.from}|${p.to}`;
    const span = spans.get(key);
    if (span) span.unitIds.push(p.unitId);
    else spans.set(key, { wave: p.wave, from: p.from, to: p.to, unitIds: [p.unitId] });
  }
  return [...spans.values()];
}

/** `(wave, month range, unit IN …) OR …` for the given table alias and month column. */
function partsWhere(alias: string, monthColumn: string, parts: readonly UnitPart[] | undefined): Prisma.Sql {
  if (!parts) return SQL.empty;
  if (parts.length === 0) return SQL.sql` AND 1 = 0`;
  const unit = SQL.raw(`${alias}."unitId"`);
  const wave = SQL.raw(`${alias}."wave"`);
  const month = SQL.raw(`${alias}."${monthColumn}"`);
  const terms = spansOf(parts).map(
    (p) => SQL.sql`(${wave} = ${p.wave} AND ${month} >= ${p.from} AND ${month} <= ${p.to} AND ${unit} IN (${SQL.join(p.unitIds)}))`,
  );
  return SQL.sql` AND (${SQL.join(terms, " OR ")})`;
}

/**
 * The same selection for Prisma's CodeCount queries (validMonth is the code's month). The units
 * are named outside the OR as well: with bound values SQLite's planner otherwise took the primary
 * key (version first) and read every unit's rows of the period (45 ms instead of 0.7 for one unit).
 */
function partsCodeWhere(parts: readonly UnitPart[] | undefined): Prisma.CodeCountWhereInput {
  if (!parts) return {};
  if (!parts.length) return { OR: [{ unitId: { in: [] } }] };
  return {
    unitId: { in: [...new Set(parts.map((p) => p.unitId))] },
    OR: spansOf(parts).map((p) => ({ wave: p.wave, validMonth: { gte: p.from, lte: p.to }, unitId: { in: p.unitIds } })),
  };
}

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
  parts?: readonly UnitPart[];
};

/** Responses per value of a code attribute ("" when the code had none). */
export async function countResponsesByAttribute(
  f: ResponseFilter,
  attribute: "clientGroup" | "referral",
): Promise<{ key: string; n: number }[]> {
  if (f.versionIds.length === 0) return [];
  const column = attribute === "clientGroup" ? SQL.raw(`r."clientGroup"`) : SQL.raw(`r."referral"`);
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
  return keys ? SQL.sql` AND a."questionKey" IN (${SQL.join(keys.length ? keys : [""])})` : SQL.empty;
}

function whereResponses(f: ResponseFilter): Prisma.Sql {
  const parts: Prisma.Sql[] = [
    SQL.sql`r."surveyVersionId" IN (${SQL.join(f.versionIds)})`,
    SQL.sql`r."month" >= ${f.from}`,
    SQL.sql`r."month" <= ${f.to}`,
  ];
  if (f.waves?.length) parts.push(SQL.sql`r."wave" IN (${SQL.join(f.waves)})`);
  if (f.clientGroup) parts.push(SQL.sql`r."clientGroup" = ${f.clientGroup}`);
  if (f.referral) parts.push(SQL.sql`r."referral" = ${f.referral}`);
  for (const [questionKey, optionKey] of Object.entries(f.answerIs ?? {})) {
    parts.push(SQL.sql`EXISTS (SELECT 1 FROM "Answer" g WHERE g."responseId" = r."id"
      AND g."questionKey" = ${questionKey} AND g."rowKey" = '' AND g."optionKey" = ${optionKey})`);
  }
  return SQL.sql`${SQL.join(parts, " AND ")}${partsWhere("r", "month", f.parts)}`;
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

export type IssueFilter = {
  versionIds: string[];
  from: string;
  to: string;
  waves: string[] | null;
  clientGroup?: string | null;
  referral?: string | null;
  /** codes of these units only (reach); all when missing */
  unitIds?: readonly string[];
  /** hand-out months (per wave) left out: those whose codes can still be answered (reach) */
  exclude?: readonly HandOut[];
};

export type HandOut = { wave: string; validMonth: string };

function issueWhere(f: IssueFilter): Prisma.CodeCountWhereInput {
  return {
    ...(f.unitIds ? { unitId: { in: [...f.unitIds] } } : {}),
    surveyVersionId: { in: f.versionIds },
    validMonth: { gte: f.from, lte: f.to },
    ...(f.waves?.length ? { wave: { in: f.waves } } : {}),
    ...(f.clientGroup ? { clientGroup: f.clientGroup } : {}),
    ...(f.referral ? { referral: f.referral } : {}),
    ...(f.exclude?.length ? { NOT: { OR: f.exclude.map((h) => ({ wave: h.wave, validMonth: h.validMonth })) } } : {}),
  };
}

/** Hand-out months (per wave) of the filter, with the latest month their codes open in (participation.ts). */
export async function handOutOpenings(f: IssueFilter): Promise<(HandOut & { lastOpensMonth: string })[]> {
  if (f.versionIds.length === 0) return [];
  const rows = await prisma.codeCount.groupBy({ by: ["wave", "validMonth"], where: issueWhere(f), _max: { opensMonth: true } });
  return rows
    .map((r) => ({ wave: r.wave, validMonth: r.validMonth, lastOpensMonth: r._max.opensMonth || r.validMonth }))
    .sort((a, b) => a.validMonth.localeCompare(b.validMonth) || a.wave.localeCompare(b.wave));
}

/** Codes issued in the period: counted in the month each became valid. */
export async function countIssued(f: IssueFilter): Promise<number> {
  if (f.versionIds.length === 0) return 0;
  const sum = await prisma.codeCount.aggregate({ where: issueWhere(f), _sum: { issued: true } });
  return sum._sum.issued ?? 0;
}

export type IssuedRow = { surveyVersionId: string; wave: string; month: string; clientGroup: string; referral: string; issued: number };

/** Codes issued per version and wave (and month, group and referral when asked), for CellSet. */
export async function countIssuedCells(f: {
  versionIds: string[];
  from: string;
  to: string;
  byMonth: boolean;
  dims: readonly GroupDim[];
  parts?: readonly UnitPart[];
}): Promise<IssuedRow[]> {
  if (f.versionIds.length === 0) return [];
  const by = [
    "surveyVersionId" as const,
    "wave" as const,
    ...(f.byMonth ? ["validMonth" as const] : []),
    ...(f.dims.includes("clientGroup") ? ["clientGroup" as const] : []),
    ...(f.dims.includes("referral") ? ["referral" as const] : []),
  ];
  const rows = await prisma.codeCount.groupBy({
    by,
    where: { surveyVersionId: { in: f.versionIds }, validMonth: { gte: f.from, lte: f.to }, ...partsCodeWhere(f.parts) },
    _sum: { issued: true },
  });
  return rows.map((r) => ({
    surveyVersionId: r.surveyVersionId,
    wave: r.wave,
    month: f.byMonth ? r.validMonth : "",
    clientGroup: f.dims.includes("clientGroup") ? r.clientGroup : "",
    referral: f.dims.includes("referral") ? r.referral : "",
    issued: r._sum.issued ?? 0,
  }));
}

/**
 * Codes issued per unit, version, wave and month (and client group and referral when asked) of
 * some units: what a page's pooled reports each cut their own units' months from (SharedReads),
 * instead of each reading CodeCount again. Summed from CodeCount_unit_idx without a group.
 */
export async function countIssuedByUnit(f: {
  versionIds: string[];
  from: string;
  to: string;
  unitIds: readonly string[];
  dims: readonly GroupDim[];
}): Promise<(IssuedRow & { unitId: string })[]> {
  if (f.versionIds.length === 0 || f.unitIds.length === 0) return [];
  const byGroup = f.dims.includes("clientGroup");
  const byReferral = f.dims.includes("referral");
  const rows = await prisma.codeCount.groupBy({
    by: ["unitId", "surveyVersionId", "wave", "validMonth", ...(byGroup ? ["clientGroup" as const] : []), ...(byReferral ? ["referral" as const] : [])],
    where: { unitId: { in: [...f.unitIds] }, surveyVersionId: { in: f.versionIds }, validMonth: { gte: f.from, lte: f.to } },
    _sum: { issued: true },
  });
  return rows.map((r) => ({
    unitId: r.unitId,
    surveyVersionId: r.surveyVersionId,
    wave: r.wave,
    month: r.validMonth,
    clientGroup: byGroup ? r.clientGroup : "",
    referral: byReferral ? r.referral : "",
    issued: r._sum.issued ?? 0,
  }));
}

export type ReachDimension = "wave" | "validMonth" | "lang" | "clientGroup" | "referral";

export type ReachRow = { key: string; issued: number; answered: number; answeredOnPaper: number; expired: number };

/**
 * Codes issued, answered and expired, grouped by each of some attributes of the codes: one read
 * grouped by all of them, summed per attribute here (a read per attribute took 0.2 s each for an
 * organisation's year at 1M), and one snapshot, so every table's total is the same.
 */
export async function countReach(f: IssueFilter, dims: readonly ReachDimension[]): Promise<Map<ReachDimension, ReachRow[]>> {
  const out = new Map<ReachDimension, ReachRow[]>(dims.map((d) => [d, []]));
  if (f.versionIds.length === 0 || dims.length === 0) return out;
  const rows = await prisma.codeCount.groupBy({
    by: [...dims],
    where: issueWhere(f),
    _sum: { issued: true, answered: true, answeredOnPaper: true, expired: true },
  });
  for (const by of dims) {
    const sums = new Map<string, ReachRow>();
    for (const r of rows) {
      const key = String(r[by]);
      const row = sums.get(key) ?? { key, issued: 0, answered: 0, answeredOnPaper: 0, expired: 0 };
      row.issued += r._sum.issued ?? 0;
      row.answered += r._sum.answered ?? 0;
      row.answeredOnPaper += r._sum.answeredOnPaper ?? 0;
      row.expired += r._sum.expired ?? 0;
      sums.set(key, row);
    }
    out.set(by, [...sums.values()].sort((a, b) => a.key.localeCompare(b.key)));
  }
  return out;
}

/** First and last month with any response or issued code, for a default period. */
export async function dataMonths(versionIds: string[]): Promise<{ first: string; last: string } | null> {
  if (versionIds.length === 0) return null;
  const [r, c] = await Promise.all([
    // level 0 of the pre-aggregate has every month with a response: its first and last month of
    // each unit, two index seeks per unit (units found by a loose scan, as unitsAt)
    prisma.$queryRaw<{ min: string | null; max: string | null }[]>`
      ${unitsAtCte(SUMMED_LEVEL)}
      SELECT MIN(x."first") AS "min", MAX(x."last") AS "max" FROM (
        SELECT
          (SELECT c."month" FROM "AnswerCount" c WHERE c."level" = ${SUMMED_LEVEL} AND c."unitId" = "u"."id" AND c."surveyVersionId" IN (${SQL.join(versionIds)})
            ORDER BY c."month" LIMIT 1) AS "first",
          (SELECT c."month" FROM "AnswerCount" c WHERE c."level" = ${SUMMED_LEVEL} AND c."unitId" = "u"."id" AND c."surveyVersionId" IN (${SQL.join(versionIds)})
            ORDER BY c."month" DESC LIMIT 1) AS "last"
        FROM "u" WHERE "u"."id" IS NOT NULL
      ) x`.then((rows) => ({
      _min: { month: rows[0]?.min ?? null },
      _max: { month: rows[0]?.max ?? null },
    })),
    prisma.codeCount.aggregate({ where: { surveyVersionId: { in: versionIds } }, _min: { validMonth: true }, _max: { validMonth: true } }),
  ]);
  const firsts = [r._min.month, c._min.validMonth].filter((m): m is string => !!m);
  const lasts = [r._max.month, c._max.validMonth].filter((m): m is string => !!m);
  if (!firsts.length) return null;
  return { first: firsts.sort()[0]!, last: lasts.sort().at(-1)! };
}

// ---------------------------------------------------------------- pre-aggregated counts
// AnswerCount (prisma/schema.prisma, docs/decisions/0008-pre-aggregated-counts.md): level 1 by
// code group, referral and role and gender answer, level 0 summed over them. Question "" counts
// responses, option "*" counts responses that answered the question.

export { GROUP_DIMS, type GroupDim } from "./levels";

const COLUMNS = SQL.raw(
  `"level", "surveyVersionId", "wave", "month", "unitId", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey", "n"`,
);

/** The response's answer to a single-choice question used as a report group ("" when skipped). */
const answerOf = (questionKey: "role" | "gender") =>
  SQL.raw(`COALESCE((SELECT MIN(g."optionKey") FROM "Answer" g
    WHERE g."responseId" = r."id" AND g."questionKey" = '${questionKey}' AND g."rowKey" = ''), '')`);

/**
 * Adds one just-stored response to both levels. Runs inside the transaction that stores it, so
 * the counts never differ from a recount. One statement: the response row, its answer rows and
 * one "answered" row per question, each +1 (a response's keys are unique, so no row twice).
 * Cells are taken in key order: two submits at once (app servers sharing a PostgreSQL database)
 * then lock their shared cells in the same order and never deadlock.
 */
export async function addToAnswerCounts(tx: Prisma.TransactionClient, responseId: string): Promise<void> {
  await tx.$executeRaw(addToAnswerCountsSql(responseId));
}

/**
 * Adds `n` to one cell (its values in COLUMNS' order, then n): the SQLite writer sums a batch's
 * cells (answer-cells.ts) and writes each once (decision 0027), where addToAnswerCountsSql per
 * response upserted the same forty-odd cells again for every submit of the batch.
 */
export const ADD_TO_ANSWER_CELL_SQL = `
    INSERT INTO "AnswerCount" (${COLUMNS.sql}) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
    ON CONFLICT ("level", "unitId", "month", "surveyVersionId", "wave", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey")
    DO UPDATE SET "n" = "AnswerCount"."n" + excluded."n"`;

/** The statement addToAnswerCounts runs (PostgreSQL's submits, the fixtures). */
export function addToAnswerCountsSql(responseId: string): Prisma.Sql {
  return SQL.sql`
    INSERT INTO "AnswerCount" (${COLUMNS})
    SELECT l."level", r."surveyVersionId", r."wave", r."month", r."unitId",
      CASE WHEN l."level" = 1 THEN COALESCE(r."clientGroup", '') ELSE '' END,
      CASE WHEN l."level" = 1 THEN COALESCE(r."referral", '') ELSE '' END,
      CASE WHEN l."level" = 1 THEN ${answerOf("role")} ELSE '' END,
      CASE WHEN l."level" = 1 THEN ${answerOf("gender")} ELSE '' END,
      x."questionKey", x."rowKey", x."optionKey", 1
    FROM "Response" r
    CROSS JOIN (SELECT 0 AS "level" UNION ALL SELECT 1) l
    CROSS JOIN (
      SELECT '' AS "questionKey", '' AS "rowKey", '' AS "optionKey"
      UNION ALL SELECT a."questionKey", a."rowKey", a."optionKey" FROM "Answer" a WHERE a."responseId" = ${responseId}
      UNION ALL SELECT DISTINCT a."questionKey", '', '*' FROM "Answer" a WHERE a."responseId" = ${responseId}
    ) x
    WHERE r."id" = ${responseId}
    ORDER BY 1, 5, 4, 2, 3, 6, 7, 8, 9, 10, 11, 12
    ON CONFLICT ("level", "unitId", "month", "surveyVersionId", "wave", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey")
    DO UPDATE SET "n" = "AnswerCount"."n" + excluded."n"`;
}

/**
 * Recounts AnswerCount from Response and Answer (`aggregates rebuild`; the migration that added
 * the table runs the same SQL once). Returns the number of responses counted.
 */
export async function rebuildAnswerCounts(): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      await lockLevels(tx);
      await tx.$executeRaw`DELETE FROM "AnswerCount"`;
      await tx.$executeRaw`DELETE FROM "AnswerCountBuild"`;
      // the release summaries were counted from the same rows: built again, and a build begun before this is not stored
      await tx.releaseSummary.deleteMany();
      await tx.releaseSummaryBuild.deleteMany();
      await tx.releaseSummaryBuild.create({ data: { ...REBUILD_MARKER, through: "", versionIds: "", unitIds: "", build: randomUUID() } });
      await tx.$executeRaw`
        INSERT INTO "AnswerCount" (${COLUMNS})
        SELECT 1, c."surveyVersionId", c."wave", c."month", c."unitId", c."clientGroup", c."referral", c."role", c."gender",
          c."questionKey", c."rowKey", c."optionKey", COUNT(*)
        FROM (
          SELECT d.*, '' AS "questionKey", '' AS "rowKey", '' AS "optionKey" FROM (${responseDims}) d
          UNION ALL
          SELECT d.*, a."questionKey", a."rowKey", a."optionKey" FROM (${responseDims}) d JOIN "Answer" a ON a."responseId" = d."id"
          UNION ALL
          SELECT d.*, a."questionKey", '', '*' FROM (${responseDims}) d
            JOIN (SELECT DISTINCT "responseId", "questionKey" FROM "Answer") a ON a."responseId" = d."id"
        ) c
        GROUP BY c."surveyVersionId", c."wave", c."month", c."unitId", c."clientGroup", c."referral", c."role", c."gender",
          c."questionKey", c."rowKey", c."optionKey"`;
      await tx.$executeRaw`
        INSERT INTO "AnswerCount" (${COLUMNS})
        SELECT 0, "surveyVersionId", "wave", "month", "unitId", '', '', '', '', "questionKey", "rowKey", "optionKey", SUM("n")
        FROM "AnswerCount" WHERE "level" = 1
        GROUP BY "surveyVersionId", "wave", "month", "unitId", "questionKey", "rowKey", "optionKey"`;
      return num((await tx.$queryRaw<{ n: unknown }[]>`SELECT COUNT(*) AS "n" FROM "Response"`)[0]?.n);
    },
    { timeout: 3_600_000 },
  );
}

const responseDims = SQL.sql`SELECT r."id", r."surveyVersionId", r."wave", r."month", r."unitId", r."lang",
  COALESCE(r."clientGroup", '') AS "clientGroup", COALESCE(r."referral", '') AS "referral",
  ${answerOf("role")} AS "role", ${answerOf("gender")} AS "gender" FROM "Response" r`;

export type CellRow = {
  surveyVersionId: string;
  wave: string;
  /** "" unless counted by month */
  month: string;
  questionKey: string;
  rowKey: string;
  optionKey: string;
  n: number;
} & Record<GroupDim, string>;

export type CellFilter = {
  versionIds: string[];
  from: string;
  to: string;
  waves: string[] | null;
  /** group filters the caller will apply: counted apart ("" for none); the rest summed */
  dims: readonly GroupDim[];
  byMonth: boolean;
  /** only these questions (and the response counts); all when missing */
  questionKeys?: string[];
  parts?: readonly UnitPart[];
};

/**
 * The last month a derived level holds (null: none built yet), as the job recorded it
 * (AnswerCountBuild; with the unit first in AnswerCount's key, MAX(month) would scan the level).
 * A level without any row is not built, whatever the record says (its rows were deleted).
 */
async function builtThrough(level: number, db: Db = prisma): Promise<string | null> {
  const rows = await db.$queryRaw<{ through: string }[]>`
    SELECT b."through" AS "through" FROM "AnswerCountBuild" b
    WHERE b."level" = ${level} AND EXISTS (SELECT 1 FROM "AnswerCount" c WHERE c."level" = ${level})`;
  return rows[0]?.through ?? null;
}

/** The client or a transaction of it: what the levels job reads and writes through. */
type Db = Pick<Prisma.TransactionClient, "$queryRaw" | "$executeRaw">;

/** A stretch of months of one level, with what else its rows must match. */
export type CellRead = LevelRead & { where?: Prisma.Sql };

/**
 * The AnswerCount rows of some reads (levels and months) within the unit parts, as one OR of
 * terms that each name a level, a unit list and a month range: both databases then seek each
 * unit's own months (the key is level, unit, month) instead of reading every unit's rows.
 */
export function cellsWhere(reads: readonly CellRead[], spans: readonly Span[] | undefined): Prisma.Sql {
  const terms: Prisma.Sql[] = [];
  for (const r of reads) {
    // an empty stretch still costs a scan of its level where no unit narrows it (month is not the key's lead)
    if (r.from > r.to) continue;
    const extra = r.where ? SQL.sql` AND ${r.where}` : SQL.empty;
    if (!spans) {
      terms.push(SQL.sql`(c."level" = ${r.level} AND c."month" >= ${r.from} AND c."month" <= ${r.to}${extra})`);
      continue;
    }
    for (const p of spans) {
      const from = p.from > r.from ? p.from : r.from;
      const to = p.to < r.to ? p.to : r.to;
      if (from > to) continue;
      terms.push(
        SQL.sql`(c."level" = ${r.level} AND c."unitId" IN (${SQL.join(p.unitIds)}) AND c."month" >= ${from} AND c."month" <= ${to}${p.wave === undefined ? SQL.empty : SQL.sql` AND c."wave" = ${p.wave}`}${extra})`,
      );
    }
  }
  return terms.length ? SQL.sql`(${SQL.join(terms, " OR ")})` : SQL.sql`1 = 0`;
}

/** The levels and months (levels.ts) that answer a range grouped by `dims`, within the unit parts. */
async function levelCondition(dims: readonly GroupDim[], from: string, to: string, parts: readonly UnitPart[] | undefined): Promise<Prisma.Sql> {
  const level = dimensionLevel(dims);
  return cellsWhere(levelReads(dims, from, to, level === null ? null : await builtThrough(level)), parts && spansOf(parts));
}

/**
 * `WITH RECURSIVE "u"("id")`: the units with rows in a level (and a last NULL), one index seek
 * each (a loose scan: SELECT DISTINCT would read the whole level).
 */
function unitsAtCte(level: number): Prisma.Sql {
  return SQL.sql`WITH RECURSIVE "u"("id") AS (
      SELECT MIN(c."unitId") FROM "AnswerCount" c WHERE c."level" = ${level}
      UNION ALL
      SELECT (SELECT MIN(c."unitId") FROM "AnswerCount" c WHERE c."level" = ${level} AND c."unitId" > "u"."id") FROM "u" WHERE "u"."id" IS NOT NULL
    )`;
}

/** The units with rows in a level: what the job derives from, unit by unit. */
async function unitsAt(level: number, db: Db = prisma): Promise<string[]> {
  const rows = await db.$queryRaw<{ id: string }[]>`${unitsAtCte(level)} SELECT "id" FROM "u" WHERE "id" IS NOT NULL`;
  return rows.map((r) => r.id);
}

/** Whether a level holds any row of these units in the months after `after`, through `through` (one seek per unit). */
async function levelHasMonths(db: Db, level: number, units: readonly string[], after: string, through: string): Promise<boolean> {
  const rows = await db.$queryRaw<unknown[]>`
    SELECT 1 FROM "AnswerCount" c
    WHERE c."level" = ${level} AND c."unitId" IN (${SQL.join([...units])}) AND c."month" > ${after} AND c."month" <= ${through}
    LIMIT 1`;
  return rows.length > 0;
}

/**
 * Records how far a level is built: the last month it now holds, the last one with rows of
 * `monthsOf` (the level itself, or the level it is derived beside). Moved back only by a build
 * from an empty level (after ""), whose old record is of rows deleted since.
 */
async function recordBuilt(db: Db, level: number, units: readonly string[], after: string, through: string, monthsOf = level): Promise<void> {
  const forwardOnly = after ? SQL.sql` WHERE "AnswerCountBuild"."through" < excluded."through"` : SQL.empty;
  await db.$executeRaw`
    INSERT INTO "AnswerCountBuild" ("level", "through")
    SELECT ${level}, MAX(c."month") FROM "AnswerCount" c
    WHERE c."level" = ${monthsOf} AND c."unitId" IN (${SQL.join([...units])}) AND c."month" > ${after} AND c."month" <= ${through}
    HAVING MAX(c."month") IS NOT NULL
    ON CONFLICT ("level") DO UPDATE SET "through" = excluded."through"${forwardOnly}`;
}

/**
 * The first statement of a transaction that writes the levels (the job's and the rebuild's): it
 * waits until no other such transaction is open and takes a snapshot only then. SQLite: any write
 * takes the database's write lock (a transaction that read first could not write after another's
 * commit, so submits alone would fail the job); PostgreSQL: a table lock that conflicts with
 * itself (two servers' jobs then run one after the other instead of one failing).
 */
export function lockLevels(db: Db): Promise<number> {
  return providerOf(databaseUrl()) === "postgresql"
    ? db.$executeRaw`LOCK TABLE "AnswerCountBuild" IN SHARE ROW EXCLUSIVE MODE`
    : db.$executeRaw`UPDATE "AnswerCountBuild" SET "through" = "through" WHERE "level" = -1`;
}

/**
 * Derives one level for the months after the last one it holds, reading that month, writing the
 * rows and recording them in one transaction behind lockLevels: `aggregates rebuild` (another
 * process) empties every level, and committing between the read and the record would leave the
 * level without its earlier months for good while its record says they are built. `insert`
 * writes the months after `after` from the units with rows in level 1 and returns the rows
 * written, or null for nothing to do; `recordedUnits` are the units the level keys its rows by
 * (the units themselves when missing). `monthsOf`: the level whose months say how far it is built,
 * for a level that has no rows in a month with responses (free text).
 */
function deriveLevel(
  level: number,
  through: string,
  insert: (db: Db, after: string, inUnits: Prisma.Sql, units: readonly string[]) => Promise<number | null>,
  recordedUnits?: readonly string[],
  monthsOf = level,
): Promise<number> {
  return prisma.$transaction(
    async (tx) => {
      await lockLevels(tx);
      const after = (await builtThrough(level, tx)) ?? "";
      if (after >= through) return 0;
      const units = await unitsAt(ALL_GROUPS_LEVEL, tx);
      if (units.length === 0) return 0;
      const rows = await insert(tx, after, SQL.sql`c."unitId" IN (${SQL.join(units)})`, units);
      if (rows === null) return 0;
      await recordBuilt(tx, level, recordedUnits ?? units, after, through, monthsOf);
      return rows;
    },
    { timeout: 3_600_000 },
  );
}

/**
 * Derives the levels (levels.ts) for closed months not built yet, up to `through`. Closed months
 * never change, so a month once built stays exact; concurrent builders (servers sharing a
 * PostgreSQL database) take turns (lockLevels), the second finding the months built. Returns the
 * rows written.
 */
export async function buildDimensionLevels(through: string): Promise<number> {
  let written = 0;
  for (const [dim, level] of Object.entries(DIMENSION_LEVELS) as [GroupDim, number][]) {
    const column = (d: GroupDim) => SQL.raw(d === dim ? `c."${d}"` : `''`);
    written += await deriveLevel(level, through, async (db, after, inUnits) => {
      return db.$executeRaw`
        INSERT INTO "AnswerCount" (${COLUMNS})
        SELECT ${level}, c."surveyVersionId", c."wave", c."month", c."unitId", ${column("clientGroup")}, ${column("referral")},
          ${column("role")}, ${column("gender")}, c."questionKey", c."rowKey", c."optionKey", SUM(c."n")
        FROM "AnswerCount" c
        WHERE c."level" = ${ALL_GROUPS_LEVEL} AND ${inUnits} AND c."month" > ${after} AND c."month" <= ${through}
        GROUP BY c."surveyVersionId", c."wave", c."month", c."unitId", ${SQL.raw(`c."${dim}"`)}, c."questionKey", c."rowKey", c."optionKey"
        ON CONFLICT DO NOTHING`;
    });
  }
  written += await deriveLevel(RESPONSES_LEVEL, through, async (db, after, inUnits) => {
    return db.$executeRaw`
      INSERT INTO "AnswerCount" (${COLUMNS})
      SELECT ${RESPONSES_LEVEL}, c."surveyVersionId", c."wave", c."month", c."unitId", c."clientGroup", c."referral", c."role", c."gender", c."questionKey", c."rowKey", c."optionKey", c."n"
      FROM "AnswerCount" c
      WHERE c."level" = ${ALL_GROUPS_LEVEL} AND ${inUnits} AND c."month" > ${after} AND c."month" <= ${through} AND c."questionKey" = ''
      ON CONFLICT DO NOTHING`;
  });
  written += await deriveLevel(LANGUAGE_LEVEL, through, async (db, after, _inUnits, units) => {
    // Response has no index led by the month: read it only when level 1 holds a month not built yet
    // (else an install with empty months would scan every response each hour)
    if (!(await levelHasMonths(db, ALL_GROUPS_LEVEL, units, after, through))) return null;
    return db.$executeRaw`
      INSERT INTO "AnswerCount" (${COLUMNS})
      SELECT ${LANGUAGE_LEVEL}, d."surveyVersionId", d."wave", d."month", d."unitId", d."clientGroup", d."referral", d."role", d."gender", '', '', d."lang", COUNT(*)
      FROM (${responseDims}) d
      WHERE d."month" > ${after} AND d."month" <= ${through}
      GROUP BY d."surveyVersionId", d."wave", d."month", d."unitId", d."clientGroup", d."referral", d."role", d."gender", d."lang"
      ON CONFLICT DO NOTHING`;
  });
  written += await deriveLevel(LANGUAGE_SUMMED_LEVEL, through, async (db, after, inUnits) => {
    const kept = (column: string) => SQL.raw(`CASE WHEN c."${column}" = 'withheld' THEN 'withheld' ELSE '' END`);
    return db.$executeRaw`
      INSERT INTO "AnswerCount" (${COLUMNS})
      SELECT ${LANGUAGE_SUMMED_LEVEL}, c."surveyVersionId", c."wave", c."month", c."unitId", ${kept("clientGroup")}, ${kept("referral")}, '', '', '', '', c."optionKey", SUM(c."n")
      FROM "AnswerCount" c
      WHERE c."level" = ${LANGUAGE_LEVEL} AND ${inUnits} AND c."month" > ${after} AND c."month" <= ${through}
      GROUP BY c."surveyVersionId", c."wave", c."month", c."unitId", ${kept("clientGroup")}, ${kept("referral")}, c."optionKey"
      ON CONFLICT DO NOTHING`;
  });
  for (const [dim, level] of Object.entries(LANGUAGE_DIMENSION_LEVELS) as [GroupDim, number][]) {
    // the dimension's value; a client group or referral otherwise only as "withheld" or ""
    const kept = (column: GroupDim) =>
      SQL.raw(column === dim ? `c."${column}"` : column === "clientGroup" || column === "referral" ? `CASE WHEN c."${column}" = 'withheld' THEN 'withheld' ELSE '' END` : `''`);
    // PostgreSQL refuses a constant in GROUP BY: only the columns kept
    const grouped = SQL.join(GROUP_DIMS.filter((d) => d === dim || d === "clientGroup" || d === "referral").map(kept), ", ");
    written += await deriveLevel(level, through, async (db, after, inUnits) => {
      return db.$executeRaw`
        INSERT INTO "AnswerCount" (${COLUMNS})
        SELECT ${level}, c."surveyVersionId", c."wave", c."month", c."unitId", ${kept("clientGroup")}, ${kept("referral")}, ${kept("role")}, ${kept("gender")}, '', '', c."optionKey", SUM(c."n")
        FROM "AnswerCount" c
        WHERE c."level" = ${LANGUAGE_LEVEL} AND ${inUnits} AND c."month" > ${after} AND c."month" <= ${through}
        GROUP BY c."surveyVersionId", c."wave", c."month", c."unitId", ${grouped}, c."optionKey"
        ON CONFLICT DO NOTHING`;
    });
  }
  written += await deriveLevel(UNITS_SUMMED_LEVEL, through, async (db, after, inUnits) => {
    return db.$executeRaw`
      INSERT INTO "AnswerCount" (${COLUMNS})
      SELECT ${UNITS_SUMMED_LEVEL}, c."surveyVersionId", c."wave", c."month", '', '', '', '', '', c."questionKey", c."rowKey", c."optionKey", SUM(c."n")
      FROM "AnswerCount" c
      WHERE c."level" = ${SUMMED_LEVEL} AND ${inUnits} AND c."month" > ${after} AND c."month" <= ${through}
      GROUP BY c."surveyVersionId", c."wave", c."month", c."questionKey", c."rowKey", c."optionKey"
      ON CONFLICT DO NOTHING`;
  }, [""]);
  // built as far as level 1 holds responses: a month whose answers hold no comment has no row here,
  // and recording only months with rows would read all of FreeText every hour after such a month
  written += await deriveLevel(FREE_TEXT_LEVEL, through, async (db, after, _inUnits, units) => {
    // FreeText has no index led by the month: read it only when a month is left to build
    if (!(await levelHasMonths(db, ALL_GROUPS_LEVEL, units, after, through))) return null;
    return db.$executeRaw`
      INSERT INTO "AnswerCount" (${COLUMNS})
      SELECT ${FREE_TEXT_LEVEL}, t."surveyVersionId", t."wave", t."month", t."unitId", '', '', '', '', t."questionKey", '', t."lang", COUNT(*)
      FROM "FreeText" t
      WHERE t."month" > ${after} AND t."month" <= ${through}
      GROUP BY t."surveyVersionId", t."wave", t."month", t."unitId", t."questionKey", t."lang"
      ON CONFLICT DO NOTHING`;
  }, undefined, ALL_GROUPS_LEVEL);
  return written;
}

/**
 * Pre-aggregated counts for one range of months, grouped as asked: from the cheapest level
 * that holds the grouping (levels.ts). A pooled report without a group filter reads the
 * units-summed level and takes away the months its unit parts leave out, when those are fewer
 * than the months the parts read (decision 0033).
 */
export async function countCells(f: CellFilter): Promise<CellRow[]> {
  if (f.versionIds.length === 0) return [];
  const pooled = f.dims.length === 0 && f.parts && new Set(f.parts.map((p) => p.unitId)).size > 1 ? await pooledCells(f, f.parts) : null;
  return pooled ?? sumCells(f, await levelCondition(f.dims, f.from, f.to, f.parts));
}

async function sumCells(f: CellFilter, where: Prisma.Sql): Promise<CellRow[]> {
  const select = (d: GroupDim) => SQL.raw(f.dims.includes(d) ? `c."${d}"` : `''`);
  const month = SQL.raw(f.byMonth ? `c."month"` : `''`);
  const grouped = SQL.raw([...(f.byMonth ? [`c."month"`] : []), ...f.dims.map((d) => `c."${d}"`)].map((c) => `, ${c}`).join(""));
  const rows = await prisma.$queryRaw<(Omit<CellRow, "n"> & { n: unknown })[]>`
    SELECT c."surveyVersionId" AS "surveyVersionId", c."wave" AS "wave", ${month} AS "month",
      ${select("clientGroup")} AS "clientGroup", ${select("referral")} AS "referral",
      ${select("role")} AS "role", ${select("gender")} AS "gender",
      c."questionKey" AS "questionKey", c."rowKey" AS "rowKey", c."optionKey" AS "optionKey", SUM(c."n") AS "n"
    FROM "AnswerCount" c
    WHERE ${where} AND c."surveyVersionId" IN (${SQL.join(f.versionIds)})
      ${f.waves?.length ? SQL.sql`AND c."wave" IN (${SQL.join(f.waves)})` : SQL.empty}
      ${f.questionKeys ? SQL.sql`AND c."questionKey" IN (${SQL.join(["", ...f.questionKeys])})` : SQL.empty}
    GROUP BY c."surveyVersionId", c."wave", c."questionKey", c."rowKey", c."optionKey"${grouped}`;
  return rows.map((r) => ({ ...r, n: num(r.n) }));
}

/**
 * The parts' cells as the units-summed level's months minus what the parts leave out of them
 * (for every unit with rows, in each wave the parts read), plus level 0 after the last month
 * the level holds. Null when that is not cheaper than reading the parts.
 */
async function pooledCells(f: CellFilter, parts: readonly UnitPart[]): Promise<CellRow[] | null> {
  const built = await builtThrough(UNITS_SUMMED_LEVEL);
  if (!built || built < f.from) return null;
  const summedTo = f.to < built ? f.to : built;
  const waves = [...new Set(parts.map((p) => p.wave))];
  const leftOut = partsLeftOut(parts, await unitsAt(SUMMED_LEVEL), waves, f.from, summedTo);
  if (partMonths(leftOut, f.from, summedTo) >= partMonths(parts, f.from, summedTo)) return null;
  const summedWhere = SQL.sql`(c."level" = ${UNITS_SUMMED_LEVEL} AND c."unitId" = '' AND c."month" >= ${f.from} AND c."month" <= ${summedTo} AND c."wave" IN (${SQL.join(waves)}))`;
  const [summed, without, after] = await Promise.all([
    sumCells(f, summedWhere),
    leftOut.length ? sumCells(f, cellsWhere([{ level: SUMMED_LEVEL, from: f.from, to: summedTo }], spansOf(leftOut))) : [],
    summedTo < f.to ? sumCells(f, cellsWhere([{ level: SUMMED_LEVEL, from: addMonths(summedTo, 1), to: f.to }], spansOf(parts))) : [],
  ]);
  const key = (r: CellRow) => [r.surveyVersionId, r.wave, r.month, r.clientGroup, r.referral, r.role, r.gender, r.questionKey, r.rowKey, r.optionKey].join("\u0000");
  const cells = new Map<string, CellRow>();
  const add = (rows: CellRow[], sign: 1 | -1) => {
    for (const r of rows) {
      const k = key(r);
      const had = cells.get(k);
      cells.set(k, { ...r, n: (had?.n ?? 0) + sign * r.n });
    }
  };
  add(summed, 1);
  add(after, 1);
  add(without, -1);
  const out = [...cells.values()];
  // a negative count means the level is not the sum of level 0: never report it quietly
  if (out.some((r) => r.n < 0)) throw new Error("the units-summed level holds less than its units' rows");
  return out.filter((r) => r.n !== 0);
}

// ---------------------------------------------------------------- the submit path's writes
// Plain statements instead of ORM calls: a submit is the hot path (bench/submissions.ts), and
// these skip the query compiler. No dates are bound here, so no driver's date format matters.

export type ResponseRow = {
  id: string;
  /** the unit of the code: UnitScope filters by it */
  unitId: string;
  surveyVersionId: string;
  wave: string;
  lang: string;
  clientGroup: string | null;
  referral: string | null;
  month: string;
};
export type AnswerInsert = { questionKey: string; rowKey: string; optionKey: string; text: string | null };

export async function insertResponse(tx: Prisma.TransactionClient, r: ResponseRow, answers: AnswerInsert[], freeTextIds: string[]): Promise<void> {
  for (const statement of responseInserts(r, answers, freeTextIds)) await tx.$executeRaw(statement);
}

/**
 * The response, its answers and its free texts once more in FreeText (decision 0027), with no
 * reference to the response: `freeTextIds` are random ids, one per answer with text.
 */
export function responseInserts(r: ResponseRow, answers: AnswerInsert[], freeTextIds: string[]): Prisma.Sql[] {
  const statements = [
    SQL.sql`
    INSERT INTO "Response" ("id", "unitId", "surveyVersionId", "wave", "lang", "clientGroup", "referral", "month")
    VALUES (${r.id}, ${r.unitId}, ${r.surveyVersionId}, ${r.wave}, ${r.lang}, ${r.clientGroup}, ${r.referral}, ${r.month})`,
  ];
  if (answers.length === 0) return statements;
  const rows = answers.map((a) => SQL.sql`(${r.id}, ${a.questionKey}, ${a.rowKey}, ${a.optionKey}, ${a.text})`);
  statements.push(SQL.sql`
    INSERT INTO "Answer" ("responseId", "questionKey", "rowKey", "optionKey", "text") VALUES ${SQL.join(rows)}`);
  const texts = answers.filter((a): a is AnswerInsert & { text: string } => a.text !== null);
  if (texts.length !== freeTextIds.length) throw new Error("one free-text id per text answer");
  if (texts.length === 0) return statements;
  const textRows = texts.map((a, i) => SQL.sql`(${freeTextIds[i]!}, ${r.unitId}, ${r.surveyVersionId}, ${r.wave}, ${r.month}, ${r.lang}, ${a.questionKey}, ${a.text})`);
  statements.push(SQL.sql`
    INSERT INTO "FreeText" ("id", "unitId", "surveyVersionId", "wave", "month", "lang", "questionKey", "text") VALUES ${SQL.join(textRows)}`);
  return statements;
}

export type AnsweredCode = {
  unitId: string;
  surveyVersionId: string;
  wave: string;
  validMonth: string;
  validFrom: Date;
  clientGroup: string | null;
  referral: string | null;
  lang: string;
};

/**
 * One more answered code in its month's counts. The row exists since the code was handed out:
 * the statement must change exactly one row, else the submit is not saved.
 */
export function countAnsweredCodeSql(c: AnsweredCode, channel: Channel = "phone"): Prisma.Sql {
  return SQL.sql`
    UPDATE "CodeCount" SET "answered" = "answered" + 1, "answeredOnPaper" = "answeredOnPaper" + ${channel === "paper" ? 1 : 0}
    WHERE "unitId" = ${c.unitId} AND "surveyVersionId" = ${c.surveyVersionId} AND "wave" = ${c.wave} AND "validMonth" = ${c.validMonth}
      AND "clientGroup" = ${c.clientGroup ?? ""} AND "referral" = ${c.referral ?? ""} AND "lang" = ${c.lang}
      AND "opensMonth" = ${monthOf(c.validFrom)}`;
}

export type TallyRow = Omit<CodeTally, "issued"> & { issued: unknown };
export const talliesOf = (rows: TallyRow[]): CodeTally[] => rows.map((r) => ({ ...r, issued: num(r.issued) }));

/**
 * Codes handed out for the code's survey (any version) and wave that open in `months`, per
 * language, group and referral: what decides which attributes a response may keep.
 */
export function codeTalliesSql(code: { unitId: string; surveyVersionId: string; wave: string }, months: string[]): Prisma.Sql {
  return SQL.sql`
    SELECT c."lang" AS "lang", c."clientGroup" AS "clientGroup", c."referral" AS "referral", SUM(c."issued") AS "issued"
    FROM "CodeCount" c JOIN "SurveyVersion" v ON v."id" = c."surveyVersionId"
    WHERE v."surveyId" = (SELECT s."surveyId" FROM "SurveyVersion" s WHERE s."id" = ${code.surveyVersionId})
      AND c."wave" = ${code.wave} AND c."opensMonth" IN (${SQL.join(months)}) AND c."unitId" = ${code.unitId}
    GROUP BY c."lang", c."clientGroup", c."referral"`;
}

// ---------------------------------------------------------------- releases (releases.ts)

export type ReleaseRow = { unitId: string; surveyVersionId: string; wave: string; month: string; n: number } & Record<GroupDim, string>;

/**
 * Responses per month, version, wave and the given group dimensions (the rest summed, ""), from
 * level 1's rows for question "", up to the last closed month: what release blocks are cut from
 * and filters are checked against. Read from the response level (levels.ts) where it is built,
 * from level 1 for closed months after that. Only the dimensions a page filters on: summing the
 * others here cut a 300-unit organisation's rows from 150,000 to 33,000 (at 200k responses).
 */
export async function countReleaseCells(
  versionIds: string[],
  lastClosed: string,
  unitIds?: readonly string[],
  dims: readonly GroupDim[] = GROUP_DIMS,
): Promise<ReleaseRow[]> {
  if (versionIds.length === 0 || unitIds?.length === 0) return [];
  const built = (await builtThrough(RESPONSES_LEVEL)) ?? "";
  const select = (d: GroupDim) => SQL.raw(dims.includes(d) ? `c."${d}"` : `''`);
  const grouped = SQL.raw(dims.map((d) => `, c."${d}"`).join(""));
  const rows = await prisma.$queryRaw<(Omit<ReleaseRow, "n"> & { n: unknown })[]>`
    SELECT c."unitId" AS "unitId", c."surveyVersionId" AS "surveyVersionId", c."wave" AS "wave", c."month" AS "month",
      ${select("clientGroup")} AS "clientGroup", ${select("referral")} AS "referral", ${select("role")} AS "role", ${select("gender")} AS "gender",
      SUM(c."n") AS "n"
    FROM "AnswerCount" c
    WHERE ${cellsWhere(
      [
        { level: RESPONSES_LEVEL, from: "", to: built < lastClosed ? built : lastClosed },
        { level: ALL_GROUPS_LEVEL, from: built ? addMonths(built, 1) : "", to: lastClosed, where: SQL.sql`c."questionKey" = ''` },
      ],
      unitIds && [{ unitIds: [...unitIds], from: "", to: lastClosed }],
    )}
      AND c."surveyVersionId" IN (${SQL.join(versionIds)})
    GROUP BY c."unitId", c."month", c."surveyVersionId", c."wave"${grouped}`;
  return rows.map((r) => ({ ...r, n: num(r.n) }));
}

export type AnsweredRow = ReleaseRow & { questionKey: string; rowKey: string };

/**
 * Responses that answered each question (rowKey "") and each matrix row, per month, version and
 * wave, and per value of the given group dimensions: a table's base, block by block.
 */
export async function countAnsweredCells(f: {
  versionIds: string[];
  from: string;
  to: string;
  dims: readonly GroupDim[];
  parts?: readonly UnitPart[];
}): Promise<AnsweredRow[]> {
  if (f.versionIds.length === 0) return [];
  const select = (d: GroupDim) => SQL.raw(f.dims.includes(d) ? `c."${d}"` : `''`);
  const grouped = SQL.raw(f.dims.map((d) => `, c."${d}"`).join(""));
  const rows = await prisma.$queryRaw<(Omit<AnsweredRow, "n"> & { n: unknown })[]>`
    SELECT c."unitId" AS "unitId", c."surveyVersionId" AS "surveyVersionId", c."wave" AS "wave", c."month" AS "month",
      ${select("clientGroup")} AS "clientGroup", ${select("referral")} AS "referral",
      ${select("role")} AS "role", ${select("gender")} AS "gender",
      c."questionKey" AS "questionKey", CASE WHEN c."optionKey" = '*' THEN '' ELSE c."rowKey" END AS "rowKey", SUM(c."n") AS "n"
    FROM "AnswerCount" c
    WHERE ${await levelCondition(f.dims, f.from, f.to, f.parts)} AND c."surveyVersionId" IN (${SQL.join(f.versionIds)})
      AND c."questionKey" <> ''
      AND (c."optionKey" = '*' OR c."rowKey" <> '')
    GROUP BY c."unitId", c."surveyVersionId", c."wave", c."month", c."questionKey", CASE WHEN c."optionKey" = '*' THEN '' ELSE c."rowKey" END${grouped}`;
  return rows.map((r) => ({ ...r, n: num(r.n) }));
}

export type LangRow = { unitId: string; month: string; wave: string; lang: string; withheld: number; n: number };

type LangQueryRow = { unitId: string; month: string; wave: string; lang: string; withheld: unknown; n: unknown };

/**
 * A period's rows from a derived level for the months it holds (through `built`) and from what it
 * is derived from for the months after; all from the source when the level holds none of them.
 */
async function levelThenTable<R>(
  period: { from: string; to: string },
  built: string | null,
  fromLevel: (to: string) => Promise<R[]>,
  fromSource: (from: string) => Promise<R[]>,
): Promise<R[]> {
  if (built === null || built < period.from) return fromSource(period.from);
  const levelTo = period.to < built ? period.to : built;
  return [...(await fromLevel(levelTo)), ...(levelTo < period.to ? await fromSource(addMonths(levelTo, 1)) : [])];
}

/**
 * Responses per month, wave and language, and how many have an attribute withheld (issue 11):
 * from the language level (levels.ts) for the months it holds, from Response after them. A year
 * of a million responses was a scan of 240,000 Response index entries on every report.
 */
export async function countResponsesByLang(f: ResponseFilter): Promise<LangRow[]> {
  if (f.versionIds.length === 0) return [];
  const answerKeys = Object.keys(f.answerIs ?? {});
  const dims = GROUP_DIMS.filter((d) => (d === "clientGroup" || d === "referral" ? !!f[d] : answerKeys.includes(d)));
  const level = languageLevel(dims);
  // the level keeps role and gender as columns: any other answer filter is counted from Response
  const levelServes = answerKeys.every((q) => q === "role" || q === "gender");
  const rows = await levelThenTable(
    f,
    levelServes ? await builtThrough(level) : null,
    (to) => langCountsFromLevel(f, level, to),
    (from) => langCountsFromResponses({ ...f, from }),
  );
  return rows.map((r) => ({ unitId: r.unitId, month: r.month, wave: r.wave, lang: r.lang, withheld: num(r.withheld), n: num(r.n) }));
}

function langCountsFromResponses(f: ResponseFilter): Promise<LangQueryRow[]> {
  return prisma.$queryRaw<LangQueryRow[]>`
    SELECT r."unitId" AS "unitId", r."month" AS "month", r."wave" AS "wave", r."lang" AS "lang",
      SUM(CASE WHEN r."lang" = 'withheld' OR r."clientGroup" = 'withheld' OR r."referral" = 'withheld' THEN 1 ELSE 0 END) AS "withheld",
      COUNT(*) AS "n"
    FROM "Response" r WHERE ${whereResponses(f)}
    GROUP BY r."unitId", r."month", r."wave", r."lang"`;
}

/** The same counts from a language level, its months up to `to`: the filter's groups are its columns. */
function langCountsFromLevel(f: ResponseFilter, level: number, to: string): Promise<LangQueryRow[]> {
  const where: Prisma.Sql[] = [SQL.sql`c."surveyVersionId" IN (${SQL.join(f.versionIds)})`];
  if (f.waves?.length) where.push(SQL.sql`c."wave" IN (${SQL.join(f.waves)})`);
  if (f.clientGroup) where.push(SQL.sql`c."clientGroup" = ${f.clientGroup}`);
  if (f.referral) where.push(SQL.sql`c."referral" = ${f.referral}`);
  if (f.answerIs?.role) where.push(SQL.sql`c."role" = ${f.answerIs.role}`);
  if (f.answerIs?.gender) where.push(SQL.sql`c."gender" = ${f.answerIs.gender}`);
  return prisma.$queryRaw<LangQueryRow[]>`
    SELECT c."unitId" AS "unitId", c."month" AS "month", c."wave" AS "wave", c."optionKey" AS "lang",
      SUM(CASE WHEN c."optionKey" = 'withheld' OR c."clientGroup" = 'withheld' OR c."referral" = 'withheld' THEN c."n" ELSE 0 END) AS "withheld",
      SUM(c."n") AS "n"
    FROM "AnswerCount" c
    WHERE ${cellsWhere([{ level, from: f.from, to }], f.parts && spansOf(f.parts))} AND ${SQL.join(where, " AND ")}
    GROUP BY c."unitId", c."month", c."wave", c."optionKey"`;
}

/** The FreeText rows of one question a release reads: the period, the waves, the unit parts. */
function freeTextWhere(alias: string, f: ResponseFilter, questionKey: string): Prisma.Sql {
  if (f.clientGroup || f.referral || Object.keys(f.answerIs ?? {}).length) throw new Error("free texts are released for a whole wave only");
  const col = (name: string) => SQL.raw(`${alias}."${name}"`);
  return SQL.sql`${col("surveyVersionId")} IN (${SQL.join(f.versionIds)}) AND ${col("questionKey")} = ${questionKey}
      AND ${col("month")} >= ${f.from} AND ${col("month")} <= ${f.to}
      ${f.waves?.length ? SQL.sql`AND ${col("wave")} IN (${SQL.join(f.waves)})` : SQL.empty}${partsWhere(alias, "month", f.parts)}`;
}

type FreeTextRow = { text: string; lang: string; unitId: string; month: string; wave: string };

/**
 * Free texts of one question with the language, month and wave they are released by (never
 * shown), from FreeText: no join to a period's Answer rows. Only a whole wave has free texts
 * (release.server.ts), and FreeText holds nothing a group filter could select by.
 */
export async function freeTextsForRelease(f: ResponseFilter, questionKey: string): Promise<FreeTextRow[]> {
  const where = freeTextWhere("t", f, questionKey);
  if (f.versionIds.length === 0) return [];
  return prisma.$queryRaw<FreeTextRow[]>`
    SELECT t."text" AS "text", t."unitId" AS "unitId", t."lang" AS "lang", t."month" AS "month", t."wave" AS "wave"
    FROM "FreeText" t WHERE ${where}`;
}

type FreeTextCount = Omit<FreeTextRow, "text"> & { n: number };

/**
 * freeTextsForRelease's rows counted per unit, month, wave and language: from the free-text level
 * (levels.ts) for the months it holds, from FreeText's index after them.
 */
export async function countFreeTexts(f: ResponseFilter, questionKey: string): Promise<FreeTextCount[]> {
  if (f.versionIds.length === 0) return [];
  const rows = await levelThenTable(
    f,
    await builtThrough(FREE_TEXT_LEVEL),
    (to) => freeTextCountsFromLevel(f, questionKey, to),
    (from) => freeTextCountsFromTable({ ...f, from }, questionKey),
  );
  return rows.map((r) => ({ ...r, n: num(r.n) }));
}

type FreeTextCountRow = Omit<FreeTextRow, "text"> & { n: unknown };

function freeTextCountsFromTable(f: ResponseFilter, questionKey: string): Promise<FreeTextCountRow[]> {
  return prisma.$queryRaw<FreeTextCountRow[]>`
    SELECT t."unitId" AS "unitId", t."lang" AS "lang", t."month" AS "month", t."wave" AS "wave", COUNT(*) AS "n"
    FROM "FreeText" t WHERE ${freeTextWhere("t", f, questionKey)}
    GROUP BY t."unitId", t."lang", t."month", t."wave"`;
}

/** The same counts from the free-text level, its months up to `to`. */
function freeTextCountsFromLevel(f: ResponseFilter, questionKey: string, to: string): Promise<FreeTextCountRow[]> {
  const waves = f.waves?.length ? SQL.sql` AND c."wave" IN (${SQL.join(f.waves)})` : SQL.empty;
  return prisma.$queryRaw<FreeTextCountRow[]>`
    SELECT c."unitId" AS "unitId", c."optionKey" AS "lang", c."month" AS "month", c."wave" AS "wave", c."n" AS "n"
    FROM "AnswerCount" c
    WHERE ${cellsWhere([{ level: FREE_TEXT_LEVEL, from: f.from, to }], f.parts && spansOf(f.parts))}
      AND c."surveyVersionId" IN (${SQL.join(f.versionIds)}) AND c."questionKey" = ${questionKey}${waves}`;
}

/**
 * A random part of freeTextsForRelease's rows: each row with probability `share` (0 < share < 1),
 * independently, since ids are random UUIDs. FreeText is keyed by version, question, wave and id:
 * the rows picked are a range of that key per wave, and only they are read.
 */
export async function sampleFreeTexts(f: ResponseFilter, questionKey: string, share: number): Promise<FreeTextRow[]> {
  const sample = sampleFreeTextsSql(f, questionKey, share);
  if (f.versionIds.length === 0) return [];
  return prisma.$queryRaw<FreeTextRow[]>(sample);
}

export function sampleFreeTextsSql(f: ResponseFilter, questionKey: string, share: number): Prisma.Sql {
  if (!(share > 0 && share < 1)) throw new Error(`a sample's share must be between 0 and 1, not ${share}`);
  // every wave named: with the wave left open the key's id range could not be used
  const where = freeTextWhere("t", { ...f, waves: f.waves?.length ? f.waves : [...WAVES] }, questionKey);
  // a v4 UUID's first eight hex digits are uniform: ids below this are that share of all
  const below = Math.floor(share * 0x1_0000_0000).toString(16).padStart(8, "0");
  // SQLite's planner, without statistics, takes the month index for two waves and reads every
  // entry of the period; the key's range is what makes a sample cost its share
  const byKey = providerOf(databaseUrl()) === "sqlite" ? SQL.raw(` INDEXED BY "sqlite_autoindex_FreeText_1"`) : SQL.empty;
  return SQL.sql`
    SELECT t."text" AS "text", t."unitId" AS "unitId", t."lang" AS "lang", t."month" AS "month", t."wave" AS "wave"
    FROM "FreeText" t${byKey} WHERE ${where} AND t."id" < ${below}`;
}
