/**
 * Loads a comparison: one report per chosen version, the versions pooled, and each wave, all
 * through runReleasedReport so every cell gets the disclosure control of the outcome tables. compare.ts
 * puts them side by side. Used by /admin/compare, its downloads and `compare --json`.
 */
import type { UnitScope } from "~/units/scope";
import { z } from "zod";
import { WAVES, type Wave } from "~/survey/definition";
import { listSurveyTitles, type SurveyVisibility } from "~/survey/store.server";
import { loadReportCells, loadSurvey, minGroupSize, reportFromCells, ReportInputError, type ReportQuery, type SurveyInfo } from "./aggregate.server";
import { isWithheld, loadReleases, releasedResponses, runReleasedReport, SharedReads, type ReleaseData, type Withheld } from "./release.server";
import { nearestReleased } from "./releases";
import {
  classifyAcross,
  indicatorComparison,
  sideBySide,
  versionWhere,
  type IndicatorComparison,
  type KeyClass,
  type KeyStatus,
  type SideBySide,
} from "./compare";
import { isMonth, type Period } from "./period";
import type { Report } from "./report";
import {
  defaultPeriod,
  detectableNote,
  summaryLines,
  type DetectableNote,
  type SummaryLine,
} from "./compare-summary";
import { importedReports } from "./imported.server";

export class CompareInputError extends Error {}

export type CompareQuery = {
  survey: string;
  /** two or more version numbers, every published version, or those with answers in the period */
  versions: number[] | "all" | "answered";
  wave: Wave;
  /** missing ends: the first month with answers, the last closed month with answers */
  from?: string;
  to?: string;
  minGroupSize?: number;
  /** one unit, or several pooled (decision 0023); every unit when missing */
  unitScope?: UnitScope;
};

export type QuestionComparison = {
  key: string;
  type: KeyClass["type"];
  status: KeyStatus;
  comparable: boolean;
  reworded: boolean;
  inVersions: number[];
  /** the versions it is compared across: with answers in the period, and asking it */
  comparedIn?: number[];
  /** the question is asked in the chosen wave (shared questions only) */
  askedInWave?: boolean;
  wording?: { version: number; text: Record<string, string> }[];
  parts?: SideBySide["parts"];
};

export type Comparison = {
  survey: string;
  from: string;
  to: string;
  wave: Wave;
  versions: number[];
  minGroupSize: number;
  /** responses per version in the chosen wave and period */
  responses: { column: string; n: number | null }[];
  /** the chosen versions with answers in the period and wave: the columns compared (the others say "no answers") */
  answered: number[];
  /** one line per compared question, indicators first: the headline option's share per version and the verdict */
  summary: SummaryLine[];
  /** what "no clear difference" can mean with these numbers */
  detectable: DetectableNote | null;
  questions: QuestionComparison[];
  indicators: IndicatorComparison[];
  pooled: { versions: number[]; responses: number | null; questions: SideBySide[]; indicators: IndicatorComparison[] };
  waves: {
    versions: number[];
    /** the two waves are separate cohorts: no answer is ever linked to a client's other answer */
    linked: false;
    note: string;
    responses: { column: string; n: number | null }[];
    questions: SideBySide[];
    indicators: IndicatorComparison[];
  };
  /** columns (versions, waves) withheld as filters whose complement is too small, and why */
  withheld: { column: string; reason: string }[];
};

export type ComparisonResult = { comparison: Comparison; classes: KeyClass[]; survey: SurveyInfo };

/** Fewer than two of the chosen versions have answers in the period: nothing to put side by side. */
export class NoAnswersError extends CompareInputError {
  constructor(
    readonly from: string,
    readonly to: string,
    readonly answered: number[],
    wave: Wave,
  ) {
    const some = answered.length ? ` (only version ${answered.join(", ")})` : "";
    super(`fewer than two of the chosen versions have ${wave} answers from ${from} to ${to}${some}: choose a wider period`);
  }
}

export const COHORT_NOTE =
  "Closure and follow-up answers are two separate groups of respondents (cohorts); answers are anonymous and never linked per client.";

