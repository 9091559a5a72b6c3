/**
 * The comparison on seeded answers in versions 1–3, through runReport and the `compare` command.
 */
import { beforeAll, describe, expect, it, vi } from "vitest";
import { runCli } from "~/cli/main";
import { parseCommandArgs, UsageError } from "~/cli/framework";
import { compare } from "~/cli/commands/compare";
import type { Comparison } from "~/results/compare.server";
import { runComparison } from "~/results/compare.server";
import { addResponses, respondents, versionId, type Answers } from "../../support/results-fixture";

async function runCompare(argv: string[]): Promise<string> {
  const lines: string[] = [];
  await compare.run(parseCommandArgs(compare, argv), { stdout: (t) => lines.push(t), stdin: async () => "" });
  return lines.join("\n");
}

const add = (version: number, month: string, people: Answers[], wave: "closure" | "followup" = "closure") =>
  addResponses(people.map((answers) => ({ version, wave, month, answers })));

beforeAll(async () => {
  await versionId(3);
  // 2016: twenty closure answers per version; method_satisfaction "yes" rises from 6 to 19 of 20
  await add(1, "2016-03", respondents(20, {
    contact_satisfaction: { very_satisfied: 10, satisfied: 10 },
    method_satisfaction: { yes: 6, partly: 10, no: 4 },
    expectations_met: { yes: 10, partly: 10 },
    violence_stopped: { yes: 12, reduced: 6, no: 2 },
  }));
  await add(2, "2016-06", respondents(20, {
    role: { subjected: 12, perpetrator: 8 },
    method_satisfaction: { yes: 12, partly: 6, no: 2 },
    violence_stopped: { yes: 13, reduced: 5, no: 2 },
    feel_better: { yes: 15, partly: 5 },
  }));
  await add(3, "2016-09", respondents(21, {
    role: { subjected: 11, perpetrator: 10 },
    method_satisfaction: { yes: 19, partly: 1 },
    violence_stopped: { yes: 14, reduced: 5, no: 2 },
    violence_by_type: {},
  }).map((a, i) => (i < 6 ? { ...a, violence_by_type: { physical: "stopped", sexual: "stopped" } } : a)));
  // follow-up six months later: another cohort, smaller
  await add(3, "2016-10", respondents(10, { violence_stopped: { yes: 3, reduced: 3, no: 4 } }), "followup");
  // 2017-01: version 1 has only three answers
  await add(1, "2017-01", respondents(3, { method_satisfaction: { yes: 3 } }));
  await add(2, "2017-01", respondents(8, { method_satisfaction: { yes: 4, no: 4 } }));
  await add(3, "2017-01", respondents(12, { method_satisfaction: { yes: 6, partly: 6 } }));
});

/** The comparison, failing the test if it was withheld as a whole. */
async function comparisonOf(q: Parameters<typeof runComparison>[0]): Promise<Comparison> {
  const r = await runComparison(q);
  if ("withheld" in r) throw new Error(r.reason);
  return r.comparison;
}

