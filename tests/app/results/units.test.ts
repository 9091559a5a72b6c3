import { describe, expect, it } from "vitest";
import { breakdownTotalHidden, effectiveMinGroupSize, suppressBreakdown, tooFew } from "~/results/disclosure";
import { formatCount, formatDecimal, formatPercent, formatShare, percentOf } from "~/results/format";
import {
  addMonths,
  currentMonth,
  isMonth,
  monthCount,
  monthsBetween,
  parsePeriod,
  rolling12,
  tertial,
  tertialOf,
  tertialToDate,
  widerPeriod,
} from "~/results/period";
import { round3, targetStatus, wilsonInterval } from "~/results/wilson";
import { parseReviewParams, scopePeriod } from "~/results/review.server";

describe("periods", () => {
  it("reads months, tertials, years, ranges and rolling twelve months", () => {
    expect(parsePeriod("2015-03")).toEqual({ from: "2015-03", to: "2015-03" });
    expect(parsePeriod("2015-T1")).toEqual({ from: "2015-01", to: "2015-04" });
    expect(parsePeriod("2015-t2")).toEqual({ from: "2015-05", to: "2015-08" });
    expect(parsePeriod("2015T3")).toEqual({ from: "2015-09", to: "2015-12" });
    expect(parsePeriod("2015")).toEqual({ from: "2015-01", to: "2015-12" });
    expect(parsePeriod("2015-02..2015-06")).toEqual({ from: "2015-02", to: "2015-06" });
    expect(parsePeriod("R12:2015-03")).toEqual({ from: "2014-04", to: "2015-03" });
    for (const bad of ["2015-13", "2015-T4", "2015-06..2015-02", "march", ""]) expect(parsePeriod(bad)).toBeNull();
  });

  it("counts months across year ends", () => {
    expect(addMonths("2015-11", 3)).toBe("2016-02");
    expect(addMonths("2015-01", -1)).toBe("2014-12");
    expect(monthsBetween("2014-11", "2015-02")).toEqual(["2014-11", "2014-12", "2015-01", "2015-02"]);
    expect(rolling12("2015-12")).toEqual({ from: "2015-01", to: "2015-12" });
    expect(tertialToDate("2015-07")).toEqual({ from: "2015-05", to: "2015-07" });
  });

  it("suggests a wider period that ends in the same month", () => {
    expect(widerPeriod({ from: "2015-03", to: "2015-03" })).toEqual({ from: "2015-01", to: "2015-03" });
    expect(widerPeriod({ from: "2015-01", to: "2015-01" })).toEqual({ from: "2014-02", to: "2015-01" });
    expect(widerPeriod({ from: "2015-01", to: "2015-04" })).toEqual({ from: "2014-05", to: "2015-04" });
  });
});

