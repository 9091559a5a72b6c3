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

  it("reads again when the kept value is not usable for this caller, and keeps the new one", () => {
    const t = counted(250);
    t.get("a");
    expect(t.cache.get("a", () => 99, (kept) => kept > 1)).toBe(99);
    expect(t.get("a")).toBe(99);
  });

  it("keeps no more keys than its bound: stale ones go first, all of them if every one is fresh", () => {
    const t = counted(250, 3);
    for (const key of ["a", "b"]) t.get(key);
    t.at(300);
    t.get("c");
    // full: "a" and "b" are stale and go, "c" stays
    t.get("d");
    expect(t.get("c")).toBe(3);
    expect(t.get("a")).toBe(5);
    // "c", "d", "a" all fresh and the bound reached: a new key starts over
    t.get("e");
    expect(t.get("c")).toBe(7);
  });
});