/** A withheld column as a report with every count hidden, so it reads like any hidden cell. */
function hiddenReport(r: Report): Report {
  const hide = <T extends { count: number | null; percent: number | null }>(o: T) => ({ ...o, count: null, percent: null });
  return {
    ...r,
    issued: null,
    responses: null,
    responseRate: null,
    questions: r.questions.map((t) => ({
      ...t,
      respondents: null,
      answered: null,
      suppressed: true,
      reason: "complementary" as const,
      ...(t.options ? { options: t.options.map(hide) } : {}),
      ...(t.rows ? { rows: t.rows.map((row) => ({ ...row, answered: null, suppressed: true, reason: "complementary" as const, options: row.options.map(hide) })) } : {}),
    })),
    indicators: r.indicators.map((i) => ({ ...i, n: null, value: null, ci95: null, status: "suppressed" as const, suppressed: true })),
  };
}

export async function runComparison(
  q: CompareQuery,
  loaded?: Awaited<ReturnType<typeof loadSurvey>>,
): Promise<ComparisonResult | Withheld> {
  try {
    loaded ??= await loadSurvey(q.survey);
  } catch (e) {
    if (e instanceof ReportInputError) throw new CompareInputError(e.message);
    throw e;
  }
  const published = loaded.definitions.map((d) => d.def.version);
  if (q.from !== undefined && !isMonth(q.from)) throw new CompareInputError("from must be a month, YYYY-MM");
  if (q.to !== undefined && !isMonth(q.to)) throw new CompareInputError("to must be a month, YYYY-MM");
  const k = minGroupSize(q.minGroupSize);
  const releases = await loadReleases(loaded, k, undefined, q.unitScope, []);
  // defaults from the released blocks only: live counts here once told which versions had
  // answers this very month, before the period was checked against whole blocks
  const releasedEnds = releases.byWave[q.wave].blocks.filter((b) => b.n > 0).flatMap((b) => [b.from, b.to]);
  let { from, to } = defaultPeriod(releasedEnds, { from: q.from, to: q.to }, releases.lastClosed);
  if (!q.from || !q.to) {
    // a period the user did not choose is widened or cut to whole release blocks of the wave
    const whole = nearestReleased({ from, to }, [releases.byWave[q.wave]]);
    if (whole) ({ from, to } = whole);
  }
  if (from > to) throw new CompareInputError(`from ${from} is after to ${to}`);
  const period: Period = { from, to };
  const chosen = q.versions === "all" || q.versions === "answered" ? published : [...new Set(q.versions)].sort((a, b) => a - b);
  const unknown = chosen.filter((v) => !published.includes(v));
  if (unknown.length) throw new CompareInputError(`survey "${loaded.info.slug}" has no published version ${unknown.join(", ")}`);
  if (chosen.length < 2 && q.versions !== "answered") throw new CompareInputError("choose at least two versions to compare");
  const base = { survey: loaded.info.slug, period, minGroupSize: k, unitScope: q.unitScope };

  // Which versions have answers is read as each version's own released report would count them
  // (no read: the release rows are loaded), never from live counts: withheld (null) may have
  // some, a released 0 has none. The period is checked first, with the pooled report.
  const answered = chosen.filter((v) => (releasedResponses({ ...base, wave: q.wave, versions: [v] }, releases) ?? 1) > 0);
  const versions = q.versions === "answered" ? answered : chosen;
  // every column is a released report: a version beside the others is a filter on versions
  const withheld: Comparison["withheld"] = [];
  // the table bases keep every version: read once for all the reports of the same period
  const reads = new SharedReads({ ...base, versions }, period, loaded, releases);
  const column = async (name: string, rq: ReportQuery, data: ReleaseData) => {
    const r = await runReleasedReport(rq, loaded, data, new SharedReads(rq, period, loaded, data, reads));
    if (!isWithheld(r)) return r.report;
    withheld.push({ column: name, reason: r.reason });
    // its shape only (every count hidden, codes issued too), read within the scope's units: a
    // pooled scope then reads the units-summed level (decision 0033), not every unit's rows
    const scope = rq.unitScope?.unitIds.flatMap((unitId) => WAVES.map((wave) => ({ unitId, wave, from: rq.period.from, to: rq.period.to })));
    return hiddenReport(reportFromCells(rq, await loadReportCells(rq, { byMonth: false, parts: scope, withoutIssued: true }, loaded), loaded).report);
  };
  const pooledReleased = await runReleasedReport({ ...base, wave: q.wave, versions }, loaded, releases, reads);
  if (isWithheld(pooledReleased)) return pooledReleased;
  if (answered.length < 2) throw new NoAnswersError(from, to, answered, q.wave);
  const byVersion = new Map<number, Report>();
  for (const v of versions) byVersion.set(v, await column(String(v), { ...base, wave: q.wave, versions: [v] }, releases));
  const pooled = pooledReleased.report;
  const byWave = new Map<Wave, Report>();
  for (const w of WAVES) byWave.set(w, w === q.wave ? pooled : await column(w, { ...base, wave: w, versions }, releases));

  const classes = classifyAcross(loaded.definitions.filter((d) => versions.includes(d.def.version)).map((d) => d.def), answered);
  const shared = classes.filter((c) => c.status === "shared");
  const tableOf = (r: Report, key: string) => r.questions.find((x) => x.key === key);

  const perVersion = new Map<string, SideBySide>();
  const questions: QuestionComparison[] = classes.map((c) => {
    const out: QuestionComparison = {
      key: c.key,
      type: c.type,
      status: c.status,
      comparable: c.status === "shared",
      reworded: c.reworded,
      inVersions: c.inVersions,
      comparedIn: c.comparedIn ?? [],
    };
    if (c.reworded) out.wording = c.wording.map((w) => ({ version: w.version, text: w.text }));
    if (c.status !== "shared") return out;
    const total = tableOf(pooled, c.key);
    out.askedInWave = !!total;
    if (!total) return out;
    const side = sideBySide(
      c,
      (c.comparedIn ?? []).map((v) => ({ column: String(v), table: tableOf(byVersion.get(v)!, c.key) })),
      k,
      { total },
    );
    perVersion.set(c.key, side);
    out.parts = side.parts;
    return out;
  });

  const pooledQuestions = shared
    .filter((c) => tableOf(pooled, c.key))
    .map((c) => sideBySide(c, [{ column: "pooled", table: tableOf(pooled, c.key) }], k, { verdict: false }));
  const closure = byWave.get("closure")!;
  const followup = byWave.get("followup")!;
  // each wave is controlled on its own and never added to the other (decision 0006)
  const waveQuestions = shared
    .filter((c) => tableOf(closure, c.key) && tableOf(followup, c.key))
    .map((c) =>
      sideBySide(
        c,
        WAVES.map((w) => ({ column: w, table: tableOf(byWave.get(w)!, c.key) })),
        k,
      ),
    );
  const indicators = (tables: SideBySide[], withVerdict = true) =>
    loaded.info.indicators
      .map((ind) => indicatorComparison(ind, tables.find((t) => t.key === ind.question), versionWhere, withVerdict))
      .filter((x): x is IndicatorComparison => x !== null);

  const responses = versions.map((v) => ({ column: String(v), n: byVersion.get(v)!.responses }));
  const versionIndicators = indicators([...perVersion.values()]);
  const comparison: Comparison = {
    survey: loaded.info.slug,
    from,
    to,
    wave: q.wave,
    versions,
    minGroupSize: k,
    responses,
    answered,
    summary: summaryLines(answered.map(String), versionIndicators, questions, classes),
    detectable: detectableNote(responses.filter((r) => answered.includes(Number(r.column)))),
    questions,
    indicators: versionIndicators,
    pooled: { versions, responses: pooled.responses, questions: pooledQuestions, indicators: indicators(pooledQuestions, false) },
    waves: {
      versions,
      linked: false,
      note: COHORT_NOTE,
      responses: WAVES.map((w) => ({ column: w, n: byWave.get(w)!.responses })),
      questions: waveQuestions,
      indicators: indicators(waveQuestions),
    },
    withheld,
  };
  return { comparison, classes, survey: loaded.info };
}

