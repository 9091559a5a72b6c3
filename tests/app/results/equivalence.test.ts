import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "~/results/report";
import { CLIENT_GROUPS, REFERRALS } from "~/codes/attributes";
import {
  indicatorSeries,
  indicatorSeriesFromRows,
  loadSurvey,
  runReport,
  runReportFromRows,
  type ReportQuery,
} from "~/results/aggregate.server";
import { monthsBetween, rolling12, tertialToDate, type Period } from "~/results/period";
import { loadReview, type ReviewParams } from "~/results/review.server";
import { buildDimensionLevels, countCells, GROUP_DIMS, type CellRow } from "~/results/queries.sql.server";
import { prisma } from "~/utils/db.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { WAVES } from "~/survey/definition";
import { addCodeCount, addResponses, SLUG } from "../../support/results-fixture";
import { randomAnswers, randomGroups, seeded } from "../../support/random-answers";

// Reports from the pre-aggregate must equal reports counted from the raw rows, for any
// filters — small, sparse random data so that every kind of suppression occurs.
const rnd = seeded(20261123);
/** how often a random report filters on each group */
const GROUP_CHANCE = { role: 0.3, gender: 0.3, clientGroup: 0.25, referral: 0.25 };
const MONTHS = monthsBetween("2024-01", "2025-12");

beforeAll(async () => {
  await seedReferenceSurvey();
  const loaded = await loadSurvey(SLUG);
  await addResponses(
    Array.from({ length: 600 }, () => {
      const { def } = rnd.pick(loaded.definitions);
      const wave = rnd.chance(0.7) ? "closure" : "followup";
      const answers = randomAnswers(rnd, def, wave);
      // now and then an option the definition no longer has: still counted, listed last
      if (rnd.chance(0.02)) answers.violence_stopped = "unsure";
      return {
        version: def.version,
        wave,
        month: rnd.pick(MONTHS.slice(0, 6 + Math.floor(rnd.next() * 18))),
        lang: rnd.pick(["sv", "ar", "en"]),
        clientGroup: rnd.chance(0.7) ? rnd.pick(CLIENT_GROUPS) : null,
        referral: rnd.chance(0.7) ? rnd.pick(REFERRALS) : null,
        answers,
      };
    }),
  );
  for (const validMonth of MONTHS)
    for (const version of [1, 2, 3]) await addCodeCount({ version, validMonth, issued: 10 + Math.floor(rnd.next() * 20), clientGroup: rnd.pick(CLIENT_GROUPS) });
}, 300_000); // 600 responses written one by one: slow on a loaded machine

/** A released report shows the raw report's figures wherever it shows any; returns how many shown questions it compared. */
function expectShownEqual(released: Report, raw: Report): number {
  expect([released.responses, released.issued, released.responseRate]).toEqual([raw.responses, raw.issued, raw.responseRate]);
  for (const q of released.questions) {
    const r = raw.questions.find((x) => x.key === q.key)!;
    if (q.suppressed) expect(r.suppressed || q.reason === "complementary").toBe(true);
    else {
      // a matrix row may be hidden by its base in one block while the question is shown
      const rows = r.rows?.map((row, i) => (q.rows![i]!.suppressed ? q.rows![i]! : row));
      expect(q).toEqual({ ...r, respondents: q.respondents === null ? null : r.respondents, ...(rows ? { rows } : {}) });
    }
  }
  for (const i of released.indicators) if (!i.suppressed) expect(i).toEqual(raw.indicators.find((x) => x.key === i.key));
  return released.questions.filter((q) => !q.suppressed).length;
}


function randomPeriod(): Period {
  const m = rnd.pick(MONTHS);
  return rnd.pick([
    { from: m, to: m },
    tertialToDate(m),
    rolling12(m),
    { from: `${m.slice(0, 4)}-01`, to: m },
    { from: "2023-06", to: "2026-03" },
  ]);
}

function randomQuery(): ReportQuery {
  return {
    survey: SLUG,
    period: randomPeriod(),
    wave: rnd.chance(0.2) ? null : rnd.pick(WAVES),
    versions: rnd.pick([null, [3], [1, 2], [2, 3]]),
    groups: randomGroups(rnd, GROUP_CHANCE),
    ...(rnd.chance(0.3) ? { questionKeys: ["violence_stopped"] } : {}),
    ...(rnd.chance(0.3) ? { minGroupSize: 3 } : {}),
  };
}

/** The one-dimension levels (decision 0028) as the daily job leaves them: built up to a month, or not at all. */
async function levelsThrough(through: string | null) {
  await prisma.$executeRawUnsafe(`DELETE FROM "AnswerCount" WHERE "level" >= 2`);
  if (through) await buildDimensionLevels(through);
}

// every level a report can read: level 1 alone, the one-dimension levels for the first year
// and level 1 after (periods straddle the two), the one-dimension levels for every month
const LEVEL_STATES = [
  ["level 1 only", null],
  ["one-dimension levels to 2024-12, level 1 after", "2024-12"],
  ["one-dimension levels for every month", "2025-12"],
] as const;

