import { describe, expect, it } from "vitest";
import {
  classifyQuestions,
  complementaryHidden,
  indicatorComparison,
  intervalsOverlap,
  shownInterval,
  sideBySide,
  verdictOf,
  verdictText,
  versionWhere,
} from "~/results/compare";
import type { QuestionTable } from "~/results/report";
import { reference } from "../survey/reference";

describe("Wilson intervals beside the shown counts", () => {
  it("gives the known value 14 of 21 → 0.454–0.828", () => {
    expect(shownInterval(14, 21)).toEqual([0.454, 0.828]);
  });

  it("stays inside 0–1 at 0 of n and n of n", () => {
    expect(shownInterval(0, 10)).toEqual([0, 0.278]);
    expect(shownInterval(10, 10)).toEqual([0.722, 1]);
    expect(shownInterval(0, 5)).toEqual([0, 0.434]);
    expect(shownInterval(5, 5)).toEqual([0.566, 1]);
  });

  it("gives no interval for a hidden count or an empty base", () => {
    expect(shownInterval(null, 21)).toBeNull();
    expect(shownInterval(3, null)).toBeNull();
    expect(shownInterval(0, 0)).toBeNull();
  });
});

describe("verdicts", () => {
  it("says no clear difference when the intervals overlap, touching included", () => {
    expect(intervalsOverlap([0.2, 0.5], [0.5, 0.9])).toBe(true);
    expect(intervalsOverlap([0.2, 0.49], [0.5, 0.9])).toBe(false);
    const v = verdictOf([
      { column: "1", ci95: shownInterval(14, 21) },
      { column: "2", ci95: shownInterval(10, 20) },
    ]);
    expect(v).toEqual({ kind: "no_clear_difference" });
    expect(verdictText(v, versionWhere, 2)).toBe("no clear difference");
  });

  it("names the direction when they do not overlap", () => {
    // 2 of 20 (0.028–0.301) against 18 of 20 (0.699–0.972)
    const v = verdictOf([
      { column: "1", ci95: shownInterval(2, 20) },
      { column: "3", ci95: shownInterval(18, 20) },
    ]);
    expect(v).toEqual({ kind: "difference", pairs: [{ higher: "3", lower: "1" }] });
    expect(verdictText(v, versionWhere, 2)).toBe("higher in version 3");
  });

  it("names both sides with three or more columns, and only the pairs that differ", () => {
    const v = verdictOf([
      { column: "1", ci95: shownInterval(2, 20) },
      { column: "2", ci95: shownInterval(10, 20) },
      { column: "3", ci95: shownInterval(18, 20) },
    ]);
    expect(v).toEqual({ kind: "difference", pairs: [{ higher: "3", lower: "1" }] });
    expect(verdictText(v, versionWhere, 3)).toBe("higher in version 3 than in version 1");
  });

  it("words waves and refuses to judge with fewer than two shown columns", () => {
    const v = verdictOf([
      { column: "closure", ci95: shownInterval(19, 20) },
      { column: "followup", ci95: shownInterval(4, 20) },
    ]);
    expect(verdictText(v, versionWhere, 2)).toBe("higher at closure");
    expect(verdictOf([{ column: "1", ci95: [0.1, 0.2] }, { column: "2", ci95: null }])).toEqual({ kind: "too_few" });
    expect(verdictText({ kind: "too_few" }, versionWhere, 2)).toBe("too few answers to compare");
  });
});

