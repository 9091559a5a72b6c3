/**
 * The monthly review as data: read from the page's GET parameters, used by the page, its CSV and
 * XLSX exports, so what is downloaded is exactly what is shown (and equally controlled).
 */
import type { UnitScope } from "~/units/scope";
import { z } from "zod";
import { listSurveyTitles, type SurveyVisibility } from "~/survey/store.server";
import { WAVES, type Wave } from "~/survey/definition";
import {
  loadSurvey,
  minGroupSize,
  reachPending,
  reachTables,
  ReportInputError,
  type GroupFilter,
  type ReachTable,
  type ReportQuery,
  type SeriesPoint,
} from "./aggregate.server";
import { importedReports, type ImportedReport } from "./imported.server";
import { isMonth, rolling12, tertialToDate, type Period } from "./period";
import {
  isWithheld,
  groupDims,
  loadReleases,
  releasedFreeTexts,
  runReleasedReport,
  SharedReads,
  type ReleaseData,
  type ReleasedReport,
  type ReleasedTexts,
  type Withheld,
} from "./release.server";
import { defaultReviewPeriod, lastClosedMonth, nearestReleased } from "./releases";
import { monthOf } from "~/utils/months";
import type { MergedQuestion, Report } from "./report";
import type { HandOut } from "./queries.sql.server";

export const SCOPES = ["month", "tertial", "rolling12", "year", "range"] as const;
export type Scope = (typeof SCOPES)[number];

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const month = z.preprocess(blankToUndefined, z.string().refine(isMonth).optional());
const key = z.preprocess(blankToUndefined, z.string().regex(/^[a-z][a-z0-9_]*$/).max(64).optional());

export const ReviewParamsSchema = z.object({
  survey: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64).optional()),
  month,
  scope: z.preprocess(blankToUndefined, z.enum(SCOPES).default("month")),
  from: month,
  to: month,
  wave: z.preprocess(blankToUndefined, z.enum(WAVES).optional()),
  version: z.array(z.coerce.number().int().min(1)).default([]),
  role: key,
  gender: key,
  group: key,
  referral: key,
  /** a unit's slug (decision 0023); checked against the user's units by unitsOfRequest */
  unit: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(63).optional()),
});
export type ReviewParams = z.infer<typeof ReviewParamsSchema>;

export function parseReviewParams(url: URL): ReviewParams {
  const raw: Record<string, unknown> = {};
  for (const name of ["survey", "month", "scope", "from", "to", "wave", "role", "gender", "group", "referral", "unit"])
    raw[name] = url.searchParams.get(name) ?? undefined;
  raw.version = url.searchParams.getAll("version").filter(Boolean);
  // field by field: one bad value in a hand-edited URL falls back to its default, the rest stays
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(ReviewParamsSchema.shape)) {
    const field = schema.safeParse(raw[name]);
    out[name] = field.success ? field.data : schema.safeParse(undefined).data;
  }
  return ReviewParamsSchema.parse(out);
}

/** The period the tables cover, for a month and a scope. */
export function scopePeriod(p: { month: string; scope: Scope; from?: string; to?: string }): Period {
  switch (p.scope) {
    case "tertial":
      return tertialToDate(p.month);
    case "rolling12":
      return rolling12(p.month);
    case "year":
      return { from: `${p.month.slice(0, 4)}-01`, to: p.month };
    case "range":
      if (p.from && p.to && p.from <= p.to) return { from: p.from, to: p.to };
      return { from: p.month, to: p.month };
    default:
      return { from: p.month, to: p.month };
  }
}

export type FreeTexts = ReleasedTexts;
export type WaveColumn = { wave: Wave; report: Report; texts: Record<string, FreeTexts | null> };
export type WithheldColumn = { wave: Wave; withheld: Withheld };
/** `period`: the released blocks shown for the label; `moved`: they are not its own months (can start earlier or end sooner). */
export type Headline = { label: "month" | "tertial" | "rolling12"; period: Period; moved: boolean; wave: Wave; report: Report };
/**
 * An indicator per release block (not per month: single months could be subtracted). An imported
 * period is a point of its own, marked `imported` (and `notFilterable` under a group filter, or
 * `notInTables` when its published tables lack the indicator's question).
 */
export type BlockPoint = SeriesPoint & { to: string; imported?: true; notFilterable?: true; notInTables?: true };

export type ReviewData = Awaited<ReturnType<typeof loadReview>>;

/** The period a review shows: the one asked for, or the latest released block of the wave. */
function reviewPeriod(params: ReviewParams, releases: ReleaseData) {
  if (!params.month && params.scope === "month") {
    const chosen = defaultReviewPeriod(releases.byWave[params.wave ?? "closure"]);
    const period = chosen ? chosen.period : { from: releases.lastClosed, to: releases.lastClosed };
    const latest = chosen ? { from: chosen.latest.from, to: chosen.latest.to } : null;
    return { theMonth: period.to, period, latestBlock: true, defaultScope: chosen?.scope ?? null, latest };
  }
  const theMonth = params.month ?? releases.lastClosed;
  const period = scopePeriod({ month: theMonth, scope: params.scope, from: params.from, to: params.to });
  return { theMonth, period, latestBlock: false, defaultScope: null, latest: null };
}