/** Review outputs compared in all level states together: a few random reviews may all be withheld. */
const compared = { columns: 0, headlines: 0, series: 0, shownQuestions: 0, shownPoints: 0 };

describe.each(LEVEL_STATES)("reports from the pre-aggregate, %s", (_, through) => {
  beforeAll(() => levelsThrough(through));

  it("equal reports counted from the raw rows, for random filters", async () => {
    const loaded = await loadSurvey(SLUG);
    let shown = 0;
    let hidden = 0;
    for (let i = 0; i < 100; i++) {
      const q = randomQuery();
      const cube = await runReport(q, loaded);
      expect(cube, JSON.stringify(q)).toEqual(await runReportFromRows(q, loaded));
      if (cube.report.groupSuppressed) hidden++;
      else if (cube.report.questions.some((x) => !x.suppressed)) shown++;
      expect(await indicatorSeries(q, "violence_stopped", loaded), JSON.stringify(q)).toEqual(
        await indicatorSeriesFromRows(q, "violence_stopped", loaded),
      );
    }
    // the data exercise both outcomes
    expect(shown).toBeGreaterThan(8);
    expect(hidden).toBeGreaterThan(8);
  });

  it("give the monthly review the same headlines, tables and charts as raw counting", async () => {
    const loaded = await loadSurvey(SLUG);
    for (let i = 0; i < 12; i++) {
      const groups = randomGroups(rnd, GROUP_CHANCE);
      const params: ReviewParams = {
        survey: SLUG,
        month: rnd.pick(MONTHS),
        scope: rnd.pick(["month", "tertial", "rolling12", "year"] as const),
        wave: rnd.chance(0.3) ? rnd.pick(WAVES) : undefined,
        version: rnd.pick([[], [3]]),
        role: groups.role ?? undefined,
        gender: groups.gender ?? undefined,
        group: groups.clientGroup ?? undefined,
        referral: groups.referral ?? undefined,
      };
      const review = (await loadReview(params))!;
      const base = { survey: SLUG, versions: params.version, groups };
      compared.columns += review.columns.length;
      compared.headlines += review.headlines.length;
      compared.series += review.series.length;
      // released reports (decision 0011) hide more, never less: what they show equals raw counting
      for (const c of review.columns)
        compared.shownQuestions += expectShownEqual(c.report, (await runReportFromRows({ ...base, period: review.period, wave: c.wave }, loaded)).report);
      const questionKeys = ["violence_stopped"];
      for (const h of review.headlines)
        expectShownEqual(h.report, (await runReportFromRows({ ...base, period: h.period, wave: h.wave, questionKeys }, loaded)).report);
      for (const s of review.series)
        for (const p of s.points.filter((x) => !x.suppressed)) {
          const raw = (await runReportFromRows({ ...base, period: { from: p.month, to: p.to }, wave: s.wave, questionKeys }, loaded)).report;
          expect(raw.indicators.find((x) => x.key === s.indicator)).toMatchObject({ n: p.n, value: p.value, ci95: p.ci95 });
          compared.shownPoints++;
        }
    }
  });
});

it("compared every kind of review output, not empty lists", () => {
  expect(compared.columns).toBeGreaterThan(0);
  expect(compared.headlines).toBeGreaterThan(0);
  expect(compared.series).toBeGreaterThan(0);
  expect(compared.shownQuestions).toBeGreaterThan(0);
  expect(compared.shownPoints).toBeGreaterThan(0);
});

describe("one-dimension levels", () => {
  const sorted = (rows: CellRow[]) => rows.map((r) => JSON.stringify(r)).sort();

  it("hold level 1 summed over the other groups, month by month, for every dimension", async () => {
    const versionIds = (await loadSurvey(SLUG)).definitions.map((d) => d.id);
    for (const dim of GROUP_DIMS) {
      const filter = { versionIds, from: "2024-01", to: "2025-12", waves: null, dims: [dim], byMonth: true };
      await levelsThrough("2025-12");
      const fromLevel = await countCells(filter);
      await levelsThrough(null);
      const fromLevel1 = await countCells(filter);
      expect(fromLevel.length).toBeGreaterThan(100);
      expect(sorted(fromLevel), dim).toEqual(sorted(fromLevel1));
    }
  });

  it("are built once per month: a second run writes nothing, a later month only its own rows", async () => {
    await levelsThrough("2024-12");
    const upTo2024 = await prisma.answerCount.count({ where: { level: { gte: 2 } } });
    expect(await buildDimensionLevels("2024-12")).toBe(0);
    const added = await buildDimensionLevels("2025-12");
    expect(added).toBeGreaterThan(0);
    expect(await prisma.answerCount.count({ where: { level: { gte: 2 } } })).toBe(upTo2024 + added);
  });
});
