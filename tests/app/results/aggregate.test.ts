import { beforeAll, describe, expect, it } from "vitest";
import { indicatorSeries, reachTables, runReport } from "~/results/aggregate.server";
import { importSurvey } from "~/survey/store.server";
import { addCodeCount, addResponses, respondents, versionId, type ResponseSpec } from "../../support/results-fixture";

const text = (s: string) => ({ sv: s, en: s });

beforeAll(async () => {
  await versionId(3); // the reference survey
  await importSurvey({
    slug: "multi",
    title: text("Multi"),
    defaultLanguage: "sv",
    indicators: [],
    versions: [
      {
        version: 1,
        label: "",
        questions: [
          {
            key: "helped_by",
            type: "multi",
            waves: ["closure"],
            text: text("Vad hjälpte?"),
            options: [
              { key: "talks", text: text("Samtal") },
              { key: "group", text: text("Grupp") },
              { key: "safety_plan", text: text("Säkerhetsplan") },
            ],
          },
        ],
      },
    ],
  });
});

describe("outcome tables", () => {
  it("gives multi-choice percentages of those who answered, which may sum over 100", async () => {
    const specs: ResponseSpec[] = [
      ...Array.from({ length: 6 }, () => ({ version: 1, month: "2020-01", answers: { helped_by: ["talks", "safety_plan"] } })),
      ...Array.from({ length: 4 }, () => ({ version: 1, month: "2020-01", answers: { helped_by: ["talks"] } })),
      { version: 1, month: "2020-01", answers: {} },
    ];
    await addResponses(specs.map((s) => ({ ...s, slug: "multi" })));
    const { report } = await runReport({ survey: "multi", period: { from: "2020-01", to: "2020-01" }, wave: null });
    const q = report.questions[0]!;
    expect(q).toMatchObject({ key: "helped_by", type: "multi", respondents: 11, answered: 10, suppressed: false });
    expect(q.options).toEqual([
      { key: "talks", count: 10, percent: 100 },
      { key: "group", count: 0, percent: 0 },
      { key: "safety_plan", count: 6, percent: 60 },
    ]);
  });

  it("gives a matrix a table per row and hides a row answered by fewer than five", async () => {
    const row = (physical?: string, sexual?: string) => ({
      version: 3,
      month: "2021-02",
      answers: { violence_by_type: { ...(physical ? { physical } : {}), ...(sexual ? { sexual } : {}) } },
    });
    await addResponses([
      ...Array.from({ length: 5 }, () => row("stopped")),
      row("reduced", "stopped"),
      row("stopped", "reduced"),
      row(undefined, "stopped"),
    ]);
    const { report } = await runReport({ survey: "brukarenkat", period: { from: "2021-02", to: "2021-02" }, wave: "closure", versions: [3] });
    const q = report.questions.find((x) => x.key === "violence_by_type")!;
    expect(q.answered).toBe(8);
    const physical = q.rows!.find((r) => r.key === "physical")!;
    expect(physical).toMatchObject({ answered: 7, suppressed: false });
    expect(physical.options.find((o) => o.key === "stopped")).toEqual({ key: "stopped", count: 6, percent: 85.7 });
    const sexual = q.rows!.find((r) => r.key === "sexual")!;
    expect(sexual).toMatchObject({ answered: null, suppressed: true });
    expect(sexual.options.length).toBeGreaterThan(0);
    expect(sexual.options.every((o) => o.count === null && o.percent === null)).toBe(true);
  });

  it("merges languages and versions by key and counts respondents only where the question was asked", async () => {
    await addResponses([
      ...respondents(5, { method_satisfaction: { yes: 3, partly: 2 } }).map((answers, i) => ({ version: 1, month: "2022-03", lang: i % 2 ? "ar" : "sv", answers })),
      ...respondents(5, { method_satisfaction: { yes: 5 }, alternative_strategies: { yes: 5 } }).map((answers) => ({ version: 2, month: "2022-03", lang: "en", answers })),
    ]);
    const { report } = await runReport({ survey: "brukarenkat", period: { from: "2022-03", to: "2022-03" }, wave: "closure" });
    expect(report.versions).toEqual([1, 2, 3]);
    const method = report.questions.find((q) => q.key === "method_satisfaction")!;
    expect(method).toMatchObject({ respondents: 10, answered: 10 });
    expect(method.options![0]).toEqual({ key: "yes", count: 8, percent: 80 });
    const strategies = report.questions.find((q) => q.key === "alternative_strategies")!;
    expect(strategies.respondents).toBe(5); // version 1 did not ask it
  });

  it("limits to a group and hides everything when the group is 4 people", async () => {
    await addResponses([
      ...respondents(9, { gender: { woman: 6, man: 3 }, violence_stopped: { yes: 7, no: 2 } }).map((answers) => ({ version: 2, month: "2023-05", answers })),
      ...respondents(4, { violence_stopped: { yes: 4 } }).map((answers) => ({ version: 2, month: "2023-05", referral: "police", answers })),
    ]);
    const period = { from: "2023-05", to: "2023-05" };
    const police = await runReport({ survey: "brukarenkat", period, wave: "closure", groups: { referral: "police" } });
    expect(police.report.responses).toBeNull(); // the size of a hidden group is not shown either
    expect(police.report.questions.length).toBeGreaterThan(0);
    expect(police.report.questions.every((q) => q.suppressed && q.answered === null)).toBe(true);
    expect(police.report.indicators[0]).toMatchObject({ suppressed: true, value: null, status: "suppressed" });

    const women = await runReport({ survey: "brukarenkat", period, wave: "closure", groups: { gender: "woman" } });
    expect(women.report.responses).toBe(6);
    expect(women.report.responseRate).toBeNull(); // codes know nothing of gender
    expect(women.report.questions.find((q) => q.key === "gender")!.options![0]).toEqual({ key: "woman", count: 6, percent: 100 });
  });

  it("hides a group of 7 when the only other group is 2, which 'all minus group' would expose", async () => {
    await addResponses(
      respondents(9, { role: { subjected: 7, perpetrator: 2 }, violence_stopped: { yes: 5, no: 4 } }).map((answers) => ({ version: 2, month: "2023-09", answers })),
    );
    const { report } = await runReport({ survey: "brukarenkat", period: { from: "2023-09", to: "2023-09" }, wave: "closure", groups: { role: "subjected" } });
    expect(report.responses).toBeNull();
    const q = report.questions.find((x) => x.key === "violence_stopped")!;
    expect(q).toMatchObject({ suppressed: true, reason: "complementary", answered: null });
  });
});

