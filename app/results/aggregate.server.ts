/**
 * The results service: resolves a survey and its versions, reads pre-aggregated counts
 * (queries.sql.server.ts, cells.ts; docs/decisions/0008-pre-aggregated-counts.md) and turns them
 * into disclosure-controlled tables (report.ts). Routes, exports and the CLI all
 * come through here, so every output gets the same control.
 */
import { env } from "~/env.server";
import { settled } from "~/codes/participation";
import { dayOf } from "~/utils/months";
import { IndicatorSchema, LocalizedTextSchema, type Indicator, type LocalizedText, type Wave } from "~/survey/definition";
import { versionDefinition } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { breakdownTotalHidden, effectiveMinGroupSize, suppressBreakdown, type SuppressionReason } from "./disclosure";
import { monthsBetween, type Period } from "./period";
import {
  countAnswered,
  countCells,
  countIssuedCells,
  countIssued,
  countOptions,
  countOptionsByMonth,
  countReach,
  countResponses,
  countResponsesByAnswer,
  countResponsesByAttribute,
  dataMonths,
  GROUP_DIMS,
  handOutOpenings,
  type HandOut,
  type IssueFilter,
  type IssuedRow,
  type ReachDimension,
  type ResponseFilter,
  type UnitPart,
} from "./queries.sql.server";
import type { UnitScope } from "~/units/scope";
import { buildReport, mergeQuestions, type MergedQuestion, type Report } from "./report";
import { CellSet, type GroupValues } from "./cells";
import { round3, wilsonInterval } from "./wilson";

export class ReportInputError extends Error {}

/** Groups a report can be limited to: two answers and two attributes of the code. */
export type GroupFilter = {
  role?: string | null;
  gender?: string | null;
  clientGroup?: string | null;
  referral?: string | null;
};

export type ReportQuery = {
  survey: string;
  period: Period;
  wave: Wave | null;
  /** version numbers; empty or missing = every version */
  versions?: number[] | null;
  /** only these questions' tables (e.g. the indicators' for a headline); all when missing */
  questionKeys?: string[];
  groups?: GroupFilter;
  minGroupSize?: number;
  /** the units reported on (decision 0023): one unit, or several pooled; every unit when missing */
  unitScope?: UnitScope;
};

export type SurveyInfo = {
  id: string;
  slug: string;
  title: LocalizedText;
  defaultLanguage: string;
  indicators: Indicator[];
  versions: { id: string; version: number; label: string }[];
};

export function minGroupSize(override?: number): number {
  return effectiveMinGroupSize(override ?? env().minGroupSize);
}

export async function loadSurvey(slug: string) {
  const row = await prisma.survey.findUnique({
    where: { slug },
    include: { versions: { where: { status: "published" }, orderBy: { version: "asc" } } },
  });
  if (!row) throw new ReportInputError(`no survey "${slug}"`);
  const info: SurveyInfo = {
    id: row.id,
    slug: row.slug,
    title: LocalizedTextSchema.parse(JSON.parse(row.title)),
    defaultLanguage: row.defaultLanguage,
    indicators: IndicatorSchema.array().parse(JSON.parse(row.indicators)),
    versions: row.versions.map((v) => ({ id: v.id, version: v.version, label: v.label })),
  };
  return { info, definitions: row.versions.map((v) => ({ id: v.id, def: versionDefinition(v) })) };
}

type Loaded = Awaited<ReturnType<typeof loadSurvey>>;

export function chosenVersions(loaded: Loaded, versions: number[] | null | undefined) {
  const all = loaded.definitions;
  if (!versions?.length) return all;
  const unknown = versions.filter((n) => !all.some((d) => d.def.version === n));
  if (unknown.length) throw new ReportInputError(`survey "${loaded.info.slug}" has no published version ${unknown.join(", ")}`);
  return all.filter((d) => versions.includes(d.def.version));
}

