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
  type ReportCells,
  type ReportQuery,
  type ReportResult,
} from "./aggregate.server";
import {
  countAnsweredCells,
  countIssuedByUnit,
  countReleaseCells,
  countResponsesByLang,
  countFreeTexts,
  freeTextsForRelease,
  sampleFreeTexts,
  GROUP_DIMS,
  type AnsweredRow,
  type GroupDim,
  type IssuedRow,
  type LangRow,
  type ReleaseRow,
  type UnitPart,
} from "./queries.sql.server";
import { monthsBetween, type Period } from "./period";
import { loadReleaseSummaries, unitKey, type BlockFigures, type ReleaseSummaries } from "./release-summaries.server";
import { sameScope, type UnitScope } from "~/units/scope";
import {
  blockOf,
  blocksOfPeriod,
  filterCells,
  filterWithheld,
  hasSmallCell,
  lastClosedMonth,
  nearestReleased,
  periodWithheld,
  isReleasableText,
  releasableTexts,
  releaseBlocks,
  type Block,
  type FilterChoice,
  type JointCount,
  type Release,
} from "./releases";

type Loaded = Awaited<ReturnType<typeof loadSurvey>>;

/**
 * The survey's release blocks per wave and the counts filters are checked against, for one unit
 * scope (decision 0023): every unit has blocks of its own; a pooled scope is cut from them.
 */
export type ReleaseData = {
  k: number;
  lastClosed: string;
  /** the unit's blocks; for a pooled scope, the blocks of the pooled months (navigation only) */
  byWave: Record<Wave, Release>;
  /** each unit's own blocks per wave: what every report is cut from */
  byUnit: Map<string, Record<Wave, Release>>;
  rows: ReleaseRow[];
  /** the rows of each unit (all of `rows` for each unit of the scope) */
  rowsByUnit: Map<string, ReleaseRow[]>;
  versionOf: Map<string, number>;
  scope: UnitScope | undefined;
  /** the group dimensions `rows` keep (the others summed): the only ones a report may filter on */
  dims: readonly GroupDim[];
  /** the stored blocks' figures (decision 0034), instead of `rows`, for a pooled scope without groups */
  summaries?: ReleaseSummaries;
};

function wavesReleases(rows: readonly ReleaseRow[], k: number, lastClosed: string): Record<Wave, Release> {
  return Object.fromEntries(WAVES.map((w) => [w, releaseBlocks(rows.filter((r) => r.wave === w), k, lastClosed)])) as Record<Wave, Release>;
}

/**
 * `dims`: the group dimensions the page's reports filter on (groupDims); the rows keep only those,
 * so a page without a group filter reads a fraction of them. A report filtering on another throws.
 */
export async function loadReleases(
  loaded: Loaded,
  k = minGroupSize(),
  now = new Date(),
  scope?: UnitScope,
  dims: readonly GroupDim[] = GROUP_DIMS,
): Promise<ReleaseData> {
  const lastClosed = lastClosedMonth(monthOf(now));
  const versionOf = new Map(loaded.definitions.map((d) => [d.id, d.def.version]));
  if (scope && scope.unitIds.length > 1 && dims.length === 0) {
    const stored = await loadReleaseSummaries(loaded.info.id, loaded.definitions.map((d) => d.id), k, lastClosed, scope);
    if (stored) return { k, lastClosed, ...stored, rows: [], rowsByUnit: new Map(), versionOf, scope, dims };
  }
  const rows = await countReleaseCells(loaded.definitions.map((d) => d.id), lastClosed, scope?.unitIds, dims);
  // each unit's rows gathered in one pass: filtering all rows once per unit cost seconds for 300 units
  const rowsOfUnit = new Map<string, ReleaseRow[]>((scope?.unitIds ?? []).map((u) => [u, []]));
  for (const r of rows) {
    const list = rowsOfUnit.get(r.unitId);
    if (list) list.push(r);
    else if (!scope) rowsOfUnit.set(r.unitId, [r]);
  }
  const units = [...rowsOfUnit.keys()];
  const byUnit = new Map(units.map((u) => [u, wavesReleases(rowsOfUnit.get(u)!, k, lastClosed)]));
  const byWave = units.length === 1 ? byUnit.get(units[0]!)! : wavesReleases(rows, k, lastClosed);
  return { k, lastClosed, byWave, byUnit, rows, rowsByUnit: rowsOfUnit, versionOf, scope, dims };
}