/** Everything the monthly review shows. Null when there is no survey at all. */
/** The monthly review of one unit, or of several pooled (unitScope; every unit when missing). */
/** `visible`: the surveys the account may choose between (decision 0023); all when absent. */
export async function loadReview(params: ReviewParams, unitScope?: UnitScope, visible?: SurveyVisibility) {
  const surveys = await listSurveyTitles(visible);
  const slug = params.survey && surveys.some((s) => s.slug === params.survey) ? params.survey : surveys[0]?.slug;
  if (!slug) return null;
  const loaded = await loadSurvey(slug);
  const groups: GroupFilter = { role: params.role, gender: params.gender, clientGroup: params.group, referral: params.referral };
  const releases = await loadReleases(loaded, undefined, undefined, unitScope, groupDims(groups));
  const versions = params.version.filter((v) => loaded.info.versions.some((x) => x.version === v));
  const { theMonth, period, latestBlock: isLatestBlock, defaultScope, latest } = reviewPeriod(params, releases);
  const base = { survey: slug, versions, groups, unitScope } satisfies Omit<ReportQuery, "period" | "wave">;
  const reads = new SharedReads(base, reviewSpan(period, theMonth, releases), loaded, releases);

  // closure and follow-up side by side when both have answers; never pooled (different moments),
  // each released (and withheld) on its own blocks
  const columns: WaveColumn[] = [];
  const withheld: WithheldColumn[] = [];
  const merged = new Map<string, MergedQuestion>();
  const released: { q: ReportQuery; r: ReleasedReport }[] = [];
  for (const w of params.wave ? [params.wave] : WAVES) {
    const q = { ...base, period, wave: w };
    const r = await runReleasedReport(q, loaded, releases, reads);
    if (isWithheld(r)) withheld.push({ wave: w, withheld: r });
    else released.push({ q, r });
  }
  // null responses: a hidden group, which has answers
  let shown = params.wave ? released : released.filter((x) => (x.r.report.responses ?? 1) > 0);
  if (shown.length === 0 && withheld.length === 0) shown = released.slice(0, 1);
  for (const { q, r } of shown) {
    for (const m of r.questions) if (!merged.has(m.key)) merged.set(m.key, m);
    const texts: Record<string, FreeTexts | null> = {};
    for (const m of r.questions.filter((x) => x.type === "text"))
      texts[m.key] = r.report.groupSuppressed ? null : await releasedFreeTexts(q, m.key, r, loaded, reads);
    columns.push({ wave: q.wave!, report: r.report, texts });
  }
  const questions = [...merged.values()];
  const waves = columns.map((c) => c.wave);

  // headlines: the month, the tertial so far and rolling 12 months, each widened or cut to
  // whole released blocks of its wave; indicators only
  const questionKeys = loaded.info.indicators.map((i) => i.question);
  const headlines: Headline[] = [];
  for (const w of waves)
    for (const [label, p] of headlinePeriods(theMonth)) {
      const released = nearestReleased(p, [releases.byWave[w]]);
      if (!released) continue;
      const r = await runReleasedReport({ ...base, period: released, wave: w, questionKeys }, loaded, releases, reads);
      const moved = released.from !== p.from || released.to !== p.to;
      if (!isWithheld(r)) headlines.push({ label, period: released, moved, wave: w, report: r.report });
    }

  // published totals from before the app: whole periods, never cut by the review's period
  const imported = await importedReports(loaded, { wave: params.wave ?? null, versions, groups, unitScope });

  // the trend: the imported periods, then one point per released block of the twelve months up to the period's end
  const series: { indicator: string; wave: Wave; target: number; points: BlockPoint[] }[] = [];
  const span = rolling12(period.to);
  // a wave with imported totals has a trend even before the app has a shown column of it
  for (const w of WAVES.filter((x) => waves.includes(x) || imported.some((i) => i.wave === x))) {
    const blocks = releases.byWave[w].blocks.filter((b) => b.n > 0 && b.from >= span.from && b.to <= span.to);
    const reports = [];
    for (const b of blocks) reports.push({ b, r: await runReleasedReport({ ...base, period: { from: b.from, to: b.to }, wave: w, questionKeys }, loaded, releases, reads) });
    for (const ind of loaded.info.indicators)
      series.push({
        indicator: ind.key,
        wave: w,
        target: ind.target,
        points: [...importedPoints(imported, w, ind.key), ...reports.map(({ b, r }) => {
          const i = isWithheld(r) ? null : r.report.indicators.find((x) => x.key === ind.key);
          return {
            month: b.from,
            to: b.to,
            n: i?.n ?? null,
            value: i?.value ?? null,
            ci95: i?.ci95 ?? null,
            suppressed: !i || i.suppressed,
            ...(!i || i.suppressed ? { reason: "complementary" as const } : {}),
          };
        })],
      });
  }

  const survey = surveys.find((s) => s.slug === slug)!;
  return {
    surveys: surveys.map((s) => ({ slug: s.slug, title: s.title })),
    survey: { slug, title: survey.title, defaultLanguage: survey.defaultLanguage, versions: loaded.info.versions.map((v) => ({ version: v.version, label: v.label })) },
    indicators: loaded.info.indicators.map((i) => ({ key: i.key, label: i.label, short: i.short, target: i.target, question: i.question })),
    /** answer options the group filters offer (role and gender, as the newest version words them) */
    groupOptions: {
      role: questions.find((q) => q.key === "role")?.options ?? [],
      gender: questions.find((q) => q.key === "gender")?.options ?? [],
    },
    params: { ...params, survey: slug, month: theMonth, version: versions },
    period,
    /** the period was chosen because none was asked for (defaultScope says how) */
    latestBlock: isLatestBlock,
    defaultScope,
    /** with a default period: the latest released block alone, offered as the finer view */
    latest,
    lastClosed: releases.lastClosed,
    minGroupSize: minGroupSize(),
    questions,
    columns,
    withheld,
    headlines,
    series,
    /** imported totals of the chosen wave(s) (report null under a group filter: not filterable) */
    imported,
  };
}