function answerFilter(groups: GroupFilter | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  if (groups?.role) out.role = groups.role;
  if (groups?.gender) out.gender = groups.gender;
  return out;
}

/** The responses a report counts: its chosen versions, period and wave, the code's group and referral, role and gender answers. */
export function responseFilter(q: ReportQuery, chosen: Loaded["definitions"]): ResponseFilter {
  return {
    versionIds: chosen.map((d) => d.id),
    versionNumbers: new Map(chosen.map((d) => [d.id, d.def.version])),
    from: q.period.from,
    to: q.period.to,
    waves: q.wave ? [q.wave] : null,
    clientGroup: q.groups?.clientGroup ?? null,
    referral: q.groups?.referral ?? null,
    answerIs: answerFilter(q.groups),
  };
}

function filters(q: ReportQuery, chosen: Loaded["definitions"]) {
  const response = responseFilter(q, chosen);
  const issue: IssueFilter = {
    versionIds: response.versionIds,
    from: q.period.from,
    to: q.period.to,
    waves: response.waves,
    clientGroup: response.clientGroup,
    referral: response.referral,
  };
  return { response, issue };
}

export type ReportResult = { report: Report; questions: MergedQuestion[]; survey: SurveyInfo };

function groupValues(groups: GroupFilter | undefined): GroupValues {
  const out: GroupValues = {};
  for (const d of GROUP_DIMS) if (groups?.[d]) out[d] = groups[d]!;
  return out;
}

/** Cells loaded for a report query: which versions, months and grouping they cover. */
export type ReportCells = { cells: CellSet; versionIds: string[] };

/**
 * Loads the pre-aggregated counts a set of reports needs in one query: the period's months
 * (month by month with `byMonth`, so any period inside can be answered), every wave, and the
 * query's group filters counted apart so their breakdowns can be checked.
 */
export async function loadReportCells(
  q: Omit<ReportQuery, "wave">,
  /** `issued`: the codes issued, already summed as countIssuedCells would (a page's shared read) */
  opts: { byMonth: boolean; parts?: readonly UnitPart[]; withoutIssued?: boolean; issued?: IssuedRow[] },
  loaded?: Loaded,
): Promise<ReportCells> {
  loaded ??= await loadSurvey(q.survey);
  const chosen = chosenVersions(loaded, q.versions);
  const groups = groupValues(q.groups);
  const dims = GROUP_DIMS.filter((d) => groups[d]);
  const filter = {
    versionIds: chosen.map((d) => d.id),
    from: q.period.from,
    to: q.period.to,
    waves: null,
    dims,
    byMonth: opts.byMonth,
    questionKeys: q.questionKeys,
    parts: opts.parts,
  };
  const [rows, issued] = await Promise.all([countCells(filter), opts.withoutIssued ? [] : (opts.issued ?? countIssuedCells(filter))]);
  return {
    cells: new CellSet(rows, filter, new Map(chosen.map((d) => [d.id, d.def.version])), issued),
    versionIds: filter.versionIds,
  };
}

/** The outcome tables for one filtered period (the JSON of `report --json`). */
export async function runReport(q: ReportQuery, loaded?: Loaded): Promise<ReportResult> {
  loaded ??= await loadSurvey(q.survey);
  return reportFromCells(q, await loadReportCells(q, { byMonth: false }, loaded), loaded);
}

