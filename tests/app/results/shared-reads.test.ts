/**
 * The monthly review reads its counts once for all its reports (SharedReads, decision 0028) and
 * cuts them per report in memory. An attacker gains from that only if a cut differs from what the
 * report reads alone: a block of another unit, a month outside the period, another wave, another
 * filter. So every report of a review (columns, free texts, headlines, trend) must equal the same
 * report run on its own, for one unit, a pooled scope with a unit too small to release, and every
 * unit; and shared reads made for one scope or filter must refuse to serve another.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { WAVES } from "~/survey/definition";
import { loadSurvey } from "~/results/aggregate.server";
import { isWithheld, loadReleases, releasedFreeTexts, runReleasedReport, SharedReads } from "~/results/release.server";
import { loadReview } from "~/results/review.server";
import { buildDimensionLevels, countIssuedCells } from "~/results/queries.sql.server";
import { createUnit } from "~/units/units.server";
import type { UnitScope } from "~/units/scope";
import { addResponses, versionId, type ResponseSpec } from "../../support/results-fixture";
import { monthsBetween } from "~/results/period";
import { prisma } from "~/utils/db.server";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";

const unitIds = new Map<string, string>();
const scopes: Record<string, UnitScope | undefined> = {};

function person(unit: string, month: string, i: number, wave: "closure" | "followup" = "closure"): ResponseSpec {
  return {
    slug: ATTACK_SLUG,
    unitId: unitIds.get(unit)!,
    version: 3,
    wave,
    month,
    lang: i % 3 === 0 ? "ar" : "sv",
    referral: i % 2 ? "police" : "self",
    answers: { helped: i % 4 ? "yes" : "no", comments: { text: `${unit} ${month} ${wave} ${i}` } },
  };
}
const many = (n: number, unit: string, month: string, wave?: "closure" | "followup") => Array.from({ length: n }, (_, i) => person(unit, month, i, wave));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
  await importAttackSurvey();
  for (const slug of ["north", "south", "east"]) unitIds.set(slug, (await createUnit({ slug, name: slug })).id);
  await addResponses([
    // north: a block most months, both waves; south: months that only release together
    ...["2025-07", "2025-09", "2025-12", "2026-01", "2026-03", "2026-04", "2026-05"].flatMap((m) => many(7, "north", m)),
    ...many(6, "north", "2026-02", "followup"),
    ...many(8, "north", "2026-05", "followup"),
    ...["2025-11", "2026-01", "2026-02", "2026-04"].flatMap((m) => many(3, "south", m)),
    // north, August: six respondents, two of them answer "helped" (its table is hidden for the block)
    ...many(6, "north", "2025-08").map((r, i) => ({ ...r, answers: i < 2 ? r.answers : { comments: { text: `north 2025-08 ${i}` } } })),
    // east: two respondents, never released
    ...many(2, "east", "2026-03"),
    // the open month: never in any report
    ...many(9, "north", "2026-06"),
  ]);
  // levels for part of the range: reports straddle the derived levels and level 1
  await buildDimensionLevels("2026-02");
  scopes.north = { unitIds: [unitIds.get("north")!] };
  scopes.pooled = { unitIds: [...unitIds.values()] };
  scopes.all = undefined;
});

afterAll(() => {
  vi.useRealTimers();
});

/** A review's reports, each run again on its own (no shared reads). */
async function eachAlone(review: NonNullable<Awaited<ReturnType<typeof loadReview>>>, unitScope: UnitScope | undefined, referral?: string) {
  const loaded = await loadSurvey(ATTACK_SLUG);
  const releases = await loadReleases(loaded, undefined, undefined, unitScope);
  const base = { survey: ATTACK_SLUG, versions: [], groups: { referral }, unitScope };
  const questionKeys = loaded.info.indicators.map((i) => i.question);
  for (const column of review.columns) {
    const q = { ...base, period: review.period, wave: column.wave };
    const alone = await runReleasedReport(q, loaded, releases);
    if (isWithheld(alone)) throw new Error("a shown column is withheld alone");
    expect(column.report).toEqual(alone.report);
    for (const [key, texts] of Object.entries(column.texts)) {
      const aloneTexts = column.report.groupSuppressed ? null : await releasedFreeTexts(q, key, alone, loaded);
      // shuffled: the same texts and counts, in any order
      expect(texts && { ...texts, shown: [...texts.shown].sort() }).toEqual(aloneTexts && { ...aloneTexts, shown: [...aloneTexts.shown].sort() });
    }
  }
  for (const h of review.headlines) {
    const alone = await runReleasedReport({ ...base, period: h.period, wave: h.wave, questionKeys }, loaded, releases);
    expect(isWithheld(alone) ? null : alone.report).toEqual(h.report);
  }
  for (const s of review.series)
    for (const p of s.points.filter((x) => !x.imported)) {
      const alone = await runReleasedReport({ ...base, period: { from: p.month, to: p.to }, wave: s.wave, questionKeys }, loaded, releases);
      const i = isWithheld(alone) ? undefined : alone.report.indicators.find((x) => x.key === s.indicator);
      expect({ n: p.n, value: p.value, suppressed: p.suppressed }).toEqual({ n: i?.n ?? null, value: i?.value ?? null, suppressed: !i || i.suppressed });
    }
  return review.columns.length + review.headlines.length;
}