describe("comparability by key", () => {
  it("classifies the reference questionnaire's questions across versions 1–3", () => {
    const classes = classifyQuestions(reference().versions);
    const byStatus = (s: string) => classes.filter((c) => c.status === s).map((c) => c.key).sort();
    expect(byStatus("shared")).toEqual(
      ["comments", "contact_satisfaction", "expectations_met", "method_satisfaction", "violence_stopped"].sort(),
    );
    expect(byStatus("not_comparable")).toEqual([]);
    const where = Object.fromEntries(classes.map((c) => [c.key, c.inVersions]));
    for (const key of ["alternative_strategies", "feel_better", "role", "gender"]) expect(where[key]).toEqual([2, 3]);
    expect(where.violence_by_type).toEqual([3]);
    // versions 2 and 3 alone share everything but the matrix
    const two = classifyQuestions(reference().versions.filter((v) => v.version >= 2));
    expect(two.filter((c) => c.status === "partial").map((c) => c.key)).toEqual(["violence_by_type"]);
  });

  it("keeps a reworded question comparable, flagged, with the wording per version", () => {
    const [v1, v2] = reference().versions;
    const changed = structuredClone(v2!);
    changed.questions.find((q) => q.key === "method_satisfaction")!.text.sv = "Var vårt sätt att arbeta bra?";
    const opts = changed.questions.find((q) => q.key === "expectations_met")!.options!;
    opts.push({ key: "dont_know", text: { sv: "Vet inte", en: "Don't know" } });
    const classes = classifyQuestions([v1!, changed]);
    const method = classes.find((c) => c.key === "method_satisfaction")!;
    expect(method).toMatchObject({ status: "shared", reworded: true });
    expect(method.wording.map((w) => [w.version, w.text.sv])).toEqual([
      [1, v1!.questions.find((q) => q.key === "method_satisfaction")!.text.sv],
      [2, "Var vårt sätt att arbeta bra?"],
    ]);
    // a new option key: same key, but no longer comparable
    expect(classes.find((c) => c.key === "expectations_met")!.status).toBe("not_comparable");
    expect(classes.find((c) => c.key === "contact_satisfaction")).toMatchObject({ status: "shared", reworded: false, wording: [] });
  });

  it("flags a rewording between two later versions in a language the first lacks", () => {
    const [v1] = reference().versions;
    const only = (v: typeof v1, version: number, text: Record<string, string>) => {
      const copy = structuredClone(v!);
      copy.version = version;
      copy.questions.find((q) => q.key === "method_satisfaction")!.text = text;
      return copy;
    };
    const classes = classifyQuestions([only(v1, 1, { sv: "Fråga" }), only(v1, 2, { sv: "Fråga", so: "A" }), only(v1, 3, { sv: "Fråga", so: "B" })]);
    expect(classes.find((c) => c.key === "method_satisfaction")).toMatchObject({ status: "shared", reworded: true });
    // adding the translation alone rewords nothing
    const added = classifyQuestions([only(v1, 1, { sv: "Fråga" }), only(v1, 2, { sv: "Fråga", so: "A" })]);
    expect(added.find((c) => c.key === "method_satisfaction")).toMatchObject({ reworded: false });
  });
});

const table = (answered: number | null, counts: Record<string, number> | null, respondents = 30): QuestionTable => ({
  key: "method_satisfaction",
  type: "single",
  respondents,
  answered,
  suppressed: answered === null,
  ...(answered === null ? { reason: "too_few" as const } : {}),
  options: ["yes", "partly", "no"].map((key) => ({
    key,
    count: counts ? (counts[key] ?? 0) : null,
    percent: counts && answered ? Math.round(((counts[key] ?? 0) * 1000) / answered) / 10 : null,
  })),
});
const question = {
  key: "method_satisfaction",
  type: "single" as const,
  options: ["yes", "partly", "no"].map((key) => ({ key, text: { sv: key } })),
  rows: [],
};

