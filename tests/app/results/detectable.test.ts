import { describe, expect, it } from "vitest";
import { shownInterval, verdictOf } from "~/results/compare";
import { detectablePoints, detectableText, smallestDetectableDifference } from "~/results/detectable";

describe("the smallest difference the overlap rule can see", () => {
  it("is about 50 points with 9 answers against 32, and 44 with 20 in each", () => {
    expect(smallestDetectableDifference(9, 32)).toBe(0.495);
    expect(detectablePoints(9, 32)).toBe(50);
    expect(detectablePoints(20, 20)).toBe(44);
    expect(detectablePoints(100, 100)).toBe(20);
  });

  it("says it in plain words, with the two numbers of answers", () => {
    expect(detectableText(32, 9)).toBe(
      'With 9 and 32 answers, only a difference above about 50 percentage points could be seen; a smaller one shows as "no clear difference".',
    );
    expect(detectableText(20, 20)).toBe(
      'With 20 answers in each version, only a difference above about 44 percentage points could be seen; a smaller one shows as "no clear difference".',
    );
    expect(detectableText(1, 1)).toBe("With 1 answer in each version, no difference at all could be seen.");
    expect(detectableText(0, 12)).toBeNull();
  });

  it("is what the verdict on real counts does: 5 of 9 against 6 of 32 shows no difference, 8 of 9 against 6 of 32 does", () => {
    // 56 % vs 19 %: a 37-point gap, below the 50 the note names
    expect(verdictOf([{ column: "4", ci95: shownInterval(5, 9) }, { column: "3", ci95: shownInterval(6, 32) }]).kind).toBe("no_clear_difference");
    // 89 % vs 19 %: a 70-point gap, above it
    expect(verdictOf([{ column: "4", ci95: shownInterval(8, 9) }, { column: "3", ci95: shownInterval(6, 32) }]).kind).toBe("difference");
  });

  it("shrinks as answers grow, and does not depend on which group is larger", () => {
    const sizes = [5, 9, 20, 32, 100, 400];
    const points = sizes.map((n) => detectablePoints(n, n)!);
    for (let i = 1; i < points.length; i++) expect(points[i]).toBeLessThan(points[i - 1]!);
    expect(smallestDetectableDifference(32, 9)).toBe(smallestDetectableDifference(9, 32));
  });
});
