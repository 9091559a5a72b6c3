import { describe, expect, it } from "vitest";
import { FailureLimiter } from "~/utils/rate-limit";

describe("FailureLimiter", () => {
  it("blocks a key after the allowed failures until its window passes", () => {
    let now = 0;
    const limiter = new FailureLimiter(3, 60_000, () => now);
    for (let i = 0; i < 2; i++) limiter.fail("a");
    expect(limiter.retryAfter("a")).toBe(0);
    limiter.fail("a");
    expect(limiter.retryAfter("a")).toBe(60);
    expect(limiter.retryAfter("b")).toBe(0);
    now = 30_000;
    expect(limiter.retryAfter("a")).toBe(30);
    now = 60_000;
    expect(limiter.retryAfter("a")).toBe(0);
  });

  it("forgets a key on reset", () => {
    const limiter = new FailureLimiter(1, 60_000, () => 0);
    limiter.fail("a");
    expect(limiter.retryAfter("a")).toBeGreaterThan(0);
    limiter.reset("a");
    expect(limiter.retryAfter("a")).toBe(0);
  });

  it("reserves attempts before they are checked, so parallel attempts cannot exceed the limit", () => {
    const limiter = new FailureLimiter(5, 60_000, () => 0);
    // 80 attempts arrive before any check finishes: only 5 may go ahead
    const allowed = Array.from({ length: 80 }, () => limiter.reserve(["account:a", "address:1"])).filter((w) => w === 0);
    expect(allowed).toHaveLength(5);
    expect(limiter.reserve(["address:1"])).toBe(60);
    expect(limiter.reserve(["address:2"])).toBe(0); // another address, another budget
    limiter.reset("account:a");
    expect(limiter.reserve(["account:a"])).toBe(0);
  });
});