/** runReport on cells already loaded (by loadReportCells for the same survey, versions and groups). */
export function reportFromCells(q: ReportQuery, from: ReportCells, loaded: Loaded, hiddenTables?: ReadonlySet<string>): ReportResult {
  const chosen = chosenVersions(loaded, q.versions);
  if (chosen.map((d) => d.id).join() !== from.versionIds.join()) throw new Error("cells were loaded for other versions");
  const questions = mergeQuestions(
    chosen.map((d) => d.def),
    q.wave,
  ).filter((m) => !q.questionKeys || q.questionKeys.includes(m.key));
  const k = minGroupSize(q.minGroupSize);
  const selection = { from: q.period.from, to: q.period.to, wave: q.wave, groups: groupValues(q.groups) };
  const counts = from.cells.counts(
    selection,
    questions.filter((m) => m.type === "multi" || m.type === "matrix").map((m) => m.key),
    q.questionKeys ? questions.map((m) => m.key) : undefined,
  );
  const report = buildReport({
    survey: loaded.info.slug,
    period: q.period,
    wave: q.wave,
    versions: chosen.map((d) => d.def.version),
    questions,
    indicators: loaded.info.indicators,
    // codes carry no answers: a rate for "women" or "perpetrators" cannot be computed (null)
    counts: { ...counts, issued: from.cells.issued(selection) },
    minGroupSize: k,
    groupHidden: from.cells.hiddenGroup(selection, k),
    hiddenTables,
  });
  return { report, questions, survey: loaded.info };
}

/**
 * runReport counted from the raw Response and Answer rows, as before the pre-aggregate: the
 * reference the equivalence test and the benchmark compare against. Not used by any page.
 */
export async function runReportFromRows(q: ReportQuery, loaded?: Loaded): Promise<ReportResult> {
  loaded ??= await loadSurvey(q.survey);
  const chosen = chosenVersions(loaded, q.versions);
  const { response, issue } = filters(q, chosen);
  const byAnswer = Object.keys(response.answerIs ?? {}).length > 0;
  const questions = mergeQuestions(
    chosen.map((d) => d.def),
    q.wave,
  ).filter((m) => !q.questionKeys || q.questionKeys.includes(m.key));
  // an IN list costs one index seek per key and response: only worth it for a few questions
  const keys = q.questionKeys ? questions.map((m) => m.key) : undefined;
  const [responses, options, answered, issued, groupHidden] = await Promise.all([
    countResponses(response),
    countOptions(response, keys),
    countAnswered(
      response,
      questions.filter((m) => m.type === "multi" || m.type === "matrix").map((m) => m.key),
    ),
    // codes carry no answers: a rate for "women" or "perpetrators" cannot be computed
    byAnswer ? Promise.resolve(null) : countIssued(issue),
    hiddenGroup(response, q.groups, minGroupSize(q.minGroupSize)),
  ]);
  const report = buildReport({
    survey: loaded.info.slug,
    period: q.period,
    wave: q.wave,
    versions: chosen.map((d) => d.def.version),
    questions,
    indicators: loaded.info.indicators,
    counts: { responses, options, answered, issued },
    minGroupSize: minGroupSize(q.minGroupSize),
    groupHidden,
  });
  return { report, questions, survey: loaded.info };
}

/**
 * A report limited to a group is one column of a breakdown by that group; the other columns
 * can be asked for too, and the total is known. So the group is shown only if the breakdown's
 * disclosure control would show it: with "police" at 4 and every other referral path visible,
 * police = total − the others, so the smallest other path is hidden as well. Each filter is
 * checked with the other filters applied; skipped answers and codes without a value are
 * groups of their own.
 */
async function hiddenGroup(
  f: ResponseFilter,
  groups: GroupFilter | undefined,
  k: number,
): Promise<SuppressionReason | undefined> {
  const checks: Promise<SuppressionReason | undefined>[] = [];
  const answerIs = f.answerIs ?? {};
  for (const [questionKey, value] of Object.entries(answerIs)) {
    const rest = { ...f, answerIs: Object.fromEntries(Object.entries(answerIs).filter(([key]) => key !== questionKey)) };
    checks.push(
      Promise.all([countResponsesByAnswer(rest, questionKey), countResponses(rest)]).then(([byOption, all]) => {
        const total = all.reduce((s, r) => s + r.n, 0);
        const skipped = total - byOption.reduce((s, r) => s + r.n, 0);
        return suppressBreakdown([...byOption, { key: "(skipped)", n: skipped }], k).get(value);
      }),
    );
  }
  for (const [attribute, value] of [
    ["clientGroup", groups?.clientGroup],
    ["referral", groups?.referral],
  ] as const) {
    if (!value) continue;
    checks.push(
      countResponsesByAttribute({ ...f, [attribute]: null }, attribute).then((rows) => suppressBreakdown(rows, k).get(value)),
    );
  }
  const reasons = await Promise.all(checks);
  return reasons.find((r) => r === "too_few") ?? reasons.find((r) => r !== undefined);
}

