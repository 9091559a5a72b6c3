/**
 * buildReport from counts alone: the contract a pre-aggregated source must meet to stand in for
 * the SQL (issue: 1M-response benchmark).
 */
import { describe, expect, it } from "vitest";
import { buildReport, mergeQuestions } from "~/results/report";
import type { VersionDefinition } from "~/survey/definition";

const t = (s: string) => ({ sv: s });
const v1: VersionDefinition = {
  version: 1,
  label: "",
  questions: [
    { key: "q", type: "single", waves: ["closure"], text: t("Q v1"), options: [{ key: "yes", text: t("Ja") }, { key: "no", text: t("Nej") }] },
    { key: "free", type: "text", waves: ["closure", "followup"], text: t("Fritt") },
  ],
};
const v2: VersionDefinition = {
  version: 2,
  label: "",
  questions: [
    { key: "q", type: "single", waves: ["closure"], text: t("Q v2"), options: [{ key: "yes", text: t("Ja!") }, { key: "no", text: t("Nej") }, { key: "maybe", text: t("Kanske") }] },
  ],
};

describe("buildReport", () => {
  it("merges versions by key: newest wording, union of options, respondents where asked", () => {
    const questions = mergeQuestions([v1, v2], "closure");
    expect(questions.map((q) => [q.key, q.text.sv, q.options.map((o) => o.key)])).toEqual([
      ["q", "Q v2", ["yes", "no", "maybe"]],
      ["free", "Fritt", []],
    ]);
    const report = buildReport({
      survey: "s",
      period: { from: "2020-01", to: "2020-12" },
      wave: "closure",
      versions: [1, 2],
      questions,
      indicators: [{ key: "ok", question: "q", success: ["yes"], target: 0.6, label: {} }],
      counts: {
        responses: [
          { version: 1, wave: "closure", n: 6 },
          { version: 2, wave: "closure", n: 4 },
        ],
        options: [
          { questionKey: "q", rowKey: "", optionKey: "yes", n: 7 },
          { questionKey: "q", rowKey: "", optionKey: "no", n: 2 },
          { questionKey: "free", rowKey: "", optionKey: "", n: 3 },
          { questionKey: "q", rowKey: "", optionKey: "retired_key", n: 0 },
        ],
        answered: [],
        issued: 12,
      },
      minGroupSize: 5,
    });
    expect(report).toMatchObject({ responses: 10, issued: 12, responseRate: 0.833, suggestion: { from: "2019-01", to: "2020-12" } });
    expect(report.questions[0]).toMatchObject({ respondents: 10, answered: 9, suppressed: false });
    expect(report.questions[0]!.options).toEqual([
      { key: "yes", count: 7, percent: 77.8 },
      { key: "no", count: 2, percent: 22.2 },
      { key: "maybe", count: 0, percent: 0 },
      { key: "retired_key", count: 0, percent: 0 },
    ]);
    // 3 free-text answers: hidden, and the report suggests a longer period
    expect(report.questions[1]).toMatchObject({ type: "text", answered: null, suppressed: true, reason: "too_few" });
    expect(report.indicators[0]).toMatchObject({ n: 9, value: 0.778, status: "uncertain" });
  });

  it("tells why each hidden matrix row is hidden: its table's reason, too few in the row, or a release block", () => {
    const grid: VersionDefinition = {
      version: 1,
      label: "",
      questions: [
        {
          key: "m",
          type: "matrix",
          waves: ["closure"],
          text: t("M"),
          rows: [{ key: "a", text: t("A") }, { key: "b", text: t("B") }, { key: "c", text: t("C") }],
          options: [{ key: "yes", text: t("Ja") }, { key: "no", text: t("Nej") }],
        },
      ],
    };
    const build = (hiddenTables: string[]) =>
      buildReport({
        survey: "s",
        period: { from: "2020-01", to: "2020-12" },
        wave: "closure",
        versions: [1],
        questions: mergeQuestions([grid], "closure"),
        indicators: [],
        counts: {
          responses: [{ version: 1, wave: "closure", n: 20 }],
          options: [
            { questionKey: "m", rowKey: "", optionKey: "", n: 20 },
            { questionKey: "m", rowKey: "a", optionKey: "yes", n: 14 },
            { questionKey: "m", rowKey: "b", optionKey: "yes", n: 3 },
            { questionKey: "m", rowKey: "c", optionKey: "no", n: 18 },
          ],
          answered: [],
          issued: 30,
        },
        minGroupSize: 5,
        hiddenTables: new Set(hiddenTables),
      }).questions[0]!.rows!.map((r) => [r.key, r.suppressed, r.reason]);
    expect(build(["m|c"])).toEqual([
      ["a", false, undefined],
      ["b", true, "too_few"],
      ["c", true, "complementary"],
    ]);
    // the whole table hidden by a release block: 14 and 18 answered, yet hidden for that reason
    expect(build(["m|"])).toEqual([
      ["a", true, "complementary"],
      ["b", true, "complementary"],
      ["c", true, "complementary"],
    ]);
  });
});