/** The group dimensions a filter chooses a value of: what its page's releases must keep. */
export const groupDims = (groups: GroupFilter | undefined): GroupDim[] => GROUP_DIMS.filter((d) => groups?.[d]);

/**
 * One unit's releases cut from a pooled scope's: the same as loadReleases for that unit alone
 * (its rows, its blocks), without reading the database again for each of 300 units.
 */
export function unitReleases(data: ReleaseData, unitId: string): ReleaseData {
  const own = data.byUnit.get(unitId);
  const rows = data.summaries ? [] : data.rowsByUnit.get(unitId);
  if (!own || !rows) throw new Error("the releases were loaded for other units");
  return { ...data, byWave: own, byUnit: new Map([[unitId, own]]), rows, rowsByUnit: new Map([[unitId, rows]]), scope: { unitIds: [unitId] } };
}

/** A pooled scope: more than one unit, each released on its own. */
const isPooled = (data: ReleaseData) => data.byUnit.size > 1;

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

function jointValues(r: ReleaseRow, data: Pick<ReleaseData, "versionOf">): Record<string, string> {
  return {
    version: String(data.versionOf.get(r.surveyVersionId) ?? 0),
    clientGroup: r.clientGroup,
    referral: r.referral,
    role: r.role,
    gender: r.gender,
  };
}

/**
 * The release rows by wave and month, of all units and of each unit, made once per ReleaseData:
 * a five-year report has 60 blocks a wave, a pooled one of 300 units thousands.
 */
const rowsByMonth = new WeakMap<ReleaseData, Map<string, JointCount[]>>();

/** Key of a wave's month, of one unit or (null) of every unit. */
const monthKey = (unitId: string | null, wave: string, month: string) => `${unitId === null ? "" : `u:${unitId}`}|${wave}|${month}`;

function monthCounts(data: ReleaseData): Map<string, JointCount[]> {
  let byMonth = rowsByMonth.get(data);
  if (!byMonth) {
    const map = new Map<string, JointCount[]>();
    const add = (key: string, count: JointCount) => {
      const list = map.get(key);
      if (list) list.push(count);
      else map.set(key, [count]);
    };
    for (const r of data.rows) {
      const count = { values: jointValues(r, data), n: r.n };
      add(monthKey(null, r.wave, r.month), count);
      add(monthKey(r.unitId, r.wave, r.month), count);
    }
    rowsByMonth.set(data, (byMonth = map));
  }
  return byMonth;
}

/** Responses of each block of each wave (and unit) in the period, by every dimension (whole survey). */
function blockCounts(blocks: readonly ReleasedBlock[], data: ReleaseData): JointCount[][] {
  if (data.summaries) return blocks.map((b) => summedCounts(b, data, data.summaries!));
  const byMonth = monthCounts(data);
  return blocks.map(({ wave, block, unitId }) => monthsBetween(block.from, block.to).flatMap((m) => byMonth.get(monthKey(unitId, wave, m)) ?? []));
}

/** Each stored block's counts, made once: the figures are kept until the next build (release-summaries.server.ts). */
const summedCountsOf = new WeakMap<BlockFigures, JointCount[]>();

/** A stored block's responses per version, as the release rows of its months summed (no groups kept). */
function summedCounts({ wave, block, unitId }: ReleasedBlock, data: ReleaseData, summaries: ReleaseSummaries): JointCount[] {
  const figures = block.n > 0 && unitId !== null ? summaries.figures.get(unitKey(unitId, wave, block.from)) : undefined;
  if (!figures) return [];
  let counts = summedCountsOf.get(figures);
  if (!counts) {
    counts = summaries.versionIds.flatMap((id, i) => {
      const n = figures.versions[i] ?? 0;
      return n > 0 ? [{ values: { version: String(data.versionOf.get(id) ?? 0), clientGroup: "", referral: "", role: "", gender: "" }, n }] : [];
    });
    summedCountsOf.set(figures, counts);
  }
  return counts;
}