// ---------------------------------------------------------------- the page's GET parameters

const blankToUndefined = (v: unknown) => (v === "" || v === null ? undefined : v);
const month = z.preprocess(blankToUndefined, z.string().refine(isMonth).optional());

export const CompareParamsSchema = z.object({
  survey: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64).optional()),
  /** none ticked (or "all") = every version */
  version: z.array(z.coerce.number().int().min(1)).default([]),
  from: month,
  to: month,
  wave: z.preprocess(blankToUndefined, z.enum(WAVES).default("closure")),
  /** a unit's slug (decision 0023); checked against the user's units by unitsOfRequest */
  unit: z.preprocess(blankToUndefined, z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(63).optional()),
});
export type CompareParams = z.infer<typeof CompareParamsSchema>;

export function parseCompareParams(url: URL): CompareParams {
  const raw: Record<string, unknown> = {};
  for (const name of ["survey", "from", "to", "wave", "unit"]) raw[name] = url.searchParams.get(name) ?? undefined;
  const versions = url.searchParams.getAll("version").filter(Boolean);
  raw.version = versions.includes("all") ? [] : versions;
  // field by field: one bad value in a hand-edited URL falls back to its default
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(CompareParamsSchema.shape)) {
    const field = schema.safeParse(raw[name]);
    out[name] = field.success ? field.data : schema.safeParse(undefined).data;
  }
  return CompareParamsSchema.parse(out);
}

