/**
 * Release summaries (decision 0034): a pooled report read from each unit's stored blocks must be
 * the report the live reads give — every figure, every hidden table, every withheld period and
 * filter — for random periods, waves and versions, with units that answer every month, units
 * whose months gather into blocks or still wait, a unit with codes and no answers and one with
 * nothing. And the stored rows are never used where they could be wrong: built through another
 * month, for a scope without one of their units, or after `aggregates rebuild`. Runs on both
 * databases (vitest.postgresql.config.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSurvey } from "~/results/aggregate.server";
import { addMonths, monthsBetween } from "~/results/period";
import { buildDimensionLevels, rebuildAnswerCounts } from "~/results/queries.sql.server";
import { loadReleases, releasedFreeTexts, runReleasedReport, unitReleases, type ReleaseData } from "~/results/release.server";
import { buildReleaseSummaries } from "~/results/release-summaries-build.server";
import { WAVES } from "~/survey/definition";
import { compareUnits } from "~/units/compare.server";
import { createUnit, listUnits } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG, versionId, type ResponseSpec } from "../../support/results-fixture";
import { randomAnswers, seeded } from "../../support/random-answers";

const rnd = seeded(20261130);
const LAST_CLOSED = "2026-03";
const MONTHS = monthsBetween("2024-01", "2026-04");
const units = new Map<string, string>();
const int = (n: number) => Math.floor(rnd.next() * n);
type Loaded = Awaited<ReturnType<typeof loadSurvey>>;
let loaded: Loaded;
let scope: { unitIds: string[] };

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-04-20T10:00:00Z"));
  const { seedReferenceSurvey } = await import("~/setup/bootstrap.server");
  await seedReferenceSurvey();
  units.set("default", "default");
  for (const slug of ["dense", "sparse", "codes-only", "empty", "followups"]) units.set(slug, (await createUnit({ slug, name: slug })).id);
  loaded = await loadSurvey(SLUG);
  const specs: ResponseSpec[] = [];
  const respondent = (unit: string, month: string, wave: "closure" | "followup", version = loaded.definitions.at(-1)!.def.version): ResponseSpec => {
    const def = loaded.definitions.find((d) => d.def.version === version)!.def;
    return {
      version: def.version,
      wave,
      month,
      unitId: units.get(unit)!,
      // attributes stored as withheld: every one of the default unit's (each block ≥ k, so counted),
      // now and then the sparse unit's (a block of 1…k-1 makes the count unknown)
      lang: unit === "sparse" && rnd.chance(0.3) ? "withheld" : rnd.pick(["sv", "en", "ar"]),
      clientGroup: unit === "default" ? "withheld" : null,
      answers: randomAnswers(rnd, def, wave),
    };
  };
  // each version 0 or ≥ k in a month of the large units (else a pooled report chosen by version is
  // always withheld), with a table a version's few skips leave at 1…k-1 while the versions together have k
  const versions = loaded.definitions.map((d) => d.def.version);
  const some = (n: number, make: () => ResponseSpec) => Array.from({ length: n }, make);
  for (const month of MONTHS) {
    for (const version of versions.filter(() => rnd.chance(0.6))) specs.push(...some(5 + int(3), () => respondent("default", month, "closure", version)));
    if (rnd.chance(0.5)) specs.push(...some(5 + int(2), () => respondent("default", month, "followup", rnd.pick(versions))));
    for (const version of versions.slice(0, 2)) specs.push(...some(5 + int(3), () => respondent("dense", month, "closure", version)));
    // 0–2 a month: blocks of several months, empty months, months still waiting at the end
    if (month >= "2024-06") for (let i = 0; i < int(3); i++) specs.push(respondent("sparse", month, rnd.chance(0.8) ? "closure" : "followup"));
    if (month >= "2025-03" && rnd.chance(0.6)) for (let i = 0; i < 1 + int(7); i++) specs.push(respondent("followups", month, "followup"));
  }
  await addResponses(specs);
  // codes issued, before any answer too (a unit's months before its first block count them)
  const versionIds = await Promise.all(loaded.definitions.map((d) => versionId(d.def.version)));
  for (const [slug, unitId] of units) {
    if (slug === "empty") continue;
    for (const month of MONTHS.filter(() => rnd.chance(0.5)))
      for (const wave of WAVES)
        await prisma.codeCount.create({
          data: { unitId, surveyVersionId: rnd.pick(versionIds), wave, validMonth: month, opensMonth: month, lang: "sv", issued: 1 + int(20) },
        });
  }
  await buildDimensionLevels(LAST_CLOSED);
  scope = { unitIds: [...units.values()] };
}, 300_000);

afterAll(() => {
  vi.useRealTimers();
});

/** A period as pages ask for them: aligned to blocks or not, reaching the open month sometimes. */
function randomQuery(withVersions: boolean) {
  const from = rnd.pick(MONTHS.filter((m) => m <= LAST_CLOSED));
  const to = rnd.chance(0.1) ? "2026-04" : addMonths(from, int(14));
  const versions = withVersions && rnd.chance(0.5) ? [rnd.pick(loaded.definitions).def.version] : [];
  return { survey: SLUG, period: { from, to: to > "2026-04" ? "2026-04" : to }, wave: rnd.pick([null, "closure", "followup"] as const), versions, groups: {}, unitScope: scope };
}