/**
 * A pooled period: per unit and wave, only that unit's whole released blocks inside it, so what
 * it adds to any other allowed report is whole blocks of single units (0 or ≥ k each) and a unit
 * with fewer than k answers so far adds nothing. Withheld only when it reaches an open month.
 */
function pooledBlocks(period: Period, waves: Wave[], data: ReleaseData): ReleasedBlock[] | Withheld {
  if (period.to > data.lastClosed) return periodBlocks(period, waves.length === 1 ? waves[0]! : null, { ...data, byUnit: new Map() }) as Withheld;
  const out: ReleasedBlock[] = [];
  for (const [unitId, releases] of data.byUnit)
    for (const w of waves) for (const block of wholeBlocksInside(period, releases[w])) out.push({ wave: w, block, unitId });
  return out;
}

/** The blocks of a release that lie wholly inside a period (empty months included). */
function wholeBlocksInside(period: Period, r: Release): Block[] {
  const out: Block[] = [];
  for (const month of monthsBetween(period.from, period.to)) {
    const b = blockOf(month, r);
    if (b && b.from >= period.from && b.to <= period.to && out.at(-1)?.to !== b.to) out.push(b);
  }
  return out;
}

/** The released blocks of a period, per wave in scope; a Withheld when the period is not released. */
export function periodBlocks(period: Period, wave: Wave | null, data: ReleaseData): ReleasedBlock[] | Withheld {
  const waves = wavesOf(wave);
  if (isPooled(data)) return pooledBlocks(period, waves, data);
  const unitId = data.byUnit.size === 1 ? [...data.byUnit.keys()][0]! : null;
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
  return waves.flatMap((w) => blocksOfPeriod(period, data.byWave[w])!.map((block) => ({ wave: w, block, unitId })));
}

/**
 * What a released report reads (UnitPart): nothing for an install-wide single-unit view (as
 * before units), the whole period of the one unit, or each unit's blocks in a pooled view.
 */
function reportParts(period: Period, blocks: readonly ReleasedBlock[], data: ReleaseData, waves: Wave[]): UnitPart[] | undefined {
  if (!isPooled(data)) {
    const unitId = data.scope ? data.scope.unitIds[0] : undefined;
    return unitId === undefined ? undefined : waves.map((wave) => ({ unitId, wave, from: period.from, to: period.to }));
  }
  const spans = new Map<string, UnitPart>();
  for (const { wave, block, unitId } of blocks) {
    const key = `${unitId}|${wave}`;
    const span = spans.get(key);
    spans.set(key, span ? { ...span, from: span.from < block.from ? span.from : block.from, to: span.to > block.to ? span.to : block.to } : { unitId: unitId!, wave, from: block.from, to: block.to });
  }
  return [...spans.values()];
}