describe("disclosure control across the columns", () => {
  it("hides the smallest shown column too when a hidden one could be recovered from the total", () => {
    // version 1 has 3 answers: total 33 − 10 − 20 would give them back
    expect(complementaryHidden([{ column: "1", answered: null }, { column: "2", answered: 10 }, { column: "3", answered: 20 }], 33, 5)).toEqual(
      new Set(["2"]),
    );
    // nothing hidden, or the hidden column is empty: nothing more to hide
    expect(complementaryHidden([{ column: "1", answered: 6 }, { column: "2", answered: 10 }], 16, 5).size).toBe(0);
    expect(complementaryHidden([{ column: "1", answered: null }, { column: "2", answered: 10 }], 10, 5).size).toBe(0);
    // two hidden holding fewer than five together: one more
    expect(
      complementaryHidden(
        [{ column: "1", answered: null }, { column: "2", answered: null }, { column: "3", answered: 7 }, { column: "4", answered: 9 }],
        20,
        5,
      ),
    ).toEqual(new Set(["3"]));
  });

  it("shows no counts, percentages or intervals in a hidden column, and no verdict from it", () => {
    const side = sideBySide(
      question,
      [
        { column: "1", table: table(null, null, 4) },
        { column: "2", table: table(10, { yes: 8, partly: 2 }) },
        { column: "3", table: table(20, { yes: 10, partly: 5, no: 5 }) },
      ],
      5,
      { total: table(33, { yes: 20, partly: 8, no: 5 }) },
    );
    const p = side.parts[0]!;
    expect(p.columns.map((c) => [c.column, c.suppressed, c.reason ?? null, c.answered])).toEqual([
      ["1", true, "too_few", null],
      ["2", true, "complementary", null],
      ["3", false, null, 20],
    ]);
    for (const o of p.options) {
      expect(o.cells.slice(0, 2).every((c) => c.count === null && c.percent === null && c.ci95 === null)).toBe(true);
      expect(o.verdict).toEqual({ kind: "too_few" });
    }
    expect(p.options[0]!.cells[2]).toEqual({ column: "3", count: 10, percent: 50, ci95: [0.299, 0.701] });
  });

  it("marks a column whose version does not ask the question, and derives the indicator from shown cells", () => {
    const side = sideBySide(question, [
      { column: "closure", table: table(21, { yes: 14, partly: 5, no: 2 }) },
      { column: "followup", table: undefined },
    ], 5);
    expect(side.parts[0]!.columns[1]).toMatchObject({ notAsked: true, answered: null });
    const ind = indicatorComparison({ key: "ok", question: "method_satisfaction", success: ["yes"], target: 0.6, label: {} }, side)!;
    expect(ind.cells[0]).toMatchObject({ n: 21, value: 0.667, ci95: [0.454, 0.828], status: "uncertain" });
    expect(ind.cells[1]).toMatchObject({ n: null, value: null, ci95: null });
    expect(ind.verdict).toEqual({ kind: "too_few" });
  });
});

describe("matrix questions", () => {
  it("compares each row on its own and hides a row too few answered", () => {
    const matrix = (physical: Record<string, number> | null, sexual: Record<string, number> | null): QuestionTable => {
      const row = (key: string, c: Record<string, number> | null) => {
        const answered = c ? Object.values(c).reduce((s, n) => s + n, 0) : null;
        return {
          key,
          answered,
          suppressed: c === null,
          options: ["stopped", "reduced"].map((o) => ({
            key: o,
            count: c ? (c[o] ?? 0) : null,
            percent: c && answered ? Math.round(((c[o] ?? 0) * 1000) / answered) / 10 : null,
          })),
        };
      };
      return { key: "violence_by_type", type: "matrix", respondents: 20, answered: 20, suppressed: false, rows: [row("physical", physical), row("sexual", sexual)] };
    };
    const q = {
      key: "violence_by_type",
      type: "matrix" as const,
      options: ["stopped", "reduced"].map((key) => ({ key, text: { sv: key } })),
      rows: ["physical", "sexual"].map((key) => ({ key, text: { sv: key } })),
    };
    const side = sideBySide(q, [
      { column: "closure", table: matrix({ stopped: 18, reduced: 2 }, { stopped: 6 }) },
      { column: "followup", table: matrix({ stopped: 3, reduced: 7 }, null) },
    ], 5);
    expect(side.parts.map((p) => p.row)).toEqual(["physical", "sexual"]);
    const physical = side.parts[0]!;
    expect(physical.options[0]!.text).toBe("higher at closure");
    expect(physical.options[0]!.cells.map((c) => c.count)).toEqual([18, 3]);
    const sexual = side.parts[1]!;
    expect(sexual.columns.map((c) => c.suppressed)).toEqual([false, true]);
    expect(sexual.columns[1]!.reason).toBe("too_few");
    expect(sexual.options[0]!.verdict).toEqual({ kind: "too_few" });
    // a row hidden for a release block says so, not "too few": its report gave the reason
    const blocked = matrix({ stopped: 18, reduced: 2 }, { stopped: 12, reduced: 4 });
    blocked.rows![1] = { ...blocked.rows![1]!, answered: null, suppressed: true, reason: "complementary" };
    const withBlock = sideBySide(q, [{ column: "closure", table: blocked }], 5);
    expect(withBlock.parts[1]!.columns.map((c) => [c.suppressed, c.reason])).toEqual([[true, "complementary"]]);
  });
});
