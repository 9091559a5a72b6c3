/**
 * Released reports (docs/decisions/0011-releases.md): every report a staff role can ask for —
 * pages, downloads, `report`, `compare` — comes through runReleasedReport, which withholds a
 * period that is not made of whole release blocks and a filter whose complement is too small,
 * then hides the tables whose base could be subtracted down to 1…k-1 in some block.
 */
import { WAVES, type Wave } from "~/survey/definition";
import { monthOf } from "~/utils/months";
import {
  chosenVersions,
  loadReportCells,
  loadSurvey,
  minGroupSize,
  reportFromCells,
  responseFilter,
  type GroupFilter,
  type ReportQuery,
  type ReportResult,
} from "./aggregate.server";
import { countAnsweredCells, countClosedResponses, countReleaseCells, countResponsesByLang, freeTextsForRelease, GROUP_DIMS, type ReleaseRow } from "./queries.sql.server";
import { monthsBetween, type Period } from "./period";
import {
  blocksOfPeriod,
  filterCells,
  filterWithheld,
  hasSmallCell,
  lastClosedMonth,
  nearestReleased,
  periodWithheld,
  releasableTexts,
  releaseBlocks,
  type Block,
  type FilterChoice,
  type JointCount,
  type Release,
} from "./releases";

type Loaded = Awaited<ReturnType<typeof loadSurvey>>;

/** The survey's release blocks per wave and the counts filters are checked against. */
export type ReleaseData = {
  k: number;
  lastClosed: string;
  byWave: Record<Wave, Release>;
  rows: ReleaseRow[];
  versionOf: Map<string, number>;
};

/**
 * Release cells last read, per survey's versions and last closed month, with the number of
 * responses they held: closed months never change, so every report reads them once, not once
 * per request (tens of thousands of rows for five years).
 */
const releaseCells = new Map<string, { responses: number; rows: ReleaseRow[] }>();

async function closedReleaseCells(versionIds: string[], lastClosed: string): Promise<ReleaseRow[]> {
  const key = `${versionIds.join()}|${lastClosed}`;
  const responses = await countClosedResponses(versionIds, lastClosed);
  const kept = releaseCells.get(key);
  if (kept?.responses === responses) return kept.rows;
  const rows = await countReleaseCells(versionIds, lastClosed);
  // a month that closed since makes the old key useless
  for (const old of releaseCells.keys()) if (old.startsWith(`${versionIds.join()}|`)) releaseCells.delete(old);
  releaseCells.set(key, { responses, rows });
  return rows;
}

export async function loadReleases(loaded: Loaded, k = minGroupSize(), now = new Date()): Promise<ReleaseData> {
  const lastClosed = lastClosedMonth(monthOf(now));
  const rows = await closedReleaseCells(loaded.definitions.map((d) => d.id), lastClosed);
  const byWave = Object.fromEntries(
    WAVES.map((w) => [w, releaseBlocks(rows.filter((r) => r.wave === w), k, lastClosed)]),
  ) as Record<Wave, Release>;
  return { k, lastClosed, byWave, rows, versionOf: new Map(loaded.definitions.map((d) => [d.id, d.def.version])) };
}

export type Withheld = {
  withheld: true;
  reason: string;
  /** open: the period reaches the current month; waiting: months with too few answers so far;
   * unaligned: not whole release blocks; filter: a filter's complement is too small */
  code: "open" | "waiting" | "unaligned" | "filter";
  /** the nearest period that can be shown (for a withheld period) */
  nearest: Period | null;
};

export const isWithheld = (x: unknown): x is Withheld => typeof x === "object" && x !== null && (x as Withheld).withheld === true;

const DIM_NAMES: Record<string, string> = {
  version: "versions",
  clientGroup: "client group",
  referral: "referral path",
  role: "role",
  gender: "gender",
};

function wavesOf(wave: Wave | null): Wave[] {
  return wave ? [wave] : [...WAVES];
}

/** The query's filters as chosen values per dimension; versions only when some are left out. */
function choiceOf(q: Pick<ReportQuery, "versions" | "groups">): FilterChoice {
  const choice: Record<string, Set<string>> = {};
  if (q.versions?.length) choice.version = new Set(q.versions.map(String));
  for (const d of GROUP_DIMS) {
    const v = (q.groups as GroupFilter | undefined)?.[d];
    if (v) choice[d] = new Set([v]);
  }
  return choice;
}

