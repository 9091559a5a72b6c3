import { describe, expect, it } from "vitest";
import { indicatorComparison, sideBySide } from "~/results/compare";
import { defaultPeriod, detectableNote, summaryLines } from "~/results/compare-summary";
import type { QuestionTable } from "~/results/report";

// months with released answers; 2026-11 is the open month
const months = ["2026-03", "2026-08", "2026-09", "2026-10", "2026-11"];

describe("the comparison's defaults", () => {
  it("end at the last closed month, never the open one or the future", () => {
    expect(defaultPeriod(months, {}, "2026-10")).toEqual({ from: "2026-03", to: "2026-10" });
    // answers stopped earlier: the period ends with them
    expect(defaultPeriod(["2026-03", "2026-08"], {}, "2026-10")).toEqual({ from: "2026-03", to: "2026-08" });
    expect(defaultPeriod([], {}, "2026-10")).toEqual({ from: "2026-10", to: "2026-10" });
  });

  it("keep the ends the reader chose", () => {
    expect(defaultPeriod(months, { from: "2026-06" }, "2026-10")).toEqual({ from: "2026-06", to: "2026-10" });
    expect(defaultPeriod(months, { to: "2026-08" }, "2026-10")).toEqual({ from: "2026-03", to: "2026-08" });
    expect(defaultPeriod(months, { to: "2026-11" }, "2026-10")).toEqual({ from: "2026-03", to: "2026-11" });
  });
});

const table = (answered: number, counts: Record<string, number>): QuestionTable =>
  ({
    key: "q",
    type: "single",
    respondents: answered,
    answered,
    suppressed: false,
    options: Object.entries(counts).map(([key, count]) => ({ key, count, percent: Math.round((count / answered) * 1000) / 10 })),
  }) as unknown as QuestionTable;

describe("the summary", () => {
  const method = { key: "method", type: "single" as const, options: [{ key: "yes", text: {} }, { key: "no", text: {} }], rows: [] };
  const stopped = { ...method, key: "stopped" };
  const side = (key: string, v3: QuestionTable, v4: QuestionTable) =>
    sideBySide({ ...method, key }, [{ column: "3", table: v3 }, { column: "4", table: v4 }], 5);
  const methodSide = side("method", table(32, { yes: 6, no: 26 }), table(9, { yes: 9, no: 0 }));
  const stoppedSide = side("stopped", table(32, { yes: 18, no: 14 }), table(9, { yes: 6, no: 3 }));
  const indicator = indicatorComparison({ key: "ind", label: {}, question: "stopped", success: ["yes"], target: 0.6 }, stoppedSide)!;
  const lines = summaryLines(
    ["2", "3", "4"],
    [indicator],
    [
      { key: "method", type: "single", parts: methodSide.parts },
      { key: "stopped", type: "single", parts: stoppedSide.parts },
      { key: "comments", type: "text", parts: [] },
    ],
    [method, stopped],
  );

  it("puts the indicator first and does not repeat its question", () => {
    expect(lines.map((l) => [l.kind, l.key])).toEqual([
      ["indicator", "ind"],
      ["question", "method"],
    ]);
    expect(lines[0]!.cells.map((c) => c.percent)).toEqual([null, 56.3, 66.7]);
    expect(lines[0]!.text).toBe("no clear difference");
  });

  it("carries the indicator's goal and each version's standing against it, from its interval", () => {
    expect(lines[0]!.target).toBe(0.6);
    expect(lines[0]!.cells.map((c) => c.status)).toEqual([null, "uncertain", "uncertain"]);
    const clear = indicatorComparison(
      { key: "ind", label: {}, question: "stopped", success: ["yes"], target: 0.6 },
      side("stopped", table(200, { yes: 180, no: 20 }), table(200, { yes: 60, no: 140 })),
    )!;
    const [line] = summaryLines(["3", "4"], [clear], [], [stopped]);
    expect(line!.cells.map((c) => c.status)).toEqual(["met", "not_met"]);
    expect(lines[1]!.target).toBeNull();
  });

  it("gives the headline option's percentages and the verdict in words, with 'not asked' for a column without answers", () => {
    expect(lines[1]).toMatchObject({ options: ["yes"], text: "higher in version 4", otherDifferences: ["no"] });
    expect(lines[1]!.cells).toEqual([
      { column: "2", n: null, percent: null, hidden: false, notAsked: true, status: null },
      { column: "3", n: 32, percent: 18.8, hidden: false, notAsked: false, status: null },
      { column: "4", n: 9, percent: 100, hidden: false, notAsked: false, status: null },
    ]);
  });

  it("words the note from the two smallest shown counts and never from a hidden one", () => {
    expect(detectableNote([{ column: "3", n: 32 }, { column: "4", n: 9 }, { column: "2", n: 40 }])).toMatchObject({ columns: ["4", "3"], n: [9, 32], points: 50 });
    expect(detectableNote([{ column: "3", n: 32 }, { column: "4", n: null }])).toBeNull();
  });
});
