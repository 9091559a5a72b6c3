import { describe, expect, it } from "vitest";
import {
  ALL_GROUPS_LEVEL,
  DERIVED_LEVELS,
  DIMENSION_LEVELS,
  LANGUAGE_DIMENSION_LEVELS,
  LANGUAGE_LEVEL,
  LANGUAGE_SUMMED_LEVEL,
  languageLevel,
  lastDerivableMonth,
  levelReads,
  SUMMED_LEVEL,
} from "~/results/levels";

describe("the level a report reads", () => {
  it("is level 0 without a group filter and level 1 with two", () => {
    expect(levelReads([], "2025-01", "2025-12", "2025-12")).toEqual([{ level: SUMMED_LEVEL, from: "2025-01", to: "2025-12" }]);
    expect(levelReads(["role", "referral"], "2025-01", "2025-12", "2025-12")).toEqual([{ level: ALL_GROUPS_LEVEL, from: "2025-01", to: "2025-12" }]);
  });

  it("is the filter's own level where that level is built, and level 1 for the months after", () => {
    expect(levelReads(["referral"], "2025-01", "2025-12", "2026-10")).toEqual([{ level: DIMENSION_LEVELS.referral, from: "2025-01", to: "2025-12" }]);
    expect(levelReads(["gender"], "2025-01", "2025-12", "2025-09")).toEqual([
      { level: DIMENSION_LEVELS.gender, from: "2025-01", to: "2025-09" },
      { level: ALL_GROUPS_LEVEL, from: "2025-10", to: "2025-12" },
    ]);
    // built only before the period, or not at all: level 1 throughout
    expect(levelReads(["role"], "2025-01", "2025-12", "2024-12")).toEqual([{ level: ALL_GROUPS_LEVEL, from: "2025-01", to: "2025-12" }]);
    expect(levelReads(["clientGroup"], "2025-01", "2025-12", null)).toEqual([{ level: ALL_GROUPS_LEVEL, from: "2025-01", to: "2025-12" }]);
  });

  it("counts languages from the summed level without a filter, the group's own with one, all four kept with more", () => {
    expect(languageLevel([])).toBe(LANGUAGE_SUMMED_LEVEL);
    expect(languageLevel(["referral"])).toBe(LANGUAGE_DIMENSION_LEVELS.referral);
    expect(languageLevel(["gender"])).toBe(LANGUAGE_DIMENSION_LEVELS.gender);
    expect(languageLevel(["role", "clientGroup"])).toBe(LANGUAGE_LEVEL);
  });

  it("gives every dimension and the response rows a level of their own", () => {
    const levels = [...DERIVED_LEVELS];
    expect(levels).toEqual(expect.arrayContaining([...Object.values(DIMENSION_LEVELS), ...Object.values(LANGUAGE_DIMENSION_LEVELS)]));
    expect(new Set(levels).size).toBe(levels.length);
    expect(levels).not.toContain(SUMMED_LEVEL);
    expect(levels).not.toContain(ALL_GROUPS_LEVEL);
  });
});

describe("the months the daily job may derive", () => {
  it("are those that ended at least an hour ago, in Swedish time", () => {
    // 2026-03-01 00:30 in Stockholm: February ended half an hour ago, a submit may still commit
    expect(lastDerivableMonth(new Date("2026-02-28T23:30:00Z"))).toBe("2026-01");
    expect(lastDerivableMonth(new Date("2026-03-01T00:30:00Z"))).toBe("2026-02");
    expect(lastDerivableMonth(new Date("2026-03-20T12:00:00Z"))).toBe("2026-02");
  });
});