describe("periods, at their edges", () => {
  it("accepts only a calendar month written YYYY-MM", () => {
    for (const good of ["2015-01", "2015-09", "2015-10", "2015-12", "0999-03"]) expect(isMonth(good), good).toBe(true);
    for (const bad of ["2015-00", "2015-13", "2015-1", "15-03", "12015-03", "2015-03x", "x2015-03", "2015/03", "201a-03"])
      expect(isMonth(bad), bad).toBe(false);
    // a query string can repeat a field; an array that prints as a month is still not one
    expect(isMonth(["2015-03"])).toBe(false);
    expect(isMonth(undefined)).toBe(false);
  });

  it("refuses to compute with something that is not a month", () => {
    expect(() => addMonths("2015-13", 1)).toThrow(new RangeError("not a month (YYYY-MM): 2015-13"));
    expect(() => monthCount({ from: "2015-01", to: "june" })).toThrow(RangeError);
  });

  it("writes years below 1000 with four digits", () => {
    expect(addMonths("1000-01", -1)).toBe("0999-12");
  });

  it("counts the months of a period, ends included", () => {
    expect(monthCount({ from: "2015-03", to: "2015-03" })).toBe(1);
    expect(monthCount({ from: "2014-11", to: "2016-02" })).toBe(16);
  });

  it("puts April in T1, May in T2 and December in T3", () => {
    expect([1, 4, 5, 8, 9, 12].map((m) => tertialOf(`2015-${String(m).padStart(2, "0")}`))).toEqual([1, 1, 2, 2, 3, 3]);
    expect(tertial(2015, 3)).toEqual({ from: "2015-09", to: "2015-12" });
  });

  it("takes the current month in UTC", () => {
    expect(currentMonth(new Date("2015-12-31T23:30:00Z"))).toBe("2015-12");
    expect(currentMonth(new Date("2016-01-01T00:00:00Z"))).toBe("2016-01");
  });

  it("reads periods however they are spaced or cased, and refuses impossible months inside them", () => {
    expect(parsePeriod(" r12:2015-03 ")).toEqual({ from: "2014-04", to: "2015-03" });
    expect(parsePeriod("2015-02 .. 2015-06")).toEqual({ from: "2015-02", to: "2015-06" });
    expect(parsePeriod("2015-02..2015-02")).toEqual({ from: "2015-02", to: "2015-02" });
    for (const bad of ["R12:2015-13", "2015-13..2016-01", "2015-01..2015-13", "20155", "x2015", "2015-T1x", "R12:2015-03x", "2015-01..2015-02x", "x2015-T1", "xR12:2015-03", "x2015-01..2015-02"])
      expect(parsePeriod(bad), bad).toBeNull();
  });

  it("suggests the next wider period at each size, and nothing beyond two years", () => {
    // three months inside a tertial: the tertial so far
    expect(widerPeriod({ from: "2015-07", to: "2015-08" })).toEqual({ from: "2015-05", to: "2015-08" });
    expect(widerPeriod({ from: "2015-02", to: "2015-04" })).toEqual({ from: "2015-01", to: "2015-04" });
    expect(widerPeriod({ from: "2015-01", to: "2015-11" })).toEqual({ from: "2014-12", to: "2015-11" });
    expect(widerPeriod({ from: "2015-01", to: "2015-12" })).toEqual({ from: "2014-01", to: "2015-12" });
    expect(widerPeriod({ from: "2014-02", to: "2015-12" })).toEqual({ from: "2014-01", to: "2015-12" });
    expect(widerPeriod({ from: "2014-01", to: "2015-12" })).toBeNull();
  });
});

describe("Wilson interval", () => {
  it("refuses what is not a proportion", () => {
    expect(wilsonInterval(1, 2.5)).toBeNull();
    expect(wilsonInterval(-1, 10)).toBeNull();
    expect(wilsonInterval(11, 10)).toBeNull();
    expect(wilsonInterval(0, -3)).toBeNull();
  });

  it("uses z = 1.96 unless told otherwise", () => {
    const [lo, hi] = wilsonInterval(5, 10, 1)!;
    expect(lo).toBeCloseTo(0.3492, 4);
    expect(hi).toBeCloseTo(0.6508, 4);
    const [lo95, hi95] = wilsonInterval(5, 10)!;
    expect(lo95).toBeCloseTo(0.2366, 4);
    expect(hi95).toBeCloseTo(0.7634, 4);
  });

  it("calls a target met when the interval starts exactly at it, and not met only when it ends below it", () => {
    expect(targetStatus([0.6, 0.8], 0.6)).toBe("met");
    expect(targetStatus([0.4, 0.6], 0.6)).toBe("uncertain");
    expect(targetStatus([0.4, 0.59], 0.6)).toBe("not_met");
  });

  it("rounds shares to three decimals, halves up", () => {
    expect(round3(0.8284)).toBe(0.828);
    expect(round3(0.8286)).toBe(0.829);
    expect(round3(0.0625)).toBe(0.063);
  });

  it("gives 0.454–0.828 for 14 of 21", () => {
    const [lo, hi] = wilsonInterval(14, 21)!;
    expect(lo).toBeCloseTo(0.454, 3);
    expect(hi).toBeCloseTo(0.828, 3);
  });

  it("stays inside 0–1 at the extremes and refuses no data", () => {
    const [lo0, hi0] = wilsonInterval(0, 10)!;
    expect(lo0).toBe(0);
    expect(hi0).toBeCloseTo(0.278, 3);
    const [lo1, hi1] = wilsonInterval(10, 10)!;
    expect(lo1).toBeCloseTo(0.722, 3);
    expect(hi1).toBeCloseTo(1, 9);
    expect(wilsonInterval(0, 0)).toBeNull();
  });

  it("says met, not met, or too few answers to tell against the 60 % goal", () => {
    expect(targetStatus(wilsonInterval(14, 21), 0.6)).toBe("uncertain");
    expect(targetStatus(wilsonInterval(90, 100), 0.6)).toBe("met");
    expect(targetStatus(wilsonInterval(30, 100), 0.6)).toBe("not_met");
    expect(targetStatus(null, 0.6)).toBe("suppressed");
  });
});