export type SeriesPoint = {
  month: string;
  n: number | null;
  value: number | null;
  ci95: [number, number] | null;
  suppressed: boolean;
  reason?: SuppressionReason;
};

/**
 * An indicator month by month. Months are a breakdown of the whole range, whose total is shown
 * elsewhere, so complementary suppression applies across the months.
 */
export async function indicatorSeries(
  q: ReportQuery,
  indicatorKey: string,
  loaded?: Loaded,
): Promise<SeriesPoint[]> {
  loaded ??= await loadSurvey(q.survey);
  const indicator = loaded.info.indicators.find((i) => i.key === indicatorKey);
  if (!indicator) return [];
  const cells = await loadReportCells({ ...q, questionKeys: [indicator.question] }, { byMonth: true }, loaded);
  return seriesFromCells(q, indicatorKey, cells, loaded);
}

/** indicatorSeries on cells loaded by month (loadReportCells) covering the period. */
export function seriesFromCells(q: ReportQuery, indicatorKey: string, from: ReportCells, loaded: Loaded): SeriesPoint[] {
  const indicator = loaded.info.indicators.find((i) => i.key === indicatorKey);
  if (!indicator) return [];
  const k = minGroupSize(q.minGroupSize);
  const selection = { from: q.period.from, to: q.period.to, wave: q.wave, groups: groupValues(q.groups) };
  return seriesPoints(q, indicator, from.cells.byMonth(selection, indicator.question), from.cells.hiddenGroup(selection, k), k);
}

/** indicatorSeries counted from the raw rows (the reference for the equivalence test). */
export async function indicatorSeriesFromRows(q: ReportQuery, indicatorKey: string, loaded?: Loaded): Promise<SeriesPoint[]> {
  loaded ??= await loadSurvey(q.survey);
  const indicator = loaded.info.indicators.find((i) => i.key === indicatorKey);
  if (!indicator) return [];
  const chosen = chosenVersions(loaded, q.versions);
  const { response } = filters(q, chosen);
  const k = minGroupSize(q.minGroupSize);
  const [rows, groupHidden] = await Promise.all([
    countOptionsByMonth(response, indicator.question),
    hiddenGroup(response, q.groups, k),
  ]);
  return seriesPoints(q, indicator, rows, groupHidden, k);
}

function seriesPoints(
  q: ReportQuery,
  indicator: Indicator,
  rows: { month: string; optionKey: string; n: number }[],
  groupHidden: SuppressionReason | undefined,
  k: number,
): SeriesPoint[] {
  const months = monthsBetween(q.period.from, q.period.to).map((month) => {
    const here = rows.filter((r) => r.month === month);
    const n = here.reduce((s, r) => s + r.n, 0);
    const successes = here.filter((r) => indicator.success.includes(r.optionKey)).reduce((s, r) => s + r.n, 0);
    return { month, n, successes };
  });
  const hidden = suppressBreakdown(
    months.map((m) => ({ key: m.month, n: m.n })),
    k,
  );
  return months.map((m) => {
    // a group hidden in its breakdown stays hidden month by month
    const reason = groupHidden && m.n > 0 ? groupHidden : hidden.get(m.month);
    if (reason || m.n === 0) return { month: m.month, n: reason ? null : 0, value: null, ci95: null, suppressed: !!reason, ...(reason ? { reason } : {}) };
    const ci = wilsonInterval(m.successes, m.n)!;
    return {
      month: m.month,
      n: m.n,
      value: round3(m.successes / m.n),
      ci95: [round3(ci[0]), round3(ci[1])],
      suppressed: false,
    };
  });
}