describe("comparing versions 1–3 on seeded answers", () => {
  let c: Comparison;
  beforeAll(async () => {
    c = await comparisonOf({ survey: "brukarenkat", versions: "all", wave: "closure", from: "2016-01", to: "2016-12" });
  });

  it("compares every question across the versions that have answers and ask it", () => {
    const keys = (pred: (q: Comparison["questions"][number]) => boolean) => c.questions.filter(pred).map((q) => q.key).sort();
    expect(keys((q) => q.status === "shared")).toEqual(
      ["comments", "contact_satisfaction", "expectations_met", "method_satisfaction", "violence_stopped", "alternative_strategies", "feel_better", "role", "gender"].sort(),
    );
    const inVersions = Object.fromEntries(c.questions.map((q) => [q.key, q.inVersions]));
    for (const key of ["alternative_strategies", "feel_better", "role", "gender"]) expect(inVersions[key]).toEqual([2, 3]);
    expect(inVersions.violence_by_type).toEqual([3]);
    // a question version 1 lacks is compared across 2 and 3, with their columns only
    const role = c.questions.find((q) => q.key === "role")!;
    expect(role.comparedIn).toEqual([2, 3]);
    expect(role.parts![0]!.columns.map((x) => [x.column, x.answered])).toEqual([["2", 20], ["3", 21]]);
    expect(c.questions.find((q) => q.key === "violence_by_type")).toMatchObject({ status: "partial", comparedIn: [3] });
    expect(c.questions.filter((q) => q.status === "partial").every((q) => q.parts === undefined)).toBe(true);
    expect(c.responses).toEqual([
      { column: "1", n: 20 },
      { column: "2", n: 20 },
      { column: "3", n: 21 },
    ]);
  });

  it("puts counts, percentages and Wilson intervals side by side with a verdict per option", () => {
    const method = c.questions.find((q) => q.key === "method_satisfaction")!.parts![0]!;
    expect(method.columns.map((x) => x.answered)).toEqual([20, 20, 20]);
    const yes = method.options.find((o) => o.key === "yes")!;
    expect(yes.cells.map((x) => [x.count, x.percent])).toEqual([[6, 30], [12, 60], [19, 95]]);
    expect(yes.cells[0]!.ci95).toEqual([0.145, 0.519]);
    expect(yes.verdict).toEqual({ kind: "difference", pairs: [{ higher: "3", lower: "1" }] });
    expect(yes.text).toBe("higher in version 3 than in version 1");
    const stopped = c.questions.find((q) => q.key === "violence_stopped")!.parts![0]!;
    expect(stopped.options.find((o) => o.key === "yes")!.text).toBe("no clear difference");
    // versions without answers to a question: hidden, not zero
    const contact = c.questions.find((q) => q.key === "contact_satisfaction")!.parts![0]!;
    expect(contact.columns.map((x) => x.suppressed)).toEqual([false, true, true]);
    expect(c.indicators[0]!.cells.map((x) => x.value)).toEqual([0.6, 0.65, 0.667]);
  });

  it("pools the shared questions across the versions", () => {
    expect(c.pooled.responses).toBe(61);
    const method = c.pooled.questions.find((q) => q.key === "method_satisfaction")!.parts[0]!;
    expect(method.options.find((o) => o.key === "yes")!.cells).toEqual([{ column: "pooled", count: 37, percent: 61.7, ci95: expect.any(Array) }]);
    expect(method.options[0]!.verdict).toBeNull();
    expect(c.pooled.questions.map((q) => q.key)).not.toContain("violence_by_type");
    // a question in versions 2 and 3 pools their answers only
    expect(c.pooled.questions.find((q) => q.key === "role")!.parts[0]!.columns[0]!.answered).toBe(41);
    expect(c.pooled.indicators[0]!.cells[0]).toMatchObject({ n: 61, value: 0.639, status: "uncertain" });
  });

  it("puts closure beside follow-up on questions asked in both, as cohorts", () => {
    expect(c.waves.linked).toBe(false);
    expect(c.waves.note).toMatch(/never linked per client/);
    expect(c.waves.questions.map((q) => q.key).sort()).toEqual(["comments", "feel_better", "gender", "role", "violence_stopped"]);
    const ind = c.waves.indicators[0]!;
    expect(ind.cells.map((x) => [x.column, x.n, x.value])).toEqual([
      ["closure", 61, 0.639],
      ["followup", 10, 0.3],
    ]);
    expect(ind.text).toBe("no clear difference");
  });

  it("shows no counts for a version with fewer than five respondents, nor for the column that would give them away", async () => {
    const small = await comparisonOf({ survey: "brukarenkat", versions: [1, 2, 3], wave: "closure", from: "2017-01", to: "2017-01" });
    const method = small.questions.find((q) => q.key === "method_satisfaction")!.parts![0]!;
    expect(method.columns.map((x) => [x.column, x.suppressed, x.reason ?? null])).toEqual([
      ["1", true, "complementary"],
      ["2", true, "complementary"],
      ["3", false, null],
    ]);
    // version 1 (3 answers) and 2 (8) form one hidden class: each alone is a withheld filter
    expect(small.withheld.map((w) => w.column)).toEqual(["1", "2"]);
    for (const o of method.options) for (const cell of o.cells.slice(0, 2)) expect(cell).toMatchObject({ count: null, percent: null, ci95: null });
    expect(JSON.stringify(small.questions.find((q) => q.key === "method_satisfaction"))).not.toMatch(/"count":3\b/);
    // nor does the summary: hidden columns give neither a count nor a share
    for (const line of small.summary) {
      expect(line.cells.slice(0, 2).every((x) => x.notAsked || (x.hidden && x.n === null && x.percent === null))).toBe(true);
      expect(line.verdict?.kind).toBe("too_few");
    }
  });
});