/** Why this report cannot be shown at all (period or filter), or the blocks it is made of. */
export function releaseCheck(q: ReportQuery, data: ReleaseData): ReleasedBlock[] | Withheld {
  const missing = groupDims(q.groups).filter((d) => !data.dims.includes(d));
  // summed rows would check the filter against nobody: never a quiet pass
  if (missing.length) throw new Error(`the releases were loaded without the filter's ${missing.join(", ")}`);
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

/**
 * How many responses a report filtered on versions would count, from the release rows already
 * loaded (no read): null where it would be withheld. For pages that show a count alone (the
 * survey list); equal to the report's `responses` (released-responses.test.ts checks it).
 */
export function releasedResponses(q: ReportQuery, data: ReleaseData): number | null {
  const blocks = releaseCheck(q, data);
  if (!Array.isArray(blocks)) return null;
  const versions = new Set((q.versions ?? []).map(String));
  let n = 0;
  for (const counts of blockCounts(blocks, data)) for (const c of counts) if (versions.size === 0 || versions.has(c.values.version ?? "")) n += c.n;
  return n;
}

/** A released block of a wave; of one unit (null: the install's only blocks, before units). */
export type ReleasedBlock = { wave: Wave; block: Block; unitId: string | null };
export type ReleasedReport = ReportResult & { blocks: ReleasedBlock[]; parts: UnitPart[] | undefined };

/**
 * Each block's responses per language of a report read from release summaries, for its free
 * texts: kept beside the report, never in it (a page must not send per-block counts anywhere).
 */
const blockLanguages = new WeakMap<ReleasedReport, (readonly (readonly [string, number])[])[]>();

/**
 * A report as released: withheld as a whole (period, filter), or with the tables whose base is
 * 1…k-1 in some block's cell hidden as "complementary", and `attributesWithheld` added.
 */
export async function runReleasedReport(
  q: ReportQuery,
  loaded?: Loaded,
  data?: ReleaseData,
  reads?: SharedReads,
): Promise<ReleasedReport | Withheld> {
  loaded ??= await loadSurvey(q.survey);
  const k = minGroupSize(q.minGroupSize);
  if (data && !sameScope(q.unitScope, data.scope)) throw new Error("the releases were loaded for other units than the report's");
  data ??= await loadReleases(loaded, k, undefined, q.unitScope, groupDims(q.groups));
  const blocks = releaseCheck(q, data);
  if (!Array.isArray(blocks)) return blocks;
  const parts = reportParts(q.period, blocks, data, wavesOf(q.wave));
  const choice = choiceOf(q);
  const dims = groupDims(q.groups);
  reads ??= new SharedReads(q, q.period, loaded, data);
  const counts = blockCounts(blocks, data);
  const hiddenTables = new Set<string>();
  const hiddenRespondents = new Set<string>();
  // a pooled report without a group filter: each block's table bases, languages and codes were stored
  // (a unit's own report cut from them too: Compare units): a unit's codes issued are of every
  // month of the period, blocks without answers included, in each wave (a column's cells serve both)
  const ownUnit = data.byUnit.size === 1 ? [...data.byUnit.keys()][0]! : null;
  const codesOf = isPooled(data) ? blocks : WAVES.flatMap((wave) => wholeBlocksInside(q.period, data!.byWave[wave]).map((block) => ({ wave, block, unitId: ownUnit })));
  // the risky tables were kept for the releases' minimum: a report of another one reads live
  const stored = data.summaries && data.k === k ? storedFigures(blocks, codesOf, data.summaries, chosenVersions(loaded, q.versions).map((d) => d.id)) : null;
  const [cells, answered, byLang] = stored
    ? [await reads.cells(q, parts, stored.issued), [], []]
    : await Promise.all([reads.cells(q, parts), reads.answered(q, dims, parts), reads.byLang(q, parts)]);
  const answeredOf = blocks.map((): AnsweredRow[] => []);
  for (const r of answered) answeredOf[blockIndex(blocks, r)]?.push(r);
  // each version's values as a release row has them (no group kept): what a stored base is filed by
  const versionValues = data.summaries?.versionIds.map((id) => ({ version: String(data!.versionOf.get(id) ?? 0), clientGroup: "", referral: "", role: "", gender: "" }));
  blocks.forEach((_, i) => {
    const cellsOf = filterCells(counts[i]!, choice, k);
    if ("withheld" in cellsOf) throw new Error("a released filter was withheld in one of its blocks");
    if (stored) for (const key of storedTablesWithSmallCell(stored.figures[i], versionValues!.map(cellsOf.cellOf), k)) hiddenTables.add(key);
    else for (const key of tablesWithSmallCell(answeredOf[i]!, cellsOf.cellOf, k, data!)) hiddenTables.add(key);
  });
  const result = reportFromCells(q, cells, loaded, hiddenTables);
  // a question asked in only some of the chosen versions counts those versions' respondents:
  // a filter on versions of its own, shown only where that filter could be (decided once per
  // wave and set of versions: questions added in one version share it)
  const chosen = q.versions?.length ? q.versions.map(String) : loaded.definitions.map((d) => String(d.def.version));
  const waveCounts = new Map(wavesOf(q.wave).map((w) => [w, counts.filter((_, i) => blocks[i]!.wave === w)]));
  const versionsWithheld = new Map<string, boolean>();
  for (const m of result.questions) {
    for (const w of wavesOf(q.wave)) {
      const asked = m.askedIn.filter((a) => a.wave === w).map((a) => String(a.version));
      if (chosen.every((v) => asked.includes(v))) continue;
      const versions = asked.filter((v) => chosen.includes(v));
      const key = `${w}|${[...new Set(versions)].sort().join()}`;
      if (!versionsWithheld.has(key)) versionsWithheld.set(key, filterWithheld(waveCounts.get(w)!, { ...choice, version: new Set(versions) }, k) !== null);
      if (versionsWithheld.get(key)) hiddenRespondents.add(m.key);
    }
  }
  for (const t of result.report.questions) if (hiddenRespondents.has(t.key)) t.respondents = null;
  result.report.attributesWithheld = stored ? withheldOfBlocks(stored.withheld, k) : attributesWithheld(byLang, blocks, k);
  const released = { ...result, blocks, parts };
  if (stored) blockLanguages.set(released, stored.figures.map((f) => f?.langs ?? []));
  return released;
}

/**
 * The tables (question|row) whose base holds 1…k-1 in some cell of one block, from the block's
 * table bases: what runReleasedReport hides.
 */
function tablesWithSmallCell(
  answered: readonly AnsweredRow[],
  cellOf: (values: Readonly<Record<string, string>>) => string,
  k: number,
  data: Pick<ReleaseData, "versionOf">,
): string[] {
  const byTable = new Map<string, JointCount[]>();
  for (const r of answered) {
    const key = `${r.questionKey}|${r.rowKey}`;
    const rows = byTable.get(key) ?? [];
    rows.push({ values: jointValues(r, data), n: r.n });
    byTable.set(key, rows);
  }
  return [...byTable].filter(([, rows]) => hasSmallCell(rows, cellOf, k)).map(([key]) => key);
}

/**
 * The stored figures of a pooled report's blocks, and of the chosen versions each block's
 * responses with an attribute withheld and the codes issued in its months per version and wave
 * (a month before a unit's first block is a block of its own, with codes but no answers).
 */
function storedFigures(
  blocks: readonly ReleasedBlock[],
  codesOf: readonly ReleasedBlock[],
  summaries: ReleaseSummaries,
  chosen: readonly string[],
): { withheld: number[]; issued: IssuedRow[]; figures: (BlockFigures | undefined)[] } {
  const issued = new Map<string, IssuedRow>();
  const chosenAt = summaries.versionIds.flatMap((id, i) => (chosen.includes(id) ? [i] : []));
  const figuresOf = ({ wave, block, unitId }: ReleasedBlock) => (unitId === null ? undefined : summaries.figures.get(unitKey(unitId, wave, block.from)));
  const figures = blocks.map(figuresOf);
  for (const b of codesOf) {
    const codes = figuresOf(b);
    for (const i of chosenAt) {
      const n = codes?.issued[i] ?? 0;
      if (n === 0) continue;
      const surveyVersionId = summaries.versionIds[i]!;
      const key = `${surveyVersionId}|${b.wave}`;
      const row = issued.get(key) ?? { surveyVersionId, wave: b.wave, month: "", clientGroup: "", referral: "", issued: 0 };
      row.issued += n;
      issued.set(key, row);
    }
  }
  const withheld = figures.map((f) => chosenAt.reduce((sum, i) => sum + (f?.withheld[i] ?? 0), 0));
  return { withheld, issued: [...issued.values()], figures };
}

/**
 * tablesWithSmallCell on a stored block: its risky tables' bases summed by the cell each
 * version falls in (`cellOfVersion`); every other table holds 0 or ≥ k in every version.
 */
function storedTablesWithSmallCell(figures: BlockFigures | undefined, cellOfVersion: readonly string[], k: number): string[] {
  const out: string[] = [];
  for (const [table, bases] of figures?.risky ?? []) {
    const sums = new Map<string, number>();
    bases.forEach((n, i) => {
      if (n > 0) sums.set(cellOfVersion[i]!, (sums.get(cellOfVersion[i]!) ?? 0) + n);
    });
    for (const n of sums.values())
      if (n < k) {
        out.push(table);
        break;
      }
  }
  return out;
}

/** Each block's months, indexed once per list of blocks: rows × blocks lookups took seconds for 300 units. */
const blockIndexes = new WeakMap<readonly ReleasedBlock[], Map<string, number>>();

/** Index of the block (in `blocks`) a month of a unit's wave belongs to; -1 when none (blocks never overlap). */
function blockIndex(blocks: readonly ReleasedBlock[], r: { unitId: string; wave: string; month: string }): number {
  let index = blockIndexes.get(blocks);
  if (!index) {
    index = new Map();
    for (const [i, b] of blocks.entries())
      for (const m of monthsBetween(b.block.from, b.block.to)) if (!index.has(monthKey(b.unitId, b.wave, m))) index.set(monthKey(b.unitId, b.wave, m), i);
    blockIndexes.set(blocks, index);
  }
  const own = index.get(monthKey(r.unitId, r.wave, r.month)) ?? -1;
  const any = index.get(monthKey(null, r.wave, r.month)) ?? -1;
  return own < 0 || any < 0 ? Math.max(own, any) : Math.min(own, any);
}

/**
 * Responses with an attribute stored as "withheld": summed when every block holds 0 or ≥ k of
 * them, null ("some, fewer than k in a block") otherwise — the count is about a small group too.
 */
function attributesWithheld(
  byLang: { unitId: string; month: string; wave: string; withheld: number }[],
  blocks: readonly ReleasedBlock[],
  k: number,
): number | null {
  const per = new Map<number, number>();
  for (const r of byLang) {
    const i = blockIndex(blocks, r);
    per.set(i, (per.get(i) ?? 0) + r.withheld);
  }
  return withheldOfBlocks([...per.values()], k);
}

/** Responses with an attribute withheld, from each block's count: null when a block holds 1…k-1. */
function withheldOfBlocks(perBlock: readonly number[], k: number): number | null {
  return perBlock.some((n) => n > 0 && n < k) ? null : perBlock.reduce((s, n) => s + n, 0);
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
  reads?: SharedReads,
): Promise<ReleasedTexts | null> {
  if (Object.keys(choiceOf(q)).length > 0) return null;
  const k = minGroupSize(q.minGroupSize);
  const f = { ...responseFilter(q, chosenVersions(loaded, q.versions)), parts: released.parts };
  const stored = blockLanguages.get(released);
  const [groups, byLang] = await Promise.all([countFreeTexts(f, questionKey), stored ? [] : (reads ?? new SharedReads(q, q.period, loaded)).byLang(q, released.parts)]);
  const byBlockLang = new Map<string, number>();
  stored?.forEach((langs, i) => {
    for (const [lang, n] of langs) byBlockLang.set(`${i}|${lang}`, n);
  });
  for (const r of byLang) {
    const id = `${blockIndex(released.blocks, r)}|${r.lang}`;
    byBlockLang.set(id, (byBlockLang.get(id) ?? 0) + r.n);
  }
  const inBlocks = (t: { lang: string; unitId: string; month: string; wave: string }) => ({ lang: t.lang, block: blockIndex(released.blocks, t) });
  // how many could be shown and how many are withheld, by the rule each text is shown by
  let showable = 0;
  let withheld = 0;
  for (const g of groups) {
    if (isReleasableText(inBlocks(g), byBlockLang, k)) showable += g.n;
    else withheld += g.n;
  }
  if (showable === 0) return { shown: [], withheld };
  // each text read is judged again by the same rule: the counts only decide how much to read
  const judged = (texts: Awaited<ReturnType<typeof freeTextsForRelease>>) =>
    releasableTexts(texts.map((t) => ({ ...inBlocks(t), text: t.text })), byBlockLang, k);
  // a long period reads a random part of its texts, about twice what it shows, picked in the index
  const share = (2 * FREE_TEXT_SAMPLE) / showable;
  let out = judged(share < 1 ? await sampleFreeTexts(f, questionKey, share) : await freeTextsForRelease(f, questionKey));
  if (share < 1 && out.shown.length < FREE_TEXT_SAMPLE) out = judged(await freeTextsForRelease(f, questionKey));
  // already shuffled: the first ones are a random sample of a long period's texts
  const shown = out.shown.slice(0, FREE_TEXT_SAMPLE);
  return showable > FREE_TEXT_SAMPLE ? { shown, withheld, of: showable } : { shown, withheld };
}

/**
 * Whether a row of a unit, wave and month is one a report's own query would read: the parts
 * looked up by unit and wave (a pooled report has 600 of them and reads thousands of rows).
 */
function inParts(period: Period, parts: readonly UnitPart[] | undefined): (r: { unitId: string; wave: string; month: string }) => boolean {
  const byUnitWave = new Map<string, UnitPart[]>();
  for (const p of parts ?? []) {
    const list = byUnitWave.get(`${p.unitId}|${p.wave}`);
    if (list) list.push(p);
    else byUnitWave.set(`${p.unitId}|${p.wave}`, [p]);
  }
  return (r) =>
    r.month >= period.from &&
    r.month <= period.to &&
    (!parts || (byUnitWave.get(`${r.unitId}|${r.wave}`)?.some((p) => r.month >= p.from && r.month <= p.to) ?? false));
}

/**
 * The reads of the released reports of one page (the monthly review runs about 32: each wave,
 * six headlines, one per block of the trend), each made once for a span of months that holds
 * every report's period and cut per report in memory exactly as the report's own query selects
 * (months, wave, the unit parts of its released blocks). The counts are the same, so the same
 * disclosure control decides. Only for reports of the same versions, groups and units; a period
 * outside the span, or cells of a pooled scope (cells keep no unit), are read on their own.
 */
export class SharedReads {
  private readonly base: string;
  /** the same without the versions: what table bases, which keep every version, are shared by */
  private readonly anyVersions: string;
  private readonly cellLoads = new Map<string, Promise<ReportCells>>();
  private readonly answeredLoads = new Map<string, Promise<AnsweredRow[]>>();
  private langLoad: Promise<LangRow[]> | undefined;
  private issuedLoad: Promise<(IssuedRow & { unitId: string })[]> | undefined;

  /**
   * `answeredFrom`: another page's reads of the same span, groups and units whose table bases
   * this one takes (they keep every version, so reports of other versions share them: the
   * comparison's columns each read the same five years of every unit otherwise).
   */
  constructor(
    q: Omit<ReportQuery, "period" | "wave">,
    private readonly span: Period,
    private readonly loaded: Loaded,
    private readonly data?: ReleaseData,
    private readonly answeredFrom?: SharedReads,
  ) {
    this.base = SharedReads.baseOf(q);
    this.anyVersions = SharedReads.baseOf(q, false);
    if (answeredFrom && (answeredFrom.span.from !== span.from || answeredFrom.span.to !== span.to || answeredFrom.data !== data))
      throw new Error("table bases can be shared only by reads of the same span and releases");
  }

  private static baseOf(q: Omit<ReportQuery, "period" | "wave">, withVersions = true): string {
    const choice = Object.entries(choiceOf(q)).filter(([d]) => withVersions || d !== "version");
    return JSON.stringify([choice.map(([d, v]) => [d, [...v]]), q.unitScope?.unitIds ?? null, q.minGroupSize ?? null]);
  }

  private covers(q: ReportQuery, withVersions = true): boolean {
    if (SharedReads.baseOf(q, withVersions) !== (withVersions ? this.base : this.anyVersions)) throw new Error("shared reads were made for other versions, groups or units");
    return q.period.from >= this.span.from && q.period.to <= this.span.to;
  }

  /** Every unit of the scope, whole span, each wave: a superset of any report's parts. */
  private spanParts(): UnitPart[] | undefined {
    const units = this.data?.scope?.unitIds;
    return units ? units.flatMap((unitId) => WAVES.map((wave) => ({ unitId, wave, from: this.span.from, to: this.span.to }))) : undefined;
  }

  /**
   * Cells for the report: by month over the span for a report of some questions (headlines,
   * trend), over its own period for every question (a column: both waves from one load).
   */
  async cells(q: ReportQuery, parts: readonly UnitPart[] | undefined, issued?: IssuedRow[]): Promise<ReportCells> {
    const unitIds = new Set(parts?.map((p) => p.unitId));
    // a unit's own scope: its whole period, both waves from one load; a pooled report reads only
    // its parts, even when one unit's blocks are all it has (else the load, shared by wave, would
    // count that unit's codes of a wave it has no block of, or another wave's stored codes)
    const whole = !parts || (!(this.data && isPooled(this.data)) && unitIds.size === 1 && parts.every((p) => p.from === q.period.from && p.to === q.period.to));
    if (!this.covers(q)) return loadReportCells(q, { byMonth: false, parts, issued }, this.loaded);
    // a pooled report's own blocks: its cells alone, its codes issued stored or cut from the page's one read
    if (!whole) return loadReportCells(q, { byMonth: false, parts, issued: issued ?? (this.data?.scope ? await this.issued(q, this.data.scope.unitIds, parts!) : undefined) }, this.loaded);
    const unitParts = (p: Period) => (parts ? WAVES.map((wave) => ({ unitId: parts[0]!.unitId, wave, from: p.from, to: p.to })) : undefined);
    // a report alone (no span of its own) reads as it always did
    const byMonth = q.questionKeys !== undefined && (q.period.from !== this.span.from || q.period.to !== this.span.to);
    const period = byMonth ? this.span : q.period;
    const key = JSON.stringify([byMonth ? null : period, q.questionKeys ?? null, [...unitIds]]);
    let load = this.cellLoads.get(key);
    if (!load) {
      load = loadReportCells({ ...q, period }, { byMonth, parts: unitParts(period), ...(issued && !byMonth && { issued }) }, this.loaded);
      this.cellLoads.set(key, load);
    }
    return load;
  }

  /**
   * Codes issued of the report's parts, summed as countIssuedCells sums them (by version and wave,
   * and the client group and referral the filter keeps), from one read per page of every unit's
   * months of the span: a monthly review of 300 units read CodeCount again for each of its reports.
   */
  private async issued(q: ReportQuery, unitIds: readonly string[], parts: readonly UnitPart[]): Promise<IssuedRow[]> {
    this.issuedLoad ??= countIssuedByUnit({
      versionIds: this.loaded.definitions.map((d) => d.id),
      from: this.span.from,
      to: this.span.to,
      unitIds,
      dims: groupDims(q.groups),
    });
    const versionIds = new Set(chosenVersions(this.loaded, q.versions).map((d) => d.id));
    const read = inParts(q.period, parts);
    const sums = new Map<string, IssuedRow>();
    for (const r of await this.issuedLoad) {
      if (!versionIds.has(r.surveyVersionId) || !read(r)) continue;
      const key = [r.surveyVersionId, r.wave, r.clientGroup, r.referral].join("|");
      const row = sums.get(key) ?? { surveyVersionId: r.surveyVersionId, wave: r.wave, month: "", clientGroup: r.clientGroup, referral: r.referral, issued: 0 };
      row.issued += r.issued;
      sums.set(key, row);
    }
    return [...sums.values()];
  }

  /** Responses that answered each table, per month and unit (countAnsweredCells) of the report. */
  async answered(q: ReportQuery, dims: readonly GroupDim[], parts: readonly UnitPart[] | undefined): Promise<AnsweredRow[]> {
    if (this.answeredFrom) return this.answeredFrom.answered(q, dims, parts);
    const versionIds = this.loaded.definitions.map((d) => d.id);
    if (!this.covers(q, false)) return countAnsweredCells({ versionIds, from: q.period.from, to: q.period.to, dims, parts });
    const key = dims.join();
    let load = this.answeredLoads.get(key);
    if (!load) {
      load = countAnsweredCells({ versionIds, from: this.span.from, to: this.span.to, dims, parts: this.spanParts() });
      this.answeredLoads.set(key, load);
    }
    return (await load).filter(inParts(q.period, parts));
  }

  /** Responses per month, wave, unit and language of the report (countResponsesByLang). */
  async byLang(q: ReportQuery, parts: readonly UnitPart[] | undefined): Promise<LangRow[]> {
    const chosen = chosenVersions(this.loaded, q.versions);
    if (!this.covers(q)) return countResponsesByLang({ ...responseFilter(q, chosen), parts });
    this.langLoad ??= countResponsesByLang({ ...responseFilter({ ...q, period: this.span, wave: null }, chosen), parts: this.spanParts() });
    const waves = wavesOf(q.wave) as string[];
    const read = inParts(q.period, parts);
    return (await this.langLoad).filter((r) => waves.includes(r.wave) && read(r));
  }
}