function jointValues(r: ReleaseRow, data: ReleaseData): Record<string, string> {
  return {
    version: String(data.versionOf.get(r.surveyVersionId) ?? 0),
    clientGroup: r.clientGroup,
    referral: r.referral,
    role: r.role,
    gender: r.gender,
  };
}

/** The release rows by wave and month, made once per ReleaseData: a five-year report has 60 blocks a wave. */
const rowsByMonth = new WeakMap<ReleaseData, Map<string, JointCount[]>>();

function monthCounts(data: ReleaseData): Map<string, JointCount[]> {
  let byMonth = rowsByMonth.get(data);
  if (!byMonth) {
    byMonth = new Map();
    for (const r of data.rows) {
      const id = `${r.wave}|${r.month}`;
      const list = byMonth.get(id) ?? [];
      list.push({ values: jointValues(r, data), n: r.n });
      byMonth.set(id, list);
    }
    rowsByMonth.set(data, byMonth);
  }
  return byMonth;
}

/** Responses of each block of each wave in the period, by every dimension (whole survey). */
function blockCounts(blocks: { wave: Wave; block: Block }[], data: ReleaseData): JointCount[][] {
  const byMonth = monthCounts(data);
  return blocks.map(({ wave, block }) => monthsBetween(block.from, block.to).flatMap((m) => byMonth.get(`${wave}|${m}`) ?? []));
}

/** The released blocks of a period, per wave in scope; a Withheld when the period is not released. */
export function periodBlocks(period: Period, wave: Wave | null, data: ReleaseData): { wave: Wave; block: Block }[] | Withheld {
  const waves = wavesOf(wave);
  const releases = waves.map((w) => data.byWave[w]);
  const why = periodWithheld(period, releases);
  if (why) {
    const nearest = nearestReleased(period, releases);
    const near = nearest ? ` The nearest period that can be shown is ${nearest.from} – ${nearest.to}.` : "";
    const reason =
      why === "open"
        ? `${period.to} has not ended: results are released only for months that have ended.${near}`
        : why === "waiting"
          ? `Some months of ${period.from} – ${period.to} have too few answers so far to be released (waiting for more answers).${near}`
          : `${period.from} – ${period.to} does not consist of whole released blocks: months with too few answers are shown only together with their neighbours.${near}`;
    return { withheld: true, reason, code: why, nearest };
  }
  return waves.flatMap((w) => blocksOfPeriod(period, data.byWave[w])!.map((block) => ({ wave: w, block })));
}

/** Why this report cannot be shown at all (period or filter), or the blocks it is made of. */
export function releaseCheck(q: ReportQuery, data: ReleaseData): { wave: Wave; block: Block }[] | Withheld {
  const blocks = periodBlocks(q.period, q.wave, data);
  if (!Array.isArray(blocks)) return blocks;
  const choice = choiceOf(q);
  if (Object.keys(choice).length === 0) return blocks;
  const why = filterWithheld(blockCounts(blocks, data), choice, data.k);
  if (!why) return blocks;
  const dims = why.dimension.split("+").map((d) => DIM_NAMES[d] ?? d).join(" and ");
  return {
    withheld: true,
    code: "filter",
    nearest: null,
    reason: `The filter on ${dims} is withheld: compared with the rest of the same answers it would show fewer than ${data.k} respondents in a released block.`,
  };
}

export type ReleasedBlock = { wave: Wave; block: Block };
export type ReleasedReport = ReportResult & { blocks: ReleasedBlock[] };

/**
 * A report as released: withheld as a whole (period, filter), or with the tables whose base is
 * 1…k-1 in some block's cell hidden as "complementary", and `attributesWithheld` added.
 */