export type CompareData = Awaited<ReturnType<typeof loadCompare>>;

/** Everything /admin/compare shows (and downloads). Null when there is no survey. */
/** `visible`: the surveys the account may choose between (decision 0023); all when absent. */
export async function loadCompare(params: CompareParams, unitScope?: UnitScope, visible?: SurveyVisibility) {
  // titles only: counting every version's responses here was work nobody saw
  const surveys = await listSurveyTitles(visible);
  const slug = params.survey && surveys.some((s) => s.slug === params.survey) ? params.survey : surveys[0]?.slug;
  if (!slug) return null;
  const loaded = await loadSurvey(slug);
  const survey = surveys.find((s) => s.slug === slug)!;
  const known = params.version.filter((v) => loaded.info.versions.some((x) => x.version === v));
  const from = params.from && params.to && params.from > params.to ? undefined : params.from;
  let result: ComparisonResult | null = null;
  let error: "tooFewVersions" | "noAnswers" | null = null;
  let withheld: Withheld | null = null;
  let resolved: { from?: string; to?: string; answered: number[] } = { from, to: params.to, answered: [] };
  try {
    // none ticked: the versions with answers in the period (issue 19)
    const r = await runComparison({ survey: slug, versions: known.length ? known : "answered", wave: params.wave, from, to: params.to, unitScope }, loaded);
    if (isWithheld(r)) withheld = r;
    else result = r;
  } catch (e) {
    if (!(e instanceof CompareInputError)) throw e;
    error = e instanceof NoAnswersError ? "noAnswers" : "tooFewVersions";
    if (e instanceof NoAnswersError) resolved = { from: e.from, to: e.to, answered: e.answered };
  }
  return {
    surveys: surveys.map((s) => ({ slug: s.slug, title: s.title })),
    survey: {
      slug,
      title: survey.title,
      defaultLanguage: survey.defaultLanguage,
      versions: loaded.info.versions.map((v) => ({ version: v.version, label: v.label })),
    },
    params: { ...params, survey: slug, version: known, from: result?.comparison.from ?? resolved.from, to: result?.comparison.to ?? resolved.to },
    error,
    /** the whole comparison is withheld (period or versions), with why and the nearest period */
    withheld,
    /** with error "noAnswers": the chosen versions that do have answers (fewer than two) */
    answeredOnly: resolved.answered,
    minGroupSize: minGroupSize(),
    indicators: loaded.info.indicators.map((i) => ({ key: i.key, label: i.label, target: i.target, question: i.question, success: i.success })),
    classes: result?.classes ?? [],
    comparison: result?.comparison ?? null,
    /** published totals of the chosen versions and wave from before the app, per version and period */
    imported: await importedReports(loaded, { wave: params.wave, versions: known, unitScope }),
  };
}
