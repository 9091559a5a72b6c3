import { beforeAll, describe, expect, it } from "vitest";
import type { Report } from "~/results/report";
import { CLIENT_GROUPS, REFERRALS } from "~/codes/attributes";
import {
  indicatorSeries,
  indicatorSeriesFromRows,
  loadSurvey,
  runReport,
  runReportFromRows,
  type GroupFilter,
  type ReportQuery,
} from "~/results/aggregate.server";
import { monthsBetween, rolling12, tertialToDate, type Period } from "~/results/period";
import { loadReview, type ReviewParams } from "~/results/review.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { WAVES } from "~/survey/definition";
import { addCodeCount, addResponses, SLUG } from "../../support/results-fixture";
import { randomAnswers, seeded } from "../../support/random-answers";

// Reports from the pre-aggregate must equal reports counted from the raw rows, for any
// filters — small, sparse random data so that every kind of suppression occurs.
const rnd = seeded(20261123);
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
});

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

function randomGroups(): GroupFilter {
  const g: GroupFilter = {};
  if (rnd.chance(0.3)) g.role = rnd.pick(["subjected", "perpetrator", "both"]);
  if (rnd.chance(0.3)) g.gender = rnd.pick(["woman", "man", "other"]);
  if (rnd.chance(0.25)) g.clientGroup = rnd.pick(CLIENT_GROUPS);
  if (rnd.chance(0.25)) g.referral = rnd.pick(REFERRALS);
  return g;
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
    groups: randomGroups(),
    ...(rnd.chance(0.3) ? { questionKeys: ["violence_stopped"] } : {}),
    ...(rnd.chance(0.3) ? { minGroupSize: 3 } : {}),
  };
}

describe("reports from the pre-aggregate", () => {
  it("equal reports counted from the raw rows, for random filters", async () => {
    const loaded = await loadSurvey(SLUG);
    let shown = 0;
    let hidden = 0;
    for (let i = 0; i < 250; i++) {
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
    expect(shown).toBeGreaterThan(20);
    expect(hidden).toBeGreaterThan(20);
  });

  it("give the monthly review the same headlines, tables and charts as raw counting", async () => {
    const loaded = await loadSurvey(SLUG);
    const compared = { columns: 0, headlines: 0, series: 0, shownQuestions: 0, shownPoints: 0 };
    for (let i = 0; i < 30; i++) {
      const groups = randomGroups();
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
    // every kind of output was compared, not skipped by empty lists
    expect(compared.columns).toBeGreaterThan(0);
    expect(compared.headlines).toBeGreaterThan(0);
    expect(compared.series).toBeGreaterThan(0);
    expect(compared.shownQuestions).toBeGreaterThan(0);
    expect(compared.shownPoints).toBeGreaterThan(0);
  });
});
