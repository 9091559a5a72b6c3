/**
 * Fixed-window failure counters kept in memory. Keys are never stored or logged, so an
 * address used for throttling leaves no trace once its window has passed.
 */
export class FailureLimiter {
  private windows = new Map<string, { count: number; resetAt: number }>();

  constructor(
    private readonly maxFailures: number,
    private readonly windowMs: number,
    private readonly now: () => number = Date.now,
  ) {}

  /** Seconds until `key` may try again, or 0 when it is not blocked. */
  retryAfter(key: string): number {
    const w = this.windows.get(key);
    if (!w) return 0;
    const t = this.now();
    if (t >= w.resetAt) {
      this.windows.delete(key);
      return 0;
    }
    return w.count >= this.maxFailures ? Math.ceil((w.resetAt - t) / 1000) : 0;
  }

  fail(key: string): void {
    const t = this.now();
    const w = this.windows.get(key);
    if (!w || t >= w.resetAt) this.windows.set(key, { count: 1, resetAt: t + this.windowMs });
    else w.count += 1;
    if (this.windows.size > 50_000) this.prune(t);
  }

  /**
   * Counts an attempt as failed before it is checked, so that parallel requests cannot all pass
   * `retryAfter` while their slow checks run; `reset` (on success) undoes it. Returns 0 when the
   * attempt may go ahead, otherwise the seconds to wait (and nothing is counted).
   */
  reserve(keys: string[]): number {
    const wait = Math.max(0, ...keys.map((k) => this.retryAfter(k)));
    if (wait === 0) for (const k of keys) this.fail(k);
    return wait;
  }

  reset(key: string): void {
    this.windows.delete(key);
  }

  private prune(t: number): void {
    for (const [k, w] of this.windows) if (t >= w.resetAt) this.windows.delete(k);
  }
}
