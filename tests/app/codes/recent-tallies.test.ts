import { describe, expect, it } from "vitest";
import { RecentTallies } from "~/codes/recent-tallies";

describe("recent tallies", () => {
  function counted(freshMs: number, maxKeys = 10) {
    let now = 0;
    let reads = 0;
    const cache = new RecentTallies<number>(freshMs, maxKeys, () => now);
    const get = (key: string) => cache.get(key, () => ++reads);
    return { cache, get, reads: () => reads, at: (ms: number) => void (now = ms) };
  }

  it("gives the value read less than the fresh time ago, and reads again after it", () => {
    const t = counted(250);
    expect(t.get("a")).toBe(1);
    t.at(249);
    expect(t.get("a")).toBe(1);
    t.at(250);
    expect(t.get("a")).toBe(2);
    expect(t.reads()).toBe(2);
  });

  it("keeps each key apart", () => {
    const t = counted(250);
    expect([t.get("a"), t.get("b"), t.get("a")]).toEqual([1, 2, 1]);
  });

  it("reads again after forget, however fresh the kept value", () => {
    const t = counted(250);
    t.get("a");
    t.cache.forget();
    expect(t.get("a")).toBe(2);
  });

  it("keeps no more keys than its bound (it starts over instead)", () => {
    const t = counted(250, 3);
    for (const key of ["a", "b", "c", "d"]) t.get(key);
    // "d" made it start over: "a" is read again
    expect(t.get("a")).toBe(5);
    expect(t.get("d")).toBe(4);
  });
});