describe("numbers", () => {
  it("rounds percentages to one decimal of those who answered", () => {
    expect(percentOf(18, 21)).toBe(85.7);
    expect(percentOf(3, 22)).toBe(13.6);
    expect(percentOf(1, 8)).toBe(12.5);
    expect(percentOf(1, 16)).toBe(6.3);
    expect(percentOf(1, 0)).toBeNull();
  });

  it("writes numbers the Swedish and the English way", () => {
    expect(formatPercent(85.7, "sv")).toBe("85,7\u00a0%");
    expect(formatPercent(85.7, "en")).toBe("85.7%");
    expect(formatShare(0.88, "sv")).toBe("88,0\u00a0%");
    expect(formatPercent(null, "sv")).toBe("–");
    expect(formatCount(12345, "sv")).toBe("12\u00a0345");
    expect(formatDecimal(85.7, "sv")).toBe("85,7");
    expect(formatDecimal(85.7, "en")).toBe("85.7");
  });
});

describe("disclosure control", () => {
  it("never goes below three, whatever is configured", () => {
    expect(effectiveMinGroupSize(1)).toBe(3);
    expect(effectiveMinGroupSize(5)).toBe(5);
    expect(effectiveMinGroupSize(5.9)).toBe(5); // a fraction never lowers the bar below what it says
  });

  it("withholds a table of k-1 answers and shows one of exactly k", () => {
    expect(tooFew(4, 5)).toBe(true);
    expect(tooFew(5, 5)).toBe(false);
    expect(tooFew(0, 5)).toBe(true);
  });

  it("hides a group of 4 and one more, so the 4 cannot be recovered from the total", () => {
    const hidden = suppressBreakdown(
      [
        { key: "police", n: 4 },
        { key: "self", n: 12 },
        { key: "social_services", n: 7 },
        { key: "other", n: 0 },
      ],
      5,
    );
    expect(hidden.get("police")).toBe("too_few");
    expect(hidden.get("social_services")).toBe("complementary");
    expect(hidden.has("self")).toBe(false);
    expect(hidden.has("other")).toBe(false); // nobody in it: nothing to reveal
  });

  it("keeps hiding until the hidden groups together hold at least k people", () => {
    const hidden = suppressBreakdown(
      [
        { key: "a", n: 1 },
        { key: "b", n: 1 },
        { key: "c", n: 9 },
        { key: "d", n: 20 },
      ],
      5,
    );
    expect([...hidden.keys()].sort()).toEqual(["a", "b", "c"]);
  });

  it("leaves no hidden cell derivable, and shows every group of k or more unless a complement is needed (exhaustive)", () => {
    const k = 5;
    const seen = { complementary: 0, visibleAtK: 0, hiddenTotal: 0 };
    // every breakdown of up to 4 groups of 0–12 people
    const sizes = Array.from({ length: 13 }, (_, i) => i);
    for (const a of sizes)
      for (const b of sizes)
        for (const c of sizes)
          for (const d of [0, 3, 5, 6]) {
            const groups = [
              { key: "a", n: a },
              { key: "b", n: b },
              { key: "c", n: c },
              { key: "d", n: d },
            ];
            const label = JSON.stringify(groups);
            const hidden = suppressBreakdown(groups, k);
            const total = a + b + c + d;
            // the total is one group: hidden exactly when it holds 1…k-1
            expect(breakdownTotalHidden(groups, k), label).toBe(total > 0 && total < k);
            if (total > 0 && total < k) seen.hiddenTotal++;
            for (const g of groups) {
              if (g.n === 0) expect(hidden.has(g.key), label).toBe(false); // reveals nobody
              else if (g.n < k) expect(hidden.get(g.key), label).toBe("too_few");
              else if (hidden.has(g.key)) expect(hidden.get(g.key), label).toBe("complementary");
            }
            const hiddenGroups = groups.filter((g) => hidden.has(g.key));
            const hiddenSum = hiddenGroups.reduce((s, g) => s + g.n, 0);
            // total − visible groups = the hidden groups together: never one group, never fewer than k
            if (hiddenGroups.length > 0 && !breakdownTotalHidden(groups, k)) {
              expect(hiddenGroups.length, label).toBeGreaterThanOrEqual(2);
              expect(hiddenSum, label).toBeGreaterThanOrEqual(k);
            }
            const complements = hiddenGroups.filter((g) => g.n >= k);
            if (complements.length === 0) {
              // nothing needed a complement: every group of k or more is shown
              for (const g of groups) if (g.n >= k) expect(hidden.has(g.key), label).toBe(false);
              if (groups.some((g) => g.n === k)) seen.visibleAtK++;
              continue;
            }
            seen.complementary++;
            // only as many complements as needed, and the smallest: without the largest one the
            // hidden groups would be recoverable, and no shown non-empty group is smaller
            const largest = Math.max(...complements.map((g) => g.n));
            const withoutLargest = hiddenGroups.filter((g) => g !== complements.find((x) => x.n === largest));
            const sumWithout = withoutLargest.reduce((s, g) => s + g.n, 0);
            expect(withoutLargest.length < 2 || sumWithout < k, label).toBe(true);
            for (const g of groups) if (!hidden.has(g.key) && g.n > 0) expect(g.n, label).toBeGreaterThanOrEqual(largest);
          }
    // the loops reached every branch
    expect(seen.complementary).toBeGreaterThan(100);
    expect(seen.visibleAtK).toBeGreaterThan(100);
    expect(seen.hiddenTotal).toBeGreaterThan(10);
  });
});

