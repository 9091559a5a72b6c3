/**
 * Release summaries on the monthly review page (decision 0034): its reports share their reads
 * (SharedReads), by wave. An organisation where only one unit has whole blocks in the month, the
 * other still waiting in both waves: each wave's column must count that unit's codes of its own
 * wave, read from the summaries or live alike (a load shared by wave once gave the follow-up
 * column the closure codes). Runs on both databases (vitest.postgresql.config.ts).
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSurvey } from "~/results/aggregate.server";
import { monthsBetween } from "~/results/period";
import { buildDimensionLevels } from "~/results/queries.sql.server";
import { loadReleases, runReleasedReport, SharedReads, type ReleaseData } from "~/results/release.server";
import { buildReleaseSummaries } from "~/results/release-summaries-build.server";
import { loadReview, parseReviewParams } from "~/results/review.server";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG, versionId, type ResponseSpec } from "../../support/results-fixture";
import { randomAnswers, seeded } from "../../support/random-answers";

const rnd = seeded(20261129);
const WAVES = ["closure", "followup"] as const;
const ISSUED = { closure: 20, followup: 30 };
let loaded: Awaited<ReturnType<typeof loadSurvey>>;
let scope: { unitIds: string[] };
const plain = (x: unknown) => JSON.parse(JSON.stringify(x));

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-04-20T10:00:00Z"));
  const { seedReferenceSurvey } = await import("~/setup/bootstrap.server");
  await seedReferenceSurvey();
  const thin = (await createUnit({ slug: "thin", name: "Thin" })).id;
  loaded = await loadSurvey(SLUG);
  const def = loaded.definitions.at(-1)!.def;
  const specs: ResponseSpec[] = [];
  for (const month of monthsBetween("2025-10", "2026-03"))
    for (const wave of WAVES) for (let i = 0; i < 6; i++) specs.push({ version: def.version, wave, month, unitId: "default", answers: randomAnswers(rnd, def, wave) });
  // one answer in each wave: still waiting for more
  for (const wave of WAVES) specs.push({ version: def.version, wave, month: "2026-03", unitId: thin, answers: randomAnswers(rnd, def, wave) });
  await addResponses(specs);
  const id = await versionId(def.version);
  for (const wave of WAVES)
    await prisma.codeCount.create({ data: { unitId: "default", surveyVersionId: id, wave, validMonth: "2026-03", opensMonth: "2026-03", lang: "sv", issued: ISSUED[wave] } });
  await buildDimensionLevels("2026-03");
  scope = { unitIds: ["default", thin] };
}, 120_000);

afterAll(() => {
  vi.useRealTimers();
});

describe("the pooled monthly review from release summaries", () => {
  it("counts each wave's own codes in reports that share their reads, stored or live", async () => {
    const live = await loadReleases(loaded, undefined, undefined, scope, []);
    expect(await buildReleaseSummaries("2026-03")).toBeGreaterThan(0);
    const stored = await loadReleases(loaded, undefined, undefined, scope, []);
    expect(stored.summaries).toBeDefined();
    const base = { survey: SLUG, versions: [], groups: {}, unitScope: scope };
    const period = { from: "2026-03", to: "2026-03" };
    const run = async (data: ReleaseData) => {
      const reads = new SharedReads(base, period, loaded, data);
      const out: unknown[] = [];
      for (const wave of WAVES) out.push(plain(await runReleasedReport({ ...base, period, wave }, loaded, data, reads)));
      return out as { report: { issued: number | null } }[];
    };
    const [fromLive, fromStored] = [await run(live), await run(stored)];
    expect(fromStored).toEqual(fromLive);
    expect(fromLive.map((r) => r.report.issued)).toEqual([ISSUED.closure, ISSUED.followup]);
  });

  it("shows the page the live reads show", async () => {
    const params = parseReviewParams(new URL("http://app/admin/results/review?month=2026-03&scope=month"));
    const fromStored = plain(await loadReview(params, scope));
    const record = await prisma.releaseSummaryBuild.findFirstOrThrow({ where: { surveyId: loaded.info.id } });
    await prisma.releaseSummaryBuild.delete({ where: { surveyId_minGroupSize: { surveyId: record.surveyId, minGroupSize: record.minGroupSize } } });
    const fromLive = plain(await loadReview(params, scope));
    await prisma.releaseSummaryBuild.create({ data: record });
    expect(fromStored).toEqual(fromLive);
    expect(fromLive.columns.map((c: { report: { issued: number } }) => c.report.issued)).toEqual([ISSUED.closure, ISSUED.followup]);
  });
});
