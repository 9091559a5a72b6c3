import { randomInt } from "node:crypto";
import { describe, expect, it } from "vitest";
import { shuffleInPlace } from "~/utils/shuffle";

describe("shuffleInPlace", () => {
  it("keeps every item and gives each order of three about equally often", () => {
    const seen = new Map<string, number>();
    for (let i = 0; i < 60_000; i++) {
      const order = shuffleInPlace(["a", "b", "c"], randomInt);
      if (order.length !== 3 || new Set(order).size !== 3) throw new Error(`not a permutation: ${order.join("")}`);
      seen.set(order.join(""), (seen.get(order.join("")) ?? 0) + 1);
    }
    // 10,000 of each of the 6 orders expected (sd 91); the classic bias, j drawn from the whole
    // range, gives 8,889 or 11,111 of some
    expect(seen.size).toBe(6);
    for (const n of seen.values()) expect(n).toBeGreaterThan(9_600);
    for (const n of seen.values()) expect(n).toBeLessThan(10_400);
  });
});