export type ReachRow = {
  key: string;
  issued: number | null;
  answered: number | null;
  /** of `answered`, on a returned paper questionnaire typed in by staff */
  answeredOnPaper: number | null;
  rate: number | null;
  suppressed: boolean;
  reason?: SuppressionReason;
};
export type ReachTable = {
  by: ReachDimension;
  rows: ReachRow[];
  total: { issued: number | null; answered: number | null; answeredOnPaper: number | null; rate: number | null; suppressed: boolean };
};

/** The hand-out months (per wave) of these codes whose codes may still be answered on `now`'s day (participation.ts). */
async function unsettled(f: IssueFilter, now: Date): Promise<HandOut[]> {
  const today = dayOf(now);
  return (await handOutOpenings(f)).filter((h) => !settled(h.lastOpensMonth, today, env().codeValidDays)).map(({ wave, validMonth }) => ({ wave, validMonth }));
}

/** The hand-out months (per wave) of a reach query not counted yet: some of their codes may still be answered. */
export async function reachPending(q: ReportQuery, loaded?: Loaded, now = new Date()): Promise<HandOut[]> {
  loaded ??= await loadSurvey(q.survey);
  return unsettled({ ...filters(q, chosenVersions(loaded, q.versions)).issue, unitIds: q.unitScope?.unitIds }, now);
}

/**
 * Whom we do not reach: issued vs answered codes by one attribute, disclosure-controlled. Counts
 * only hand-out months whose codes can no longer be answered (reachPending): a count that still
 * moves would show a desk that one client answered.
 */
export async function reachTables(
  q: ReportQuery,
  dimensions: ReachDimension[] = ["wave", "validMonth", "lang", "clientGroup", "referral"],
  loaded?: Loaded,
  now = new Date(),
  /** reachPending's answer for the same query and day, when the caller has it already */
  pending?: HandOut[],
): Promise<ReachTable[]> {
  loaded ??= await loadSurvey(q.survey);
  const chosen = chosenVersions(loaded, q.versions);
  const base = { ...filters(q, chosen).issue, unitIds: q.unitScope?.unitIds };
  const issue = { ...base, exclude: pending ?? (await unsettled(base, now)) };
  const k = minGroupSize(q.minGroupSize);
  const byDimension = await countReach(issue, dimensions);
  return dimensions.map((by) => {
    const rows = byDimension.get(by)!;
    const hidden = suppressBreakdown(
      rows.map((r) => ({ key: r.key, n: r.issued })),
      k,
    );
    const issued = rows.reduce((s, r) => s + r.issued, 0);
    const answered = rows.reduce((s, r) => s + r.answered, 0);
    const answeredOnPaper = rows.reduce((s, r) => s + r.answeredOnPaper, 0);
    const totalHidden = breakdownTotalHidden(
      rows.map((r) => ({ n: r.issued })),
      k,
    );
    return {
      by,
      rows: rows.map((r) => {
        const reason = hidden.get(r.key);
        return reason
          ? { key: r.key, issued: null, answered: null, answeredOnPaper: null, rate: null, suppressed: true, reason }
          : {
              key: r.key,
              issued: r.issued,
              answered: r.answered,
              answeredOnPaper: r.answeredOnPaper,
              rate: r.issued ? round3(r.answered / r.issued) : null,
              suppressed: false,
            };
      }),
      total: totalHidden
        ? { issued: null, answered: null, answeredOnPaper: null, rate: null, suppressed: true }
        : { issued, answered, answeredOnPaper, rate: issued ? round3(answered / issued) : null, suppressed: false },
    };
  });
}

/** The months the survey has data for, to default a period. */
export async function surveyDataMonths(loaded: Loaded) {
  return dataMonths(loaded.definitions.map((d) => d.id));
}
