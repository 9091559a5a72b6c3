/**
 * The monthly review as data: read from the page's GET parameters, used by the page, its CSV and
 * XLSX exports, so what is downloaded is exactly what is shown (and equally controlled).
 */
import { z } from "zod";
import { listSurveyTitles } from "~/survey/store.server";
import { WAVES, type Wave } from "~/survey/definition";
import {
  freeTextAnswers,
  loadReportCells,
  loadSurvey,
  minGroupSize,
  reachTables,
  reportFromCells,
  ReportInputError,
  seriesFromCells,
  type GroupFilter,
  type ReachTable,
  type ReportQuery,
  type SeriesPoint,
} from "./aggregate.server";
import { currentMonth, isMonth, rolling12, tertialToDate, type Period } from "./period";
import type { MergedQuestion, Report } from "./report";

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
});
export type ReviewParams = z.infer<typeof ReviewParamsSchema>;

export function parseReviewParams(url: URL): ReviewParams {
  const raw: Record<string, unknown> = {};
  for (const name of ["survey", "month", "scope", "from", "to", "wave", "role", "gender", "group", "referral"])
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

export type WaveColumn = { wave: Wave; report: Report; texts: Record<string, string[] | null> };
export type Headline = { label: "month" | "tertial" | "rolling12"; period: Period; wave: Wave; report: Report };

export type ReviewData = Awaited<ReturnType<typeof loadReview>>;

/** Everything the monthly review shows. Null when there is no survey at all. */
export async function loadReview(params: ReviewParams) {
  const surveys = await listSurveyTitles();
  const slug = params.survey && surveys.some((s) => s.slug === params.survey) ? params.survey : surveys[0]?.slug;
  if (!slug) return null;
  const loaded = await loadSurvey(slug);
  const versions = params.version.filter((v) => loaded.info.versions.some((x) => x.version === v));
  const groups: GroupFilter = { role: params.role, gender: params.gender, clientGroup: params.group, referral: params.referral };
  const theMonth = params.month ?? currentMonth();
  const period = scopePeriod({ month: theMonth, scope: params.scope, from: params.from, to: params.to });
  const base = { survey: slug, versions, groups } satisfies Omit<ReportQuery, "period" | "wave">;

  // closure and follow-up side by side when both have answers; never pooled (different moments).
  // Both waves come from one read of the pre-aggregated counts.
  const cells = await loadReportCells({ ...base, period }, { byMonth: false }, loaded);
  const results = new Map<Wave, ReturnType<typeof reportFromCells>>();
  for (const w of params.wave ? [params.wave] : WAVES) results.set(w, reportFromCells({ ...base, period, wave: w }, cells, loaded));
  let waves: Wave[] = params.wave ? [params.wave] : WAVES.filter((w) => (results.get(w)!.report.responses ?? 1) > 0) // null: a hidden group, which has answers;
  if (waves.length === 0) waves = ["closure"];
  const columns: WaveColumn[] = [];
  const merged = new Map<string, MergedQuestion>();
  for (const w of waves) {
    const r = results.get(w)!;
    for (const q of r.questions) if (!merged.has(q.key)) merged.set(q.key, q);
    const texts: Record<string, string[] | null> = {};
    for (const q of r.questions.filter((x) => x.type === "text"))
      texts[q.key] = r.report.groupSuppressed
        ? null
        : await freeTextAnswers({ ...base, period, wave: w }, q.key, r.report.responses ?? 0, loaded);
    columns.push({ wave: w, report: r.report, texts });
  }
  const questions = [...merged.values()];

  // headlines (month, tertial so far, rolling 12 months) and the charts all lie in the rolling
  // 12 months and need the indicators' questions only: read those months once, month by month
  const seriesPeriod = rolling12(theMonth);
  const questionKeys = loaded.info.indicators.map((i) => i.question);
  const recent = await loadReportCells({ ...base, period: seriesPeriod, questionKeys }, { byMonth: true }, loaded);
  const headlines: Headline[] = [];
  for (const w of waves)
    for (const [label, p] of [
      ["month", { from: theMonth, to: theMonth }],
      ["tertial", tertialToDate(theMonth)],
      ["rolling12", seriesPeriod],
    ] as const) {
      const { report } = reportFromCells({ ...base, period: p, wave: w, questionKeys }, recent, loaded);
      headlines.push({ label, period: p, wave: w, report });
    }

  const series: { indicator: string; wave: Wave; target: number; points: SeriesPoint[] }[] = [];
  for (const ind of loaded.info.indicators)
    for (const w of waves)
      series.push({
        indicator: ind.key,
        wave: w,
        target: ind.target,
        points: seriesFromCells({ ...base, period: seriesPeriod, wave: w }, ind.key, recent, loaded),
      });

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
    minGroupSize: minGroupSize(),
    questions,
    columns,
    headlines,
    series,
  };
}

export type ReachData = Awaited<ReturnType<typeof loadReach>>;

/** Whom we don't reach: codes issued vs answered for the chosen period. */
export async function loadReach(params: ReviewParams) {
  const surveys = await listSurveyTitles();
  const slug = params.survey && surveys.some((s) => s.slug === params.survey) ? params.survey : surveys[0]?.slug;
  if (!slug) return null;
  const loaded = await loadSurvey(slug);
  const versions = params.version.filter((v) => loaded.info.versions.some((x) => x.version === v));
  const theMonth = params.month ?? currentMonth();
  const scope = params.scope === "month" && !params.month ? "rolling12" : params.scope;
  const period = scopePeriod({ month: theMonth, scope, from: params.from, to: params.to });
  let tables: ReachTable[];
  try {
    tables = await reachTables({ survey: slug, period, wave: params.wave ?? null, versions }, undefined, loaded);
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
  };
}