describe("groups as columns of a breakdown", () => {
  it("hides the smallest other referral path with a path of 4, so 'total minus the others' reveals nobody", async () => {
    const people = (referral: string, n: number) =>
      respondents(n, { method_satisfaction: { yes: n - 1, no: 1 }, violence_stopped: { yes: n } }).map((answers) => ({ version: 2, month: "2023-11", referral, answers }));
    await addResponses([...people("police", 4), ...people("self", 12), ...people("social_services", 6), ...people("other", 9)]);
    const period = { from: "2023-11", to: "2023-11" };
    const shown = async (referral: string) =>
      (await runReport({ survey: "brukarenkat", period, wave: "closure", groups: { referral } })).report.questions.find((q) => q.key === "method_satisfaction")!;
    expect(await shown("police")).toMatchObject({ suppressed: true, reason: "too_few", respondents: null });
    const police = (await runReport({ survey: "brukarenkat", period, wave: "closure", groups: { referral: "police" } })).report;
    expect(police).toMatchObject({ responses: null, issued: null, responseRate: null, groupSuppressed: "too_few" });
    expect(await shown("social_services")).toMatchObject({ suppressed: true, reason: "complementary" });
    expect(await shown("self")).toMatchObject({ suppressed: false, answered: 12 });
    expect(await shown("other")).toMatchObject({ suppressed: false, answered: 9 });
    // and month by month: the hidden group gives no points either
    const series = await indicatorSeries({ survey: "brukarenkat", period, wave: "closure", groups: { referral: "social_services" } }, "violence_stopped");
    expect(series).toEqual([{ month: "2023-11", n: null, value: null, ci95: null, suppressed: true, reason: "complementary" }]);
    const self = await indicatorSeries({ survey: "brukarenkat", period, wave: "closure", groups: { referral: "self" } }, "violence_stopped");
    expect(self[0]).toMatchObject({ n: 12, value: 1 });
    // what a reader can subtract: total − self − other = police + social services, 10 people
    const total = (await runReport({ survey: "brukarenkat", period, wave: "closure" })).report.questions.find((q) => q.key === "method_satisfaction")!;
    expect(total.answered! - 12 - 9).toBeGreaterThanOrEqual(5);
  });

  it("counts those who skipped a question as a group of their own", async () => {
    await addResponses([
      ...respondents(10, { gender: { woman: 10 } }).map((answers) => ({ version: 2, month: "2023-12", answers })),
      ...respondents(3, {}).map((answers) => ({ version: 2, month: "2023-12", answers })),
    ]);
    // women = total − 3 who skipped: showing women would expose the 3
    const { report } = await runReport({ survey: "brukarenkat", period: { from: "2023-12", to: "2023-12" }, wave: "closure", groups: { gender: "woman" } });
    expect(report.questions.length).toBeGreaterThan(0);
    expect(report.questions.every((q) => q.suppressed)).toBe(true);
  });
});

