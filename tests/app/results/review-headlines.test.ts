/**
 * The review's headlines (the month, the tertial so far, rolling 12 months) show whole released
 * blocks. Where a label's own months are not whole blocks, the headline says which months it
 * shows and that they were moved to the nearest blocks: "the tertial so far" starting in
 * December puzzled a board otherwise (staff walk-through).
 */
import { beforeAll, afterAll, describe, expect, it, vi } from "vitest";
import { serverT } from "~/i18n/i18n.server";
import { loadSurvey } from "~/results/aggregate.server";
import { reviewTables, toCsv } from "~/results/export.server";
import { buildDimensionLevels } from "~/results/queries.sql.server";
import { loadReview, parseReviewParams } from "~/results/review.server";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG, versionId, type ResponseSpec } from "../../support/results-fixture";
import { randomAnswers, seeded } from "../../support/random-answers";

const rnd = seeded(20261129);
// December and January hold two answers each: they join February's block
const PER_MONTH: Record<string, number> = { "2025-11": 6, "2025-12": 2, "2026-01": 2, "2026-02": 6, "2026-03": 6 };

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-04-20T10:00:00Z"));
  const { seedReferenceSurvey } = await import("~/setup/bootstrap.server");
  await seedReferenceSurvey();
  const def = (await loadSurvey(SLUG)).definitions.at(-1)!.def;
  const specs: ResponseSpec[] = [];
  for (const [month, n] of Object.entries(PER_MONTH))
    for (let i = 0; i < n; i++) specs.push({ version: def.version, wave: "closure", month, unitId: "default", answers: randomAnswers(rnd, def, "closure") });
  await addResponses(specs);
  const id = await versionId(def.version);
  for (const month of Object.keys(PER_MONTH))
    await prisma.codeCount.create({ data: { unitId: "default", surveyVersionId: id, wave: "closure", validMonth: month, opensMonth: month, lang: "sv", issued: 10 } });
  await buildDimensionLevels("2026-03");
}, 120_000);

afterAll(() => {
  vi.useRealTimers();
});

describe("the review's headlines", () => {
  it("keep each label's own months beside the released blocks they show", async () => {
    const review = await loadReview(parseReviewParams(new URL("http://app/admin/results?month=2026-03&scope=month&wave=closure")));
    const byLabel = Object.fromEntries(review!.headlines.map((h) => [h.label, { moved: h.moved, shown: h.period, responses: h.report.responses }]));
    // March is a block of its own: shown as asked
    expect(byLabel.month).toEqual({ moved: false, shown: { from: "2026-03", to: "2026-03" }, responses: 6 });
    // January's answers share a block with December's: the tertial so far starts in December, and says so
    expect(byLabel.tertial).toEqual({ moved: true, shown: { from: "2025-12", to: "2026-03" }, responses: 16 });

    // the page's table and its files mark that row and say why, under the table
    const csv = toCsv(reviewTables(review!, serverT("sv", "results"), "sv"), "sv");
    expect(csv).toContain("Tertialen hittills (2025-12 – 2026-03) *");
    expect(csv).toContain("Månaden (2026-03 – 2026-03);");
    expect(csv).toContain("* Närmaste hela block som har släppts");
  });

});
