/**
 * Which AnswerCount level answers a query (docs/decisions/0028-report-levels.md). Level 0 sums
 * every group, level 1 keeps all four group dimensions, and one level per dimension keeps only
 * that one. The one-dimension levels are derived from level 1 for closed months only, by a job
 * (start-up, hourly, `aggregates rebuild`), never by a submit; months after the last one built
 * are read from level 1. Plain TypeScript: the SQL lives in queries.sql.server.ts. A new group
 * dimension (e.g. a unit) needs one entry in DIMENSION_LEVELS.
 */
import { monthOf } from "~/utils/months";
import { addMonths, type Month } from "./period";

/** Filters a report can group responses by, besides version, wave and month. */
export type GroupDim = "clientGroup" | "referral" | "role" | "gender";
export const GROUP_DIMS: readonly GroupDim[] = ["clientGroup", "referral", "role", "gender"];

export const SUMMED_LEVEL = 0;
export const ALL_GROUPS_LEVEL = 1;
/** Levels kept by one group dimension, the rest summed: built for closed months only. */
export const DIMENSION_LEVELS: Readonly<Record<GroupDim, number>> = { clientGroup: 2, referral: 3, role: 4, gender: 5 };

/**
 * Level 1's response rows (question "") alone, for closed months: what release blocks and filter
 * checks read for the whole survey on every report (decision 0011). In level 1 they sit among
 * every answer row of their month, so finding them cost a scan of all of level 1.
 */
export const RESPONSES_LEVEL = 6;

/**
 * Responses per language (in `optionKey`; question and row ""), with all four group dimensions,
 * for closed months: what releases count free text and withheld attributes by (decision 0031).
 * Counted from Response, the only other place a language is kept, by the same job; months after
 * the last one built are still counted from Response.
 */
export const LANGUAGE_LEVEL = 7;

/**
 * The language level with the groups summed, for reports without a group filter (most of them):
 * only a client group or referral stored as "withheld" is kept, as "withheld" ("" for the rest),
 * since the count of responses with an attribute withheld is released too. A five-year
 * comparison read about 60,000 rows of level 7 per report, and reads a few hundred of these.
 */
export const LANGUAGE_SUMMED_LEVEL = 8;

/**
 * Level 0 summed over every unit (`unitId` ""), for closed months: a pooled report of many units
 * reads its months here and takes away what its units' released blocks leave out (unit-parts.ts,
 * decision 0033), instead of seeking every unit's rows. A version belongs to one organisation's
 * survey, so its sums hold that organisation's units only.
 */
export const UNITS_SUMMED_LEVEL = 9;

/**
 * FreeText's rows counted per unit, month, wave, question and language (in `optionKey`; groups
 * ""), for closed months: what a review decides which comments may be shown by, before it reads a
 * sample of them (decision 0027). Five years of a million responses were 120,000 index entries
 * counted on every review; months after the last one built are still counted from FreeText.
 */
export const FREE_TEXT_LEVEL = 10;

/**
 * The language level kept by one group dimension, for closed months: that dimension's value, the
 * others summed but for a client group or referral stored as "withheld" (kept as "withheld", as in
 * level 8, since a response with an attribute withheld is counted apart). What a report with one
 * group filter counts languages by: a five-year report filtered by referral read 60,000 rows of
 * level 7 (all four groups kept) to use 720, in 20 of its 100 ms. Derived from level 7.
 */
export const LANGUAGE_DIMENSION_LEVELS: Readonly<Record<GroupDim, number>> = { clientGroup: 11, referral: 12, role: 13, gender: 14 };

/** The language level that counts a filter on `dims`: the summed one, a dimension's own, or all four kept. */
export function languageLevel(dims: readonly GroupDim[]): number {
  if (dims.length === 0) return LANGUAGE_SUMMED_LEVEL;
  return dims.length === 1 ? LANGUAGE_DIMENSION_LEVELS[dims[0]!] : LANGUAGE_LEVEL;
}

/**
 * Levels the job derives: the one-dimension levels and the response rows from level 1, languages
 * from Response (and per group from level 7), the units' sum from level 0, free texts from FreeText.
 */
export const DERIVED_LEVELS: readonly number[] = [
  ...Object.values(DIMENSION_LEVELS),
  RESPONSES_LEVEL,
  LANGUAGE_LEVEL,
  LANGUAGE_SUMMED_LEVEL,
  UNITS_SUMMED_LEVEL,
  FREE_TEXT_LEVEL,
  ...Object.values(LANGUAGE_DIMENSION_LEVELS),
];

/** A stretch of months read from one level. */
export type LevelRead = { level: number; from: Month; to: Month };

/**
 * The cheapest reads that answer a range of months grouped by `dims`: level 0 without any,
 * the dimension's own level with one (level 1 for months after `builtThrough`, the last month
 * that level holds), level 1 with more.
 */
export function levelReads(dims: readonly GroupDim[], from: Month, to: Month, builtThrough: Month | null): LevelRead[] {
  if (dims.length === 0) return [{ level: SUMMED_LEVEL, from, to }];
  if (dims.length > 1 || !builtThrough || builtThrough < from) return [{ level: ALL_GROUPS_LEVEL, from, to }];
  const level = DIMENSION_LEVELS[dims[0]!];
  if (builtThrough >= to) return [{ level, from, to }];
  return [
    { level, from, to: builtThrough },
    { level: ALL_GROUPS_LEVEL, from: addMonths(builtThrough, 1), to },
  ];
}

/** The one-dimension level a query would read, if any (to ask how far it is built). */
export function dimensionLevel(dims: readonly GroupDim[]): number | null {
  return dims.length === 1 ? DIMENSION_LEVELS[dims[0]!] : null;
}

/**
 * The last month the job may derive: one that ended at least an hour ago, so no submit that
 * stamped its response with that month can still be committing.
 */
export function lastDerivableMonth(now: Date): Month {
  return addMonths(monthOf(new Date(now.getTime() - 3_600_000)), -1);
}