/** The headlines' periods of a month: the month, the tertial so far, rolling 12 months. */
const headlinePeriods = (month: string) => [["month", { from: month, to: month }], ["tertial", tertialToDate(month)], ["rolling12", rolling12(month)]] as const;

/** Months holding every period a review reports on: its own, each headline's released one, the trend's twelve months. */
function reviewSpan(period: Period, theMonth: string, releases: ReleaseData): Period {
  const periods: Period[] = [period, rolling12(period.to)];
  for (const w of WAVES)
    for (const [, p] of headlinePeriods(theMonth)) {
      const released = nearestReleased(p, [releases.byWave[w]]);
      if (released) periods.push(released);
    }
  return { from: periods.map((p) => p.from).sort()[0]!, to: periods.map((p) => p.to).sort().at(-1)! };
}

/** An indicator's points from imported periods: shown whole, hidden like any small group, never filtered. */
function importedPoints(imported: ImportedReport[], wave: Wave, indicatorKey: string): BlockPoint[] {
  return imported
    .filter((x) => x.wave === wave)
    .flatMap((x): BlockPoint[] => {
      const base = { month: x.from, to: x.to, imported: true as const };
      if (!x.report) return [{ ...base, n: null, value: null, ci95: null, suppressed: true, ...(x.withheld ? { reason: "too_few" as const } : { notFilterable: true as const }) }];
      const i = x.report.indicators.find((r) => r.key === indicatorKey);
      // published tables without the indicator's question: the period is there, its value is not
      if (!i) return [{ ...base, n: null, value: null, ci95: null, suppressed: false, notInTables: true }];
      return [{ ...base, n: i.n, value: i.value, ci95: i.ci95, suppressed: i.suppressed, ...(i.suppressed ? { reason: "too_few" as const } : {}) }];
    });
}

export type ReachData = Awaited<ReturnType<typeof loadReach>>;

/** Whom we don't reach: codes issued vs answered for the chosen period. */
export async function loadReach(params: ReviewParams, unitScope?: UnitScope, visible?: SurveyVisibility) {
  const surveys = await listSurveyTitles(visible);
  const slug = params.survey && surveys.some((s) => s.slug === params.survey) ? params.survey : surveys[0]?.slug;
  if (!slug) return null;
  const loaded = await loadSurvey(slug);
  const versions = params.version.filter((v) => loaded.info.versions.some((x) => x.version === v));
  // the reach page needs only which month closed last, not the release cells
  const lastClosed = lastClosedMonth(monthOf(new Date()));
  const theMonth = params.month && params.month <= lastClosed ? params.month : lastClosed;
  const scope = params.scope === "month" && !params.month ? "rolling12" : params.scope;
  const asked = scopePeriod({ month: theMonth, scope, from: params.from, to: params.to });
  // closed months only: the open month's counts change with every answer (decision 0011)
  const period = { from: asked.from <= lastClosed ? asked.from : lastClosed, to: asked.to <= lastClosed ? asked.to : lastClosed };
  let tables: ReachTable[];
  let pending: HandOut[] = [];
  try {
    const q = { survey: slug, period, wave: params.wave ?? null, versions, unitScope };
    // the months left out are read once, for the tables and for the notice
    pending = await reachPending(q, loaded);
    tables = await reachTables(q, undefined, loaded, undefined, pending);
  } catch (e) {
    if (e instanceof ReportInputError) tables = [];
    else throw e;
  }
  return {
    surveys: surveys.map((s) => ({ slug: s.slug, title: s.title })),
    survey: { slug, versions: loaded.info.versions.map((v) => ({ version: v.version, label: v.label })) },
    params: { ...params, survey: slug, month: theMonth, scope, version: versions },
    period,
    minGroupSize: minGroupSize(),
    tables,
    /** hand-out months left out of the tables until none of their codes can be answered */
    pending,
  };
}