const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

describe("release summaries", () => {
  let live: ReleaseData;
  let stored: ReleaseData;

  it("are built for the closed months by the levels' job and stand in for the live reads", async () => {
    // loaded before the build: nothing stored yet
    live = await loadReleases(loaded, undefined, undefined, scope, []);
    expect(live.summaries).toBeUndefined();
    expect(await buildReleaseSummaries(LAST_CLOSED)).toBeGreaterThan(0);
    stored = await loadReleases(loaded, undefined, undefined, scope, []);
    expect(stored.summaries).toBeDefined();
    expect(stored.rows).toEqual([]);
    // a second run with nothing new writes nothing
    expect(await buildReleaseSummaries(LAST_CLOSED)).toBe(0);
  });

  it("give the pooled navigation and every unit's blocks as the live release cells do", () => {
    expect(plain(stored.byWave)).toEqual(plain(live.byWave));
    for (const unitId of scope.unitIds) expect(plain(stored.byUnit.get(unitId))).toEqual(plain(live.byUnit.get(unitId)));
    // the sparse unit has months still waiting and blocks of several months: the cases worth storing
    const sparse = live.byUnit.get(units.get("sparse")!)!.closure;
    expect(sparse.blocks.some((b) => b.from !== b.to && b.n > 0)).toBe(true);
  });

  it("give every pooled report the live one's figures, hidden tables and withheld periods", async () => {
    let shown = 0;
    let hidden = 0;
    let withheldCount = 0;
    let withheldUnknown = 0;
    let hiddenInVersion = 0;
    for (let i = 0; i < 80; i++) {
      const q = randomQuery(true);
      const a = await runReleasedReport(q as never, loaded, live);
      const b = await runReleasedReport(q as never, loaded, stored);
      expect(plain(b), JSON.stringify(q)).toEqual(plain(a));
      if ("report" in a) {
        shown++;
        hidden += a.report.questions.filter((t) => t.suppressed).length;
        if (q.versions.length && a.report.questions.some((t) => t.suppressed)) hiddenInVersion++;
        if (a.report.attributesWithheld === null) withheldUnknown++;
        else if ((a.report.attributesWithheld ?? 0) > 0) withheldCount++;
      }
    }
    // the comparison covered reports shown, tables hidden in a block and withheld attributes counted
    expect(shown).toBeGreaterThan(20);
    expect(hidden).toBeGreaterThan(0);
    expect(withheldCount).toBeGreaterThan(0);
    expect(withheldUnknown).toBeGreaterThan(0);
    // a table hidden by one version's base, where the versions together hold k
    expect(hiddenInVersion).toBeGreaterThan(0);
  });

  it("release a pooled report's free texts as the live language counts do", async () => {
    let shown = 0;
    let withheld = 0;
    for (let i = 0; i < 30; i++) {
      const q = randomQuery(false);
      const a = await runReleasedReport(q as never, loaded, live);
      const b = await runReleasedReport(q as never, loaded, stored);
      if (!("report" in a) || !("report" in b)) continue;
      const [ta, tb] = [await releasedFreeTexts(q as never, "comments", a, loaded), await releasedFreeTexts(q as never, "comments", b, loaded)];
      // shuffled on each call: the same texts, the same counts
      expect({ ...tb, shown: [...tb!.shown].sort() }, JSON.stringify(q)).toEqual({ ...ta, shown: [...ta!.shown].sort() });
      shown += ta!.shown.length;
      withheld += ta!.withheld;
    }
    // texts both shown (≥ k in their block's language) and withheld were compared
    expect(shown).toBeGreaterThan(0);
    expect(withheld).toBeGreaterThan(0);
  });

  it("give each unit's own report, cut from the pooled releases, the live one's figures", async () => {
    for (let i = 0; i < 40; i++) {
      const unitId = rnd.pick(scope.unitIds);
      const q = { ...randomQuery(true), unitScope: { unitIds: [unitId] } };
      const a = await runReleasedReport(q as never, loaded, unitReleases(live, unitId));
      const b = await runReleasedReport(q as never, loaded, unitReleases(stored, unitId));
      expect(plain(b), JSON.stringify(q)).toEqual(plain(a));
    }
  });

  it("give Compare units the columns the live reads give", async () => {
    const orgUnits = await listUnits();
    expect((await loadReleases(loaded, undefined, undefined, { unitIds: orgUnits.map((u) => u.id) }, [])).summaries).toBeDefined();
    for (const [period, wave] of [[{ from: "2025-04", to: "2026-03" }, "closure"], [{ from: "2024-01", to: "2026-03" }, "followup"]] as const) {
      const fromStored = await compareUnits({ survey: SLUG, period, wave }, orgUnits);
      // the build record gone, the same page reads live
      const record = await prisma.releaseSummaryBuild.findFirstOrThrow({ where: { surveyId: loaded.info.id } });
      await prisma.releaseSummaryBuild.delete({ where: { surveyId_minGroupSize: { surveyId: record.surveyId, minGroupSize: record.minGroupSize } } });
      const fromLive = await compareUnits({ survey: SLUG, period, wave }, orgUnits);
      await prisma.releaseSummaryBuild.create({ data: record });
      expect(plain(fromStored)).toEqual(plain(fromLive));
      expect(fromLive.columns.filter((c) => c.report).length).toBeGreaterThan(2);
    }
  });

  it("are not used for a scope without one of their units, another month, minimum or layout", async () => {
    const some = { unitIds: scope.unitIds.filter((u) => u !== units.get("sparse")) };
    expect((await loadReleases(loaded, undefined, undefined, some, [])).summaries).toBeUndefined();
    expect((await loadReleases(loaded, 7, undefined, scope, [])).summaries).toBeUndefined();
    expect((await loadReleases(loaded, undefined, new Date("2026-05-20T10:00:00Z"), scope, [])).summaries).toBeUndefined();
    // a group filter needs the live rows
    expect((await loadReleases(loaded, undefined, undefined, scope, ["referral"])).summaries).toBeUndefined();
    // other published versions (one published since the build): the per-version lists would not line up
    expect((await loadReleases({ ...loaded, definitions: loaded.definitions.slice(0, -1) }, undefined, undefined, scope, [])).summaries).toBeUndefined();
    // the shared blocks cannot be changed by one report for the next
    const shared = (await loadReleases(loaded, undefined, undefined, scope, [])).byUnit.get(units.get("dense")!)!.closure;
    expect(Object.isFrozen(shared.blocks) && Object.isFrozen(shared.blocks[0])).toBe(true);
    // rows of another layout of the JSON (an older server's): neither read nor taken as built
    const record = await prisma.releaseSummaryBuild.findFirstOrThrow({ where: { surveyId: loaded.info.id } });
    const key = { surveyId_minGroupSize: { surveyId: record.surveyId, minGroupSize: record.minGroupSize } };
    await prisma.releaseSummaryBuild.update({ where: key, data: { build: `0:${record.build}` } });
    expect((await loadReleases(loaded, undefined, undefined, scope, [])).summaries).toBeUndefined();
    expect(await buildReleaseSummaries(LAST_CLOSED)).toBeGreaterThan(0);
    expect((await loadReleases(loaded, undefined, undefined, scope, [])).summaries).toBeDefined();
  });

  it("go with `aggregates rebuild`, and a build begun before a rebuild is not stored", async () => {
    await rebuildAnswerCounts();
    expect(await prisma.releaseSummary.count()).toBe(0);
    expect((await loadReleases(loaded, undefined, undefined, scope, [])).summaries).toBeUndefined();
    // the marker the rebuild left changes under a build that read before it
    const find = prisma.releaseSummaryBuild.findUnique.bind(prisma.releaseSummaryBuild);
    let reads = 0;
    // (left in place, passing through: Prisma's model objects do not survive a restored spy)
    vi.spyOn(prisma.releaseSummaryBuild, "findUnique").mockImplementation(((args: Parameters<typeof find>[0]) => {
      reads++;
      // the build's second read is of the marker, before it counts anything: a rebuild then commits
      if (reads === 2) return find(args).then(async (marker) => (await rebuildAnswerCounts(), marker));
      return find(args);
    }) as never);
    expect(await buildReleaseSummaries(LAST_CLOSED)).toBe(0);
    expect(reads).toBe(2);
    expect(await prisma.releaseSummary.count()).toBe(0);
    await buildDimensionLevels(LAST_CLOSED);
    expect(await buildReleaseSummaries(LAST_CLOSED)).toBeGreaterThan(0);
    const again = await loadReleases(loaded, undefined, undefined, scope, []);
    expect(again.summaries).toBeDefined();
    const q = { survey: SLUG, period: { from: "2025-01", to: "2025-12" }, wave: null, versions: [], groups: {}, unitScope: scope };
    expect(plain(await runReleasedReport(q as never, loaded, again))).toEqual(plain(await runReleasedReport(q as never, loaded, live)));
  });

  it("are read again after a new build: a server keeps parsed rows only while the build is the same", async () => {
    const before = await loadReleases(loaded, undefined, undefined, scope, []);
    const dense = units.get("dense")!;
    const n = (data: ReleaseData) => data.byUnit.get(dense)!.closure.blocks.find((b) => b.from === "2025-01")!.n;
    // six more answers in a closed month (as no submit could add them), counted again from scratch
    await addResponses(Array.from({ length: 6 }, () => ({ version: loaded.definitions[0]!.def.version, month: "2025-01", unitId: dense, answers: {} })));
    await rebuildAnswerCounts();
    await buildDimensionLevels(LAST_CLOSED);
    expect(await buildReleaseSummaries(LAST_CLOSED)).toBeGreaterThan(0);
    const after = await loadReleases(loaded, undefined, undefined, scope, []);
    expect(after.summaries).toBeDefined();
    expect(n(after)).toBe(n(before) + 6);
  });

  it("are not used when another build commits while a server reads the rows", async () => {
    const record = await prisma.releaseSummaryBuild.findFirstOrThrow({ where: { surveyId: loaded.info.id } });
    const key = { surveyId_minGroupSize: { surveyId: record.surveyId, minGroupSize: record.minGroupSize } };
    const layout = record.build.split(":")[0];
    // a build this server has not parsed yet: it reads the rows
    await prisma.releaseSummaryBuild.update({ where: key, data: { build: `${layout}:not-parsed-yet` } });
    const find = prisma.releaseSummary.findMany.bind(prisma.releaseSummary);
    let once = true;
    // (left in place, passing through after once: Prisma's model objects do not survive a restored spy)
    vi.spyOn(prisma.releaseSummary, "findMany").mockImplementation(((args: Parameters<typeof find>[0]) =>
      find(args).then(async (rows) => {
        if (once) await prisma.releaseSummaryBuild.update({ where: key, data: { build: `${layout}:committed-meanwhile` } });
        once = false;
        return rows;
      })) as never);
    expect((await loadReleases(loaded, undefined, undefined, scope, [])).summaries).toBeUndefined();
    // the next report reads the new build's rows
    expect((await loadReleases(loaded, undefined, undefined, scope, [])).summaries).toBeDefined();
  });

  it("are not used for an organisation with a unit made since the build, until the job builds again", async () => {
    // the rows know nothing of it: its answers might already be in closed months (a fixture's,
    // tests/e2e/units-apart.spec.ts, were)
    const late = (await createUnit({ slug: "late", name: "late" })).id;
    const everyUnit = { unitIds: [...scope.unitIds, late] };
    expect((await loadReleases(loaded, undefined, undefined, everyUnit, [])).summaries).toBeUndefined();
    expect(await buildReleaseSummaries(LAST_CLOSED)).toBeGreaterThan(0);
    expect((await loadReleases(loaded, undefined, undefined, everyUnit, [])).summaries).toBeDefined();
  });
});