describe("indicator by month", () => {
  it("hides small months and one more, so the hidden month cannot be recovered from the period", async () => {
    const month = (m: string, yes: number, no: number) =>
      respondents(yes + no, { violence_stopped: { yes, no } }).map((answers) => ({ version: 2, month: m, answers }));
    await addResponses([...month("2024-01", 8, 2), ...month("2024-02", 3, 0), ...month("2024-03", 4, 2), ...month("2024-04", 9, 9)]);
    const series = await indicatorSeries({ survey: "brukarenkat", period: { from: "2024-01", to: "2024-05" }, wave: "closure" }, "violence_stopped");
    expect(series.map((p) => [p.month, p.suppressed])).toEqual([
      ["2024-01", false],
      ["2024-02", true],
      ["2024-03", true], // complementary: with 02 alone hidden, 02 = period − visible months

      ["2024-04", false],
      ["2024-05", false],
    ]);
    expect(series[0]).toMatchObject({ n: 10, value: 0.8 });
    expect(series[2]).toMatchObject({ n: null, value: null, ci95: null, reason: "complementary" });
    expect(series[4]).toMatchObject({ n: 0, value: null });
  });
});

describe("whom we do not reach", () => {
  it("shows codes issued and answered by referral, hiding a referral path of 4 and one more", async () => {
    for (const [referral, issued, answered] of [
      ["police", 4, 1],
      ["self", 20, 18],
      ["social_services", 8, 6],
      ["other", 12, 9],
    ] as const)
      await addCodeCount({ version: 2, validMonth: "2026-01", referral, issued, answered });
    const [byReferral] = await reachTables({ survey: "brukarenkat", period: { from: "2026-01", to: "2026-01" }, wave: null }, ["referral"]);
    const row = (k: string) => byReferral!.rows.find((r) => r.key === k)!;
    expect(row("police")).toMatchObject({ suppressed: true, issued: null, answered: null, answeredOnPaper: null, reason: "too_few" });
    expect(row("social_services")).toMatchObject({ suppressed: true, issued: null, reason: "complementary" });
    expect(row("self")).toMatchObject({ issued: 20, answered: 18, rate: 0.9 });
    expect(byReferral!.total).toMatchObject({ issued: 44, answered: 34 });
  });

  it("shows a language whose slips go unanswered: six Tigrinya codes, none answered; and how many answered on paper", async () => {
    await addCodeCount({ version: 2, validMonth: "2026-03", lang: "ti", issued: 6, answered: 0 });
    await addCodeCount({ version: 2, validMonth: "2026-03", lang: "sv", issued: 20, answered: 12, answeredOnPaper: 3 });
    const [byLang] = await reachTables({ survey: "brukarenkat", period: { from: "2026-03", to: "2026-03" }, wave: null }, ["lang"]);
    expect(byLang!.rows).toEqual([
      { key: "sv", issued: 20, answered: 12, answeredOnPaper: 3, rate: 0.6, suppressed: false },
      { key: "ti", issued: 6, answered: 0, answeredOnPaper: 0, rate: 0, suppressed: false },
    ]);
    expect(byLang!.total).toMatchObject({ issued: 26, answered: 12, answeredOnPaper: 3 });
  });
});
