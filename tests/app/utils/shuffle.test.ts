import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { shuffleInPlace } from "~/utils/shuffle";

describe("shuffleInPlace", () => {
  it("keeps every item and gives each order of three about equally often", () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 6000; i++) {
      const order = shuffleInPlace(["a", "b", "c"], randomInt);
      expect([...order].sort()).toEqual(["a", "b", "c"]);
      seen.set(order.join(""), (seen.get(order.join("")) ?? 0) + 1);
    }
    // 6 orders of 1,000 expected each; a biased swap (j from the whole range) gives 4:5:... ratios
    expect(seen.size).toBe(6);
    for (const n of seen.values()) expect(n).toBeGreaterThan(850);
    for (const n of seen.values()) expect(n).toBeLessThan(1150);
  });
});
