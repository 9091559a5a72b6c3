import { describe, expect, it } from "vitest";
import { partMonths, partsLeftOut } from "~/results/unit-parts";

describe("unit parts", () => {
  it("leaves out the months before, between and after a unit's parts, and every month of a unit or wave without parts", () => {
    const parts = [
      { unitId: "a", wave: "closure", from: "2025-03", to: "2025-05" },
      { unitId: "a", wave: "closure", from: "2025-08", to: "2025-09" },
      { unitId: "b", wave: "closure", from: "2025-01", to: "2025-12" },
    ];
    expect(partsLeftOut(parts, ["a", "b", "c"], ["closure", "followup"], "2025-01", "2025-12")).toEqual([
      { unitId: "a", wave: "closure", from: "2025-01", to: "2025-02" },
      { unitId: "a", wave: "closure", from: "2025-06", to: "2025-07" },
      { unitId: "a", wave: "closure", from: "2025-10", to: "2025-12" },
      { unitId: "c", wave: "closure", from: "2025-01", to: "2025-12" },
      { unitId: "a", wave: "followup", from: "2025-01", to: "2025-12" },
      { unitId: "b", wave: "followup", from: "2025-01", to: "2025-12" },
      { unitId: "c", wave: "followup", from: "2025-01", to: "2025-12" },
    ]);
  });

  it("cuts parts to the range and merges overlapping or adjoining ones, across a year's end", () => {
    const parts = [
      { unitId: "a", wave: "closure", from: "2024-11", to: "2025-01" },
      { unitId: "a", wave: "closure", from: "2025-02", to: "2025-02" },
      { unitId: "a", wave: "closure", from: "2025-01", to: "2025-03" },
      { unitId: "a", wave: "closure", from: "2025-06", to: "2026-02" },
    ];
    expect(partsLeftOut(parts, ["a"], ["closure"], "2024-12", "2025-12")).toEqual([{ unitId: "a", wave: "closure", from: "2025-04", to: "2025-05" }]);
    expect(partMonths(parts, "2024-12", "2025-12")).toBe(11);
    expect(partMonths(parts, "2025-04", "2025-05")).toBe(0);
  });

  it("leaves out nothing of an empty range, and everything of a unit whose parts lie outside it", () => {
    expect(partsLeftOut([], ["a"], ["closure"], "2025-02", "2025-01")).toEqual([]);
    const outside = [{ unitId: "a", wave: "closure", from: "2023-01", to: "2023-12" }];
    expect(partsLeftOut(outside, ["a"], ["closure"], "2025-01", "2025-06")).toEqual([{ unitId: "a", wave: "closure", from: "2025-01", to: "2025-06" }]);
  });
});
