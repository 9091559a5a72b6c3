/**
 * Builds the release summaries (release-summaries.server.ts, decision 0034) for closed months:
 * each unit's blocks as its own released reports cut them, with each block's figures counted
 * by the same reads and checks a live report makes. Run by the levels job after the levels;
 * rebuilt whole when the last closed month or the published versions change.
 */
import { randomUUID } from "node:crypto";
import { WAVES } from "~/survey/definition";
import { prisma } from "~/utils/db.server";
import { loadSurvey, minGroupSize, responseFilter } from "./aggregate.server";
import { addMonths, monthsBetween } from "./period";
import { countAnsweredCells, countIssuedByUnit, countResponsesByLang, lockLevels, type AnsweredRow, type LangRow, type ReleaseRow } from "./queries.sql.server";
import { loadReleases } from "./release.server";
import { ofThisLayout, REBUILD_MARKER, SUMMARY_LAYOUT, type StoredBlock, type StoredLead, type StoredWaiting } from "./release-summaries.server";
import { blockOf, releaseBlocks } from "./releases";

type Loaded = Awaited<ReturnType<typeof loadSurvey>>;

/** Rows in lists by a key of theirs. */
function groupBy<T>(rows: readonly T[], keyOf: (r: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const r of rows) {
    const key = keyOf(r);
    const list = out.get(key);
    if (list) list.push(r);
    else out.set(key, [r]);
  }
  return out;
}

/** Rows of one unit per wave and month. */
const byMonth = <T extends { wave: string; month: string }>(rows: readonly T[]) => groupBy(rows, (r) => `${r.wave}|${r.month}`);

/** Sums a value per version id over some rows, in the order of `versionIds`. */
function perVersion<T extends { surveyVersionId: string }>(rows: readonly T[], versionIds: readonly string[], value: (r: T) => number): number[] {
  const sums = versionIds.map(() => 0);
  for (const r of rows) {
    const i = versionIds.indexOf(r.surveyVersionId);
    if (i >= 0) sums[i]! += value(r);
  }
  return sums;
}

/**
 * The tables of a block whose base in some version holds 1…k-1, with every version's base: any
 * other table holds 0 or ≥ k in every version, so no choice of versions can leave it 1…k-1.
 */
function riskyTables(answered: readonly AnsweredRow[], versionIds: readonly string[], k: number): [string, number[]][] {
  const out: [string, number[]][] = [];
  for (const [key, rows] of groupBy(answered, (r) => `${r.questionKey}|${r.rowKey}`)) {
    const bases = perVersion(rows, versionIds, (r) => r.n);
    if (bases.some((n) => n > 0 && n < k)) out.push([key, bases]);
  }
  return out.sort((a, b) => a[0].localeCompare(b[0]));
}

/** Responses per language answered in, of every version: what a block's free texts are released by. */
function languages(rows: readonly LangRow[]): [string, number][] {
  const sums = new Map<string, number>();
  for (const r of rows) sums.set(r.lang, (sums.get(r.lang) ?? 0) + r.n);
  return [...sums].sort((a, b) => a[0].localeCompare(b[0]));
}

/**
 * Builds every survey's summaries through `through` (the last month the levels job may derive)
 * for the install's minimum group size, where they are missing or older. Returns the rows written.
 */
export async function buildReleaseSummaries(through: string, k = minGroupSize()): Promise<number> {
  let written = 0;
  for (const { slug } of await prisma.survey.findMany({ select: { slug: true }, orderBy: { slug: "asc" } }))
    written += await buildSurveySummaries(await loadSurvey(slug), through, k);
  return written;
}