describe("the review's selection", () => {
  it("turns a month and a scope into the period the tables cover", () => {
    expect(scopePeriod({ month: "2015-07", scope: "month" })).toEqual({ from: "2015-07", to: "2015-07" });
    expect(scopePeriod({ month: "2015-07", scope: "tertial" })).toEqual({ from: "2015-05", to: "2015-07" });
    expect(scopePeriod({ month: "2015-07", scope: "rolling12" })).toEqual({ from: "2014-08", to: "2015-07" });
    expect(scopePeriod({ month: "2015-07", scope: "year" })).toEqual({ from: "2015-01", to: "2015-07" });
    expect(scopePeriod({ month: "2015-07", scope: "range", from: "2014-01", to: "2014-06" })).toEqual({ from: "2014-01", to: "2014-06" });
  });

  it("reads the GET form, and falls back to defaults on a hand-edited URL", () => {
    const p = parseReviewParams(new URL("http://x/admin/results?survey=brukarenkat&month=2015-03&scope=tertial&wave=&version=2&version=3&role=perpetrator"));
    expect(p).toMatchObject({ survey: "brukarenkat", month: "2015-03", scope: "tertial", wave: undefined, version: [2, 3], role: "perpetrator" });
    const bad = parseReviewParams(new URL("http://x/?survey=brukarenkat&month=2015-13&scope=forever&version=x"));
    expect(bad).toMatchObject({ survey: "brukarenkat", scope: "month", version: [] });
    expect(bad.month).toBeUndefined();
  });
});
