/**
 * Release summaries (docs/decisions/0034-release-summaries.md): each unit's release blocks of a
 * survey's closed months, stored once by the levels job with what a pooled report without a
 * group filter needs of each block (responses, codes issued and responses with an attribute
 * withheld per version, the tables with 1…k-1 answers in a version, responses per language).
 * A 300-unit organisation's report then reads about 600 rows instead of every unit's release
 * cells, table bases, languages and codes.
 * Used only when the rows were built through the report's last closed month, for the same
 * published versions and minimum group size, and the pooled scope is the units they were built for.
 */
import { WAVES, type Wave } from "~/survey/definition";
import { prisma } from "~/utils/db.server";
import type { UnitScope } from "~/units/scope";
import type { Block, Release } from "./releases";

/**
 * [from, to, n, responses per version, codes issued per version, responses with an attribute
 * withheld per version, tables with 1…k-1 answers in some version and their bases per version
 * (riskyTables), responses per language]
 */
export type StoredBlock = [string, string, number, number[], number[], number[], [string, number[]][], [string, number][]];
/** [from, to, n] of the closed months after the last block, still waiting for answers */
export type StoredWaiting = [string, string, number] | null;
/** [month, codes issued per version] of a month before the first block */
export type StoredLead = [string, number[]];

/** What a block (or a month before the first block) adds to a pooled report without a group filter. */
export type BlockFigures = {
  versions: readonly number[];
  issued: readonly number[];
  withheld: readonly number[];
  risky: readonly (readonly [string, readonly number[]])[];
  langs: readonly (readonly [string, number])[];
};

export type ReleaseSummaries = {
  /** the version ids, in the order of every block's lists */
  versionIds: readonly string[];
  /** by unitKey(unitId, wave, first month): a stored block's figures, or a month's before the first block */
  figures: ReadonlyMap<string, BlockFigures>;
};

export const unitKey = (unitId: string, wave: string, from: string) => `${unitId}|${wave}|${from}`;

/**
 * The layout of the stored JSON, leading every build id: a server of another layout neither reads
 * the rows nor takes them as built (its job builds them again).
 */
export const SUMMARY_LAYOUT = "1";

/** Whether a build record's rows are of this server's layout. */
export const ofThisLayout = (build: string) => build.startsWith(`${SUMMARY_LAYOUT}:`);

/** The marker `aggregates rebuild` leaves (surveyId ""): a build that began before it is not stored. */
export const REBUILD_MARKER = { surveyId: "", minGroupSize: 0 } as const;

const emptyRelease = (lastClosed: string): Release => Object.freeze({ blocks: Object.freeze([]) as unknown as Block[], waiting: null, lastClosed });

/** Stored rows parsed once per build: the rows change only with the build record's `build`. */
type Parsed = { build: string; releases: Map<string, Release>; figures: ReadonlyMap<string, BlockFigures> };
const parsedBuilds = new Map<string, Parsed>();

async function parsed(surveyId: string, k: number, build: string, lastClosed: string): Promise<Parsed | null> {
  const cacheKey = `${surveyId}|${k}`;
  const cached = parsedBuilds.get(cacheKey);
  if (cached?.build === build) return cached;
  const rows = await prisma.releaseSummary.findMany({ where: { surveyId, minGroupSize: k } });
  // a build committed between the record's read and the rows' (build ids never repeat): not these rows
  const after = await prisma.releaseSummaryBuild.findUnique({ where: { surveyId_minGroupSize: { surveyId, minGroupSize: k } } });
  if (after?.build !== build) return null;
  const releases = new Map<string, Release>();
  const figures = new Map<string, BlockFigures>();
  for (const r of rows) {
    const stored = JSON.parse(r.blocks) as StoredBlock[];
    const waiting = JSON.parse(r.waiting) as StoredWaiting;
    // shared by every report until the next build: frozen, so none can change another's blocks
    const blocks = Object.freeze(stored.map(([from, to, n]) => Object.freeze({ from, to, n }))) as unknown as Block[];
    releases.set(`${r.unitId}|${r.wave}`, Object.freeze({ blocks, waiting: waiting && Object.freeze({ from: waiting[0], to: waiting[1], n: waiting[2] }), lastClosed }));
    if (r.unitId === "") continue;
    for (const [from, , , versions, issued, withheld, risky, langs] of stored) figures.set(unitKey(r.unitId, r.wave, from), { versions, issued, withheld, risky, langs });
    for (const [month, issued] of JSON.parse(r.lead) as StoredLead[]) figures.set(unitKey(r.unitId, r.wave, month), { versions: [], issued, withheld: [], risky: [], langs: [] });
  }
  const out = { build, releases, figures };
  parsedBuilds.set(cacheKey, out);
  return out;
}

/**
 * A pooled scope's releases from the summaries: every unit's blocks per wave, the blocks of their
 * months summed (navigation) and each block's figures. Null when they cannot stand in for the
 * live reads (not built through `lastClosed`, other versions or minimum, a scope of other units
 * than the organisation's when they were built).
 */
export async function loadReleaseSummaries(
  surveyId: string,
  versionIds: readonly string[],
  k: number,
  lastClosed: string,
  scope: UnitScope,
): Promise<{ byWave: Record<Wave, Release>; byUnit: Map<string, Record<Wave, Release>>; summaries: ReleaseSummaries } | null> {
  const build = await prisma.releaseSummaryBuild.findUnique({ where: { surveyId_minGroupSize: { surveyId, minGroupSize: k } } });
  if (!build || !ofThisLayout(build.build) || build.through !== lastClosed || build.versionIds !== JSON.stringify(versionIds)) return null;
  // the units the build went through, exactly: the summed months hold each of them, and a unit
  // made since (maybe with answers by now) has no rows
  if (JSON.stringify([...scope.unitIds].sort()) !== build.unitIds) return null;
  const rows = await parsed(surveyId, k, build.build, lastClosed);
  if (!rows) return null;
  const { releases, figures } = rows;
  const releasesOf = (unitId: string) => Object.fromEntries(WAVES.map((w) => [w, releases.get(`${unitId}|${w}`) ?? emptyRelease(lastClosed)])) as Record<Wave, Release>;
  return {
    byWave: releasesOf(""),
    byUnit: new Map(scope.unitIds.map((u) => [u, releasesOf(u)])),
    summaries: { versionIds, figures },
  };
}
