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
});