async function buildSurveySummaries(loaded: Loaded, through: string, k: number): Promise<number> {
  const surveyId = loaded.info.id;
  const versionIds = loaded.definitions.map((d) => d.id);
  const versionKey = JSON.stringify(versionIds);
  const key = { surveyId_minGroupSize: { surveyId, minGroupSize: k } };
  // the units of the survey's organisation: the only ones its pages pool (an install of several
  // organisations would otherwise read every organisation's units for every survey); a unit made
  // since the last build is not in it, so its pooled pages read live until the job builds again
  const { organisationId } = await prisma.survey.findUniqueOrThrow({ where: { id: surveyId }, select: { organisationId: true } });
  // sorted here, as a report's scope is (a database's collation may order ids otherwise)
  const unitIds = (await prisma.unit.findMany({ where: { organisationId }, select: { id: true } })).map((u) => u.id).sort();
  const unitsKey = JSON.stringify(unitIds);
  const built = await prisma.releaseSummaryBuild.findUnique({ where: key });
  if (built && ofThisLayout(built.build) && built.through === through && built.versionIds === versionKey && built.unitIds === unitsKey) return 0;
  const marker = (await prisma.releaseSummaryBuild.findUnique({ where: { surveyId_minGroupSize: REBUILD_MARKER } }))?.build ?? null;
  // a date in the month after `through`: the releases then end with it, as a report's do that month
  const now = new Date(`${addMonths(through, 1)}-15T12:00:00Z`);
  const wholeHistory = { survey: loaded.info.slug, period: { from: "", to: through }, wave: null, versions: [], groups: {} };
  const rows: { surveyId: string; minGroupSize: number; unitId: string; wave: string; blocks: string; waiting: string; lead: string }[] = [];
  const everyUnit: ReleaseRow[] = [];
  for (const unitId of unitIds) {
    const data = await loadReleases(loaded, k, now, { unitIds: [unitId] }, []);
    if (data.lastClosed !== through) throw new Error(`the releases end with ${data.lastClosed}, not ${through}`);
    const parts = WAVES.map((wave) => ({ unitId, wave, from: "", to: through }));
    const history = { ...responseFilter(wholeHistory, loaded.definitions), parts };
    const [answered, withheldByVersion, issued] = await Promise.all([
      countAnsweredCells({ versionIds, from: "", to: through, dims: [], parts }),
      // the language counts keep no version: each version's on its own (every version's are their sum)
      Promise.all(versionIds.map((id) => countResponsesByLang({ ...history, versionIds: [id] }))),
      countIssuedByUnit({ versionIds, from: "", to: through, unitIds: [unitId], dims: [] }),
    ]);
    const byLang = withheldByVersion.flat();
    everyUnit.push(...data.rows);
    const [answeredBy, langBy, issuedBy, responsesBy] = [byMonth(answered), byMonth(byLang), byMonth(issued), byMonth(data.rows)];
    const withheldBy = withheldByVersion.map((rows) => byMonth(rows));
    const inMonths = <T>(index: Map<string, T[]>, wave: string, from: string, to: string) => monthsBetween(from, to).flatMap((m) => index.get(`${wave}|${m}`) ?? []);
    for (const wave of WAVES) {
      const release = data.byWave[wave];
      const blocks: StoredBlock[] = release.blocks.map(({ from, to, n }) => [
        from,
        to,
        n,
        perVersion(inMonths(responsesBy, wave, from, to), versionIds, (r) => r.n),
        perVersion(inMonths(issuedBy, wave, from, to), versionIds, (r) => r.issued),
        withheldBy.map((index) => inMonths(index, wave, from, to).reduce((sum, r) => sum + r.withheld, 0)),
        riskyTables(inMonths(answeredBy, wave, from, to), versionIds, k),
        languages(inMonths(langBy, wave, from, to)),
      ]);
      const waiting: StoredWaiting = release.waiting && [release.waiting.from, release.waiting.to, release.waiting.n];
      // months a report reads as blocks of their own without answers: before the first block (or any)
      const lead: StoredLead[] = [];
      for (const month of new Set(issued.filter((r) => r.wave === wave && r.month <= through).map((r) => r.month))) {
        const block = blockOf(month, release);
        if (block && !release.blocks.includes(block)) lead.push([month, perVersion(issuedBy.get(`${wave}|${month}`) ?? [], versionIds, (r) => r.issued)]);
      }
      if (blocks.length === 0 && !waiting && lead.length === 0) continue;
      rows.push({ surveyId, minGroupSize: k, unitId, wave, blocks: JSON.stringify(blocks), waiting: JSON.stringify(waiting), lead: JSON.stringify(lead.sort()) });
    }
  }
  for (const wave of WAVES) {
    const pooled = releaseBlocks(everyUnit.filter((r) => r.wave === wave), k, through);
    const blocks: StoredBlock[] = pooled.blocks.map(({ from, to, n }) => [from, to, n, [], [], [], [], []]);
    const waiting: StoredWaiting = pooled.waiting && [pooled.waiting.from, pooled.waiting.to, pooled.waiting.n];
    rows.push({ surveyId, minGroupSize: k, unitId: "", wave, blocks: JSON.stringify(blocks), waiting: JSON.stringify(waiting), lead: "[]" });
  }
  return prisma.$transaction(
    async (tx) => {
      await lockLevels(tx);
      // `aggregates rebuild` recounted since this build began: what it read may be gone
      if (((await tx.releaseSummaryBuild.findUnique({ where: { surveyId_minGroupSize: REBUILD_MARKER } }))?.build ?? null) !== marker) return 0;
      await tx.releaseSummary.deleteMany({ where: { surveyId, minGroupSize: k } });
      for (let i = 0; i < rows.length; i += 500) await tx.releaseSummary.createMany({ data: rows.slice(i, i + 500) });
      const record = { through, versionIds: versionKey, unitIds: unitsKey, build: `${SUMMARY_LAYOUT}:${randomUUID()}` };
      await tx.releaseSummaryBuild.upsert({ where: key, create: { surveyId, minGroupSize: k, ...record }, update: record });
      return rows.length;
    },
    { timeout: 600_000 },
  );
}