describe("a version without answers in the period", () => {
  it("says no answers, adds no column and takes no question out of the comparison of the others", async () => {
    // 2016-06 … 2016-12: versions 2 and 3 have answers, version 1 has none
    const c = await comparisonOf({ survey: "brukarenkat", versions: [1, 2, 3], wave: "closure", from: "2016-06", to: "2016-12" });
    expect(c.versions).toEqual([1, 2, 3]);
    expect(c.answered).toEqual([2, 3]);
    expect(c.responses.find((r) => r.column === "1")).toEqual({ column: "1", n: 0 });
    for (const key of ["role", "gender", "feel_better", "method_satisfaction"]) {
      const q = c.questions.find((x) => x.key === key)!;
      expect(q).toMatchObject({ status: "shared", comparedIn: [2, 3] });
      expect(q.parts![0]!.columns.map((x) => x.column)).toEqual(["2", "3"]);
    }
    // no "hidden" column stands in for version 1 anywhere
    expect(c.indicators[0]!.cells.map((x) => [x.column, x.suppressed])).toEqual([["2", false], ["3", false]]);
    expect(c.summary.every((l) => l.cells.map((x) => x.column).join() === "2,3")).toBe(true);
    expect(c.summary[0]).toMatchObject({ kind: "indicator", key: "violence_stopped", text: "no clear difference" });
    // 12 of 20 against 19 of 20: the intervals (38.7–78.1 %, 76.4–99.1 %) still overlap
    expect(c.summary.find((l) => l.key === "method_satisfaction")).toMatchObject({ text: "no clear difference", options: ["yes"] });
    expect(c.detectable).toMatchObject({ n: [20, 21] });
  });

  it("by default compares only the versions with answers, over closed months", async () => {
    const c = await comparisonOf({ survey: "brukarenkat", versions: "answered", wave: "closure", from: "2016-06" });
    // to: the last month with answers (2017-01, where version 1 answered again)
    expect(c).toMatchObject({ versions: [1, 2, 3], answered: [1, 2, 3], from: "2016-06", to: "2017-01" });
    const json = JSON.parse(await runCompare(["--survey", "brukarenkat", "--from", "2016-06", "--to", "2016-12", "--json"]));
    expect(json).toMatchObject({ versions: [2, 3], answered: [2, 3] });
    expect(json.summary[0]).toMatchObject({ kind: "indicator", cells: [{ column: "2", percent: 65 }, { column: "3", percent: 66.7 }] });
    // every field the JSON had before is still there
    for (const field of ["survey", "from", "to", "wave", "versions", "minGroupSize", "responses", "questions", "indicators", "pooled", "waves"])
      expect(json).toHaveProperty(field);
  });

  it("refuses a period where fewer than two chosen versions have answers", async () => {
    await expect(runComparison({ survey: "brukarenkat", versions: "all", wave: "closure", from: "2016-09", to: "2016-12" })).rejects.toThrow(
      /fewer than two of the chosen versions have closure answers from 2016-09 to 2016-12 \(only version 3\)/,
    );
  });
});

describe("compare on the command line", () => {
  it("prints the comparison as JSON", async () => {
    const json = JSON.parse(await runCompare(["--survey", "brukarenkat", "--versions", "1,2,3", "--from", "2016-01", "--to", "2016-12", "--json"]));
    expect(json).toMatchObject({ survey: "brukarenkat", from: "2016-01", to: "2016-12", wave: "closure", versions: [1, 2, 3], minGroupSize: 5 });
    expect(json.questions.find((q: { key: string }) => q.key === "violence_by_type")).toMatchObject({ status: "partial", inVersions: [3] });
    expect(json.waves.linked).toBe(false);
    const all = JSON.parse(await runCompare(["--survey", "brukarenkat", "--versions", "all", "--from", "2016-01", "--to", "2016-12", "--json"]));
    expect(all).toEqual(json);
  });

  it("prints Swedish text with verdicts in words", async () => {
    const text = await runCompare(["--survey", "brukarenkat", "--versions", "1,3", "--from", "2016-01", "--to", "2016-12"]);
    expect(text).toMatch(/Ja, absolut: v1: 6 \(30,0 %, 14,5\s%–51,9\s%\) \| v3: 19 \(95,0 %/);
    expect(text).toContain("högre i version 3");
    expect(text).toContain("aldrig kopplade per klient");
  });

  it("refuses bad input: exit 1 and one line on stderr", async () => {
    await expect(runCompare(["--survey", "brukarenkat", "--versions", "2"])).rejects.toThrow(/at least two versions/);
    await expect(runCompare(["--survey", "brukarenkat", "--versions", "1,9"])).rejects.toThrow(/no published version 9/);
    await expect(runCompare(["--survey", "brukarenkat", "--versions", "one,two"])).rejects.toThrow(UsageError);
    await expect(runCompare(["--survey", "nope", "--versions", "all"])).rejects.toThrow(UsageError);
    await expect(runCompare(["--survey", "brukarenkat", "--versions", "all", "--wave", "later"])).rejects.toThrow(/--wave/);
    await expect(runCompare(["--survey", "brukarenkat", "--versions", "all", "--from", "2016-13"])).rejects.toThrow(/YYYY-MM/);
    const out: string[] = [];
    const err: string[] = [];
    const stdout = vi.spyOn(process.stdout, "write").mockImplementation((chunk) => (out.push(String(chunk)), true));
    const stderr = vi.spyOn(process.stderr, "write").mockImplementation((chunk) => (err.push(String(chunk)), true));
    try {
      expect(await runCli(["compare", "--survey", "brukarenkat", "--versions", "2,3", "--from", "2016-01", "--to", "2016-12", "--json"])).toBe(0);
      expect(JSON.parse(out.join(""))).toMatchObject({ versions: [2, 3] });
      // months not yet closed: withheld as any report of them is, whatever was answered (the
      // versions with answers came from live counts once, and said which had some this month)
      out.length = 0;
      expect(await runCli(["compare", "--survey", "brukarenkat", "--from", "2030-01", "--to", "2030-12", "--json"])).toBe(0);
      expect(JSON.parse(out.join(""))).toMatchObject({ withheld: true });
      expect(err.join("")).toBe("");
    } finally {
      stdout.mockRestore();
      stderr.mockRestore();
    }
  });
});
