/**
 * Free text and withheld attributes in released reports: a comment is shown only where its block
 * holds k answers in its language, never with a filter, and the rest are counted.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSurvey } from "~/results/aggregate.server";
import { FREE_TEXT_SAMPLE, isWithheld, releasedFreeTexts, runReleasedReport, type ReleasedReport } from "~/results/release.server";
import { loadReach, parseReviewParams } from "~/results/review.server";
import * as queries from "~/results/queries.sql.server";
import { freeTextsForRelease } from "~/results/queries.sql.server";
import { databaseProvider } from "~/utils/database-url";
import { prisma } from "~/utils/db.server";
import { randomUUID } from "node:crypto";
import { addResponses, versionId } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";

const said = (text: string) => ({ helped: "yes", comments: { text } });

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-09-10T10:00:00Z"));
  await importAttackSurvey();
  await addResponses([
    // March: five Swedish answers, one Farsi, one with its language withheld at rest
    ...["a", "b", "c", "d", "e"].map((t) => ({ slug: ATTACK_SLUG, version: 1, month: "2026-03", lang: "sv", answers: said(`sv ${t}`) })),
    { slug: ATTACK_SLUG, version: 1, month: "2026-03", lang: "fa", answers: said("فارسی") },
    { slug: ATTACK_SLUG, version: 1, month: "2026-03", lang: "withheld", referral: "withheld", answers: said("okänt språk") },
    // April: five answers whose referral path was withheld (enough to count), May: nothing
    ...Array.from({ length: 5 }, () => ({ slug: ATTACK_SLUG, version: 1, month: "2026-04", referral: "withheld", answers: { helped: "no" } })),
  ]);
});

afterAll(() => {
  vi.useRealTimers();
});

async function released(from: string, to: string, extra: object = {}) {
  const loaded = await loadSurvey(ATTACK_SLUG);
  const q = { survey: ATTACK_SLUG, period: { from, to }, wave: "closure" as const, ...extra };
  const r = await runReleasedReport(q, loaded);
  if (isWithheld(r)) throw new Error(r.reason);
  return { q, r: r as ReleasedReport, loaded };
}

describe("free text in released blocks", () => {
  it("shows the Swedish comments, counts the Farsi and the unknown-language one as withheld", async () => {
    const { q, r, loaded } = await released("2026-03", "2026-03");
    const texts = await releasedFreeTexts(q, "comments", r, loaded);
    expect(texts!.shown.sort()).toEqual(["sv a", "sv b", "sv c", "sv d", "sv e"]);
    expect(texts!.withheld).toBe(2);
    expect(texts!.shown.join(" ")).not.toContain("فارسی");
  });

  it("shows a long period's comments as a random sample of a fixed size, saying of how many", async () => {
    const many = FREE_TEXT_SAMPLE + 40;
    await addResponses(Array.from({ length: many }, (_, i) => ({ slug: ATTACK_SLUG, version: 1, month: "2026-06", lang: "sv", answers: said(`juni ${i}`) })));
    const { q, r, loaded } = await released("2026-06", "2026-06");
    const first = await releasedFreeTexts(q, "comments", r, loaded);
    expect(first!.shown).toHaveLength(FREE_TEXT_SAMPLE);
    expect(first!.of).toBe(many);
    expect(new Set(first!.shown).size).toBe(FREE_TEXT_SAMPLE);
    expect(first!.shown.every((t) => t.startsWith("juni "))).toBe(true);
    // shuffled before the cut: another load shows another sample
    const second = await releasedFreeTexts(q, "comments", r, loaded);
    expect(second!.shown.sort()).not.toEqual([...first!.shown].sort());
  }, 180_000); // 240 responses written one by one

  it("reads a sample of a period's many comments as a range of their key, shown by the same rule, counted in full", async () => {
    // June holds the last test's comments; more in Swedish (its block has k Swedish answers) and
    // in Farsi (none: withheld), written as a submit writes FreeText
    const surveyVersionId = await versionId(1, ATTACK_SLUG);
    const row = (lang: string, text: string) => ({ id: randomUUID(), surveyVersionId, wave: "closure", month: "2026-06", lang, questionKey: "comments", text });
    await prisma.freeText.createMany({ data: [...Array.from({ length: 800 }, (_, i) => row("sv", `juni mer ${i}`)), ...Array.from({ length: 30 }, (_, i) => row("fa", `farsi ${i}`))] });
    const { q, r, loaded } = await released("2026-06", "2026-06");
    // what every text read and judged one by one gives
    const all = await freeTextsForRelease({ versionIds: [surveyVersionId], versionNumbers: new Map(), from: "2026-06", to: "2026-06", waves: ["closure"], parts: r.parts }, "comments");
    const showable = all.filter((t) => t.lang === "sv").map((t) => t.text);
    expect(showable.length).toBeGreaterThan(4 * FREE_TEXT_SAMPLE);

    const reads = vi.spyOn(queries, "freeTextsForRelease");
    const texts = await releasedFreeTexts(q, "comments", r, loaded);
    expect(reads).not.toHaveBeenCalled();
    reads.mockRestore();
    expect(texts!.shown).toHaveLength(FREE_TEXT_SAMPLE);
    expect(new Set(texts!.shown).size).toBe(FREE_TEXT_SAMPLE);
    expect(texts!.of).toBe(showable.length);
    expect(texts!.withheld).toBe(all.length - showable.length);
    const allowed = new Set(showable);
    expect(texts!.shown.every((t) => allowed.has(t))).toBe(true);
    // a sample, not the first 200: both the old and the new comments show up
    expect(texts!.shown.some((t) => t.startsWith("juni mer "))).toBe(true);
    expect(texts!.shown.some((t) => /^juni \d+$/.test(t))).toBe(true);
  });

  it("reads a sample as a range of FreeText's own key, for a unit's part of a long period as for a whole wave", async () => {
    if (databaseProvider() !== "sqlite") return; // the plan's wording is SQLite's
    const surveyVersionId = await versionId(1, ATTACK_SLUG);
    const plan = async (f: Parameters<typeof queries.sampleFreeTextsSql>[0]) => {
      const sample = queries.sampleFreeTextsSql(f, "comments", 0.01);
      const rows = await prisma.$queryRawUnsafe<{ detail: string }[]>(`EXPLAIN QUERY PLAN ${sample.sql}`, ...sample.values);
      return rows.map((r) => r.detail);
    };
    const wholeWave = await plan({ versionIds: [surveyVersionId], versionNumbers: new Map(), from: "2021-07", to: "2026-06", waves: ["closure"] });
    // no wave named (both): still the key's id range, never every entry of the period
    const bothWaves = await plan({ versionIds: [surveyVersionId], versionNumbers: new Map(), from: "2021-07", to: "2026-06", waves: [] });
    const unitPart = await plan({
      versionIds: [surveyVersionId],
      versionNumbers: new Map(),
      from: "2021-07",
      to: "2026-06",
      waves: [],
      parts: [{ unitId: "default", wave: "closure", from: "2024-01", to: "2026-06" }],
    });
    for (const steps of [wholeWave, bothWaves, unitPart]) expect(steps).toEqual([expect.stringMatching(/^SEARCH t USING PRIMARY KEY \(surveyVersionId=\? AND questionKey=\? AND wave=\? AND id<\?\)$/)]);
  });

  it("counts the closed months' comments from the free-text level and the later ones from FreeText, to the same result", async () => {
    const { q, r, loaded } = await released("2026-03", "2026-06");
    const fromTable = await releasedFreeTexts(q, "comments", r, loaded);
    expect(fromTable!.withheld).toBe(2 + 30);
    // the level holds March; April to June are still counted from FreeText
    await queries.buildDimensionLevels("2026-03");
    try {
      const fromLevel = await releasedFreeTexts(q, "comments", r, loaded);
      expect({ of: fromLevel!.of, withheld: fromLevel!.withheld }).toEqual({ of: fromTable!.of, withheld: fromTable!.withheld });
      // March's Farsi comment gone from FreeText (no code path deletes one): still counted, so the
      // count came from the level
      const farsi = await prisma.freeText.findFirstOrThrow({ where: { month: "2026-03", lang: "fa" } });
      await prisma.freeText.deleteMany({ where: { id: farsi.id } });
      try {
        expect((await releasedFreeTexts(q, "comments", r, loaded))!.withheld).toBe(fromTable!.withheld);
      } finally {
        await prisma.freeText.create({ data: farsi });
      }
    } finally {
      await prisma.answerCount.deleteMany({ where: { level: { gte: 2 } } });
    }
  });

  it("reads every comment when the sample picks too few, and still shows 200 of them", async () => {
    // 900 more Swedish comments in March whose ids all sort above any threshold: the sample of
    // March then holds only some of its five first comments, and the review reads the month whole
    const surveyVersionId = await versionId(1, ATTACK_SLUG);
    const late = Array.from({ length: 900 }, (_, i) => ({
      id: `ffffffff-${randomUUID().slice(9)}`,
      surveyVersionId,
      wave: "closure",
      month: "2026-03",
      lang: "sv",
      questionKey: "comments",
      text: `mars ${i}`,
    }));
    await prisma.freeText.createMany({ data: late });
    try {
      const { q, r, loaded } = await released("2026-03", "2026-03");
      const reads = vi.spyOn(queries, "freeTextsForRelease");
      const texts = await releasedFreeTexts(q, "comments", r, loaded);
      expect(reads).toHaveBeenCalledTimes(1);
      reads.mockRestore();
      expect(texts!.shown).toHaveLength(FREE_TEXT_SAMPLE);
      expect(new Set(texts!.shown).size).toBe(FREE_TEXT_SAMPLE);
      expect(texts!.of).toBe(905);
      expect(texts!.withheld).toBe(2);
      expect(texts!.shown.every((t) => /^(mars \d+|sv [a-e])$/.test(t))).toBe(true);
    } finally {
      await prisma.freeText.deleteMany({ where: { id: { in: late.map((t) => t.id) } } });
    }
  });

  it("shows no comment at all with a filter (what it leaves out would point at the writers)", async () => {
    const { q, r, loaded } = await released("2026-03", "2026-04", { versions: [1] });
    expect(await releasedFreeTexts(q, "comments", r, loaded)).toBeNull();
  });

  it("counts answers with an attribute withheld only at 0 or ≥ k per block", async () => {
    expect((await released("2026-04", "2026-04")).r.report.attributesWithheld).toBe(5);
    expect((await released("2026-03", "2026-03")).r.report.attributesWithheld).toBeNull();
    expect((await released("2026-05", "2026-05")).r.report.attributesWithheld).toBe(0);
  });
});

describe("whom we do not reach", () => {
  it("counts closed months only, and a hand-out month only once none of its codes can be answered", async () => {
    const surveyVersionId = await versionId(1, ATTACK_SLUG);
    for (const [validMonth, issued, answered] of [["2026-09", 7, 1], ["2026-08", 6, 5]] as const)
      await prisma.codeCount.create({ data: { surveyVersionId, wave: "closure", validMonth, clientGroup: "", referral: "", issued, answered, expired: 0 } });
    const asked = () => loadReach(parseReviewParams(new URL(`http://x/admin/results/reach?survey=${ATTACK_SLUG}&month=2026-09&scope=year`)));
    // 10 September: September is in progress, August closed but its codes still open
    const early = await asked();
    expect(early!.period).toEqual({ from: "2026-01", to: "2026-08" });
    expect(early!.tables.find((t) => t.by === "validMonth")!.rows).toEqual([]);
    expect(early!.pending).toEqual([{ wave: "closure", validMonth: "2026-08" }]);
    // mid-December: August's codes have ended (CODE_VALID_DAYS = 90), September's have not
    vi.setSystemTime(new Date("2026-12-15T10:00:00Z"));
    const late = await asked();
    expect(late!.period).toEqual({ from: "2026-01", to: "2026-09" });
    const byMonth = late!.tables.find((t) => t.by === "validMonth")!;
    expect(byMonth.rows.map((r) => r.key)).toEqual(["2026-08"]);
    expect(byMonth.total).toMatchObject({ issued: 6, answered: 5 });
    expect(late!.pending).toEqual([{ wave: "closure", validMonth: "2026-09" }]);
  });
});