export async function runReleasedReport(
  q: ReportQuery,
  loaded?: Loaded,
  data?: ReleaseData,
): Promise<ReleasedReport | Withheld> {
  loaded ??= await loadSurvey(q.survey);
  const k = minGroupSize(q.minGroupSize);
  data ??= await loadReleases(loaded, k);
  const blocks = releaseCheck(q, data);
  if (!Array.isArray(blocks)) return blocks;
  const choice = choiceOf(q);
  const dims = GROUP_DIMS.filter((d) => choice[d]);
  const [cells, answered, byLang] = await Promise.all([
    loadReportCells(q, { byMonth: false }, loaded),
    countAnsweredCells({ versionIds: loaded.definitions.map((d) => d.id), from: q.period.from, to: q.period.to, dims }),
    countResponsesByLang(responseFilter(q, chosenVersions(loaded, q.versions))),
  ]);
  const counts = blockCounts(blocks, data);
  const hiddenTables = new Set<string>();
  const hiddenRespondents = new Set<string>();
  blocks.forEach(({ wave, block }, i) => {
    const cellsOf = filterCells(counts[i]!, choice, k);
    if ("withheld" in cellsOf) throw new Error("a released filter was withheld in one of its blocks");
    const byTable = new Map<string, JointCount[]>();
    for (const r of answered) {
      if (r.wave !== wave || r.month < block.from || r.month > block.to) continue;
      const key = `${r.questionKey}|${r.rowKey}`;
      const rows = byTable.get(key) ?? [];
      rows.push({ values: jointValues(r, data!), n: r.n });
      byTable.set(key, rows);
    }
    for (const [key, rows] of byTable) if (hasSmallCell(rows, cellsOf.cellOf, k)) hiddenTables.add(key);
  });
  const result = reportFromCells(q, cells, loaded, hiddenTables);
  // a question asked in only some of the chosen versions counts those versions' respondents:
  // a filter on versions of its own, shown only where that filter could be
  const chosen = q.versions?.length ? q.versions.map(String) : loaded.definitions.map((d) => String(d.def.version));
  const waveCounts = new Map(wavesOf(q.wave).map((w) => [w, counts.filter((_, i) => blocks[i]!.wave === w)]));
  for (const m of result.questions) {
    for (const w of wavesOf(q.wave)) {
      const asked = m.askedIn.filter((a) => a.wave === w).map((a) => String(a.version));
      if (chosen.every((v) => asked.includes(v))) continue;
      if (filterWithheld(waveCounts.get(w)!, { ...choice, version: new Set(asked.filter((v) => chosen.includes(v))) }, k)) hiddenRespondents.add(m.key);
    }
  }
  for (const t of result.report.questions) if (hiddenRespondents.has(t.key)) t.respondents = null;
  result.report.attributesWithheld = attributesWithheld(byLang, blocks, k);
  return { ...result, blocks };
}

/** Index of the block (in `blocks`) a month of a wave belongs to. */
function blockIndex(blocks: readonly ReleasedBlock[], wave: string, month: string): number {
  return blocks.findIndex((b) => b.wave === wave && month >= b.block.from && month <= b.block.to);
}

/**
 * Responses with an attribute stored as "withheld": summed when every block holds 0 or ≥ k of
 * them, null ("some, fewer than k in a block") otherwise — the count is about a small group too.
 */
function attributesWithheld(
  byLang: { month: string; wave: string; withheld: number }[],
  blocks: readonly ReleasedBlock[],
  k: number,
): number | null {
  const per = new Map<number, number>();
  for (const r of byLang) {
    const i = blockIndex(blocks, r.wave, r.month);
    per.set(i, (per.get(i) ?? 0) + r.withheld);
  }
  const values = [...per.values()];
  return values.some((n) => n > 0 && n < k) ? null : values.reduce((s, n) => s + n, 0);
}

/** Texts shown at most per question and wave: a long period's are a random sample (`of` = all that could be shown). */
export const FREE_TEXT_SAMPLE = 200;
export type ReleasedTexts = { shown: string[]; withheld: number; of?: number };

/**
 * Free texts of a released report's question: shuffled, undated, each shown only when its block
 * holds k responses in its language; the rest counted. Only for a whole wave (every version, no
 * group): with a filter, what it leaves out would tell which comments the rest wrote.
 */
export async function releasedFreeTexts(
  q: ReportQuery,
  questionKey: string,
  released: ReleasedReport,
  loaded: Loaded,
): Promise<ReleasedTexts | null> {
  if (Object.keys(choiceOf(q)).length > 0) return null;
  const k = minGroupSize(q.minGroupSize);
  const f = responseFilter(q, chosenVersions(loaded, q.versions));
  const [texts, byLang] = await Promise.all([freeTextsForRelease(f, questionKey), countResponsesByLang(f)]);
  const byBlockLang = new Map<string, number>();
  for (const r of byLang) {
    const id = `${blockIndex(released.blocks, r.wave, r.month)}|${r.lang}`;
    byBlockLang.set(id, (byBlockLang.get(id) ?? 0) + r.n);
  }
  const out = releasableTexts(
    texts.map((t) => ({ text: t.text, lang: t.lang, block: blockIndex(released.blocks, t.wave, t.month) })),
    byBlockLang,
    k,
  );
  // already shuffled: the first ones are a random sample of a long period's texts
  return out.shown.length > FREE_TEXT_SAMPLE ? { ...out, shown: out.shown.slice(0, FREE_TEXT_SAMPLE), of: out.shown.length } : out;
}