describe("a review read once equals each of its reports read alone", () => {
  for (const scope of ["north", "pooled", "all"])
    for (const referral of [undefined, "police"])
      for (const [label, extra] of [
        ["month", { month: "2026-04", scope: "month" as const }],
        ["year", { month: "2026-05", scope: "year" as const }],
        ["range", { month: "2026-05", scope: "range" as const, from: "2025-07", to: "2026-05" }],
        ["default period", { scope: "month" as const }],
      ] as const)
      it(`${scope}, ${label}${referral ? `, referral ${referral}` : ""}`, async () => {
        const review = await loadReview({ survey: ATTACK_SLUG, version: [], referral, ...extra }, scopes[scope]);
        expect(review).not.toBeNull();
        const compared = await eachAlone(review!, scopes[scope], referral);
        // the comparison compared something: a released column or headline
        if (!referral && scope !== "all") expect(compared).toBeGreaterThan(0);
      });
});

describe("a pooled report's codes issued, cut from the page's one read", () => {
  it("equal the codes issued of its own parts, read alone, for every period and wave of a review", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const surveyVersionId = await versionId(3, ATTACK_SLUG);
    // codes handed out by every unit in every month of the data, both waves
    for (const [i, unit] of ["north", "south", "east"].entries())
      for (const [m, validMonth] of monthsBetween("2025-06", "2026-06").entries())
        for (const wave of WAVES)
          await prisma.codeCount.create({
            data: { unitId: unitIds.get(unit)!, surveyVersionId, wave, validMonth, opensMonth: validMonth, clientGroup: "", referral: "", issued: 5 + i + m, answered: 0, expired: 0 },
          });
    const releases = await loadReleases(loaded, undefined, undefined, scopes.pooled);
    const versionIds = loaded.definitions.map((d) => d.id);
    let compared = 0;
    for (const period of [{ from: "2025-07", to: "2026-05" }, { from: "2026-01", to: "2026-05" }, { from: "2025-12", to: "2026-04" }])
      for (const wave of [null, ...WAVES]) {
        const released = await runReleasedReport({ survey: ATTACK_SLUG, period, wave, versions: [], groups: {}, unitScope: scopes.pooled }, loaded, releases);
        if (isWithheld(released)) continue;
        const own = await countIssuedCells({ versionIds, from: period.from, to: period.to, byMonth: false, dims: [], parts: released.parts });
        expect(released.report.issued).toBe(own.filter((r) => wave === null || r.wave === wave).reduce((n, r) => n + r.issued, 0));
        if (released.report.issued) compared++;
      }
    expect(compared).toBeGreaterThan(2);
  });
});

describe("shared reads serve only the scope and filter they were made for", () => {
  it("refuses a report of another unit, pooled scope or filter", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const releases = await loadReleases(loaded, undefined, undefined, scopes.north);
    const period = { from: "2026-01", to: "2026-05" };
    const reads = new SharedReads({ survey: ATTACK_SLUG, versions: [], groups: {}, unitScope: scopes.north }, period, loaded, releases);
    const q = { survey: ATTACK_SLUG, period, wave: WAVES[0], versions: [], groups: {} };
    await expect(reads.byLang({ ...q, unitScope: { unitIds: [unitIds.get("south")!] } }, undefined)).rejects.toThrow(/other/);
    await expect(reads.byLang({ ...q, unitScope: scopes.pooled }, undefined)).rejects.toThrow(/other/);
    await expect(reads.byLang({ ...q, unitScope: scopes.north, groups: { referral: "police" } }, undefined)).rejects.toThrow(/other/);
    await expect(reads.byLang({ ...q, unitScope: scopes.north, versions: [3] }, undefined)).rejects.toThrow(/other/);
    await expect(reads.answered({ ...q, unitScope: scopes.north, groups: { referral: "police" } }, ["referral"], undefined)).rejects.toThrow(/other/);
    // the scope it was made for is served; table bases keep every version, so for any versions
    await expect(reads.byLang({ ...q, unitScope: scopes.north }, undefined)).resolves.toBeInstanceOf(Array);
    expect(await reads.answered({ ...q, unitScope: scopes.north, versions: [3] }, [], undefined)).toEqual(await reads.answered({ ...q, unitScope: scopes.north }, [], undefined));
  });

  it("lend their table bases to a report of other versions, which then equals the report read alone (the comparison's columns)", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const releases = await loadReleases(loaded, undefined, undefined, scopes.pooled);
    const period = { from: "2025-07", to: "2026-05" };
    const base = { survey: ATTACK_SLUG, groups: {}, unitScope: scopes.pooled };
    const all = new SharedReads({ ...base, versions: [] }, period, loaded, releases);
    let shown = 0;
    for (const wave of WAVES)
      for (const versions of [[], [3]]) {
        const q = { ...base, period, wave, versions };
        const lent = await runReleasedReport(q, loaded, releases, new SharedReads(q, period, loaded, releases, all));
        const alone = await runReleasedReport(q, loaded, releases);
        expect(isWithheld(lent) ? lent : lent.report).toEqual(isWithheld(alone) ? alone : alone.report);
        if (!isWithheld(alone) && alone.report.questions.some((t) => t.reason === "complementary")) shown++;
      }
    // what was compared: reports with a table hidden by its base in a block
    expect(shown).toBeGreaterThan(0);
    // only reads of the same span and releases may lend them
    expect(() => new SharedReads({ ...base, versions: [3] }, { from: "2026-01", to: "2026-05" }, loaded, releases, all)).toThrow(/same span/);
  });
});
