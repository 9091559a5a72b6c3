/**
 * Shared parts of the benchmarks that generate survey data: a seeded random source, weighted
 * draws, month lists and the median timer.
 */

/** mulberry32: reproducible data without storing a seed file */
export function seeded(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/** Weighted draws from one random source; weights beyond a list's values are ignored. */
export function drawing(random: () => number) {
  const draw = (weights: readonly number[]): number => {
    const total = weights.reduce((s, w) => s + w, 0);
    let x = random() * total;
    for (let i = 0; i < weights.length; i++) if ((x -= weights[i]!) < 0) return i;
    return weights.length - 1;
  };
  const pick = <T>(values: readonly T[], weights: readonly number[]): T => values[draw(weights.slice(0, values.length))]!;
  /** an index drawn from many fixed weights, by binary search over their running sums */
  const drawer = (weights: readonly number[]) => {
    const sums: number[] = [];
    weights.reduce((s, w) => (sums.push(s + w), s + w), 0);
    const total = sums.at(-1)!;
    return () => {
      const x = random() * total;
      let lo = 0;
      let hi = sums.length - 1;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (sums[mid]! > x) hi = mid;
        else lo = mid + 1;
      }
      return lo;
    };
  };
  return { random, draw, pick, drawer };
}

/** `count` months ending with `last` (YYYY-MM), oldest first. */
export function monthList(last: string, count: number): string[] {
  const [y, m] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const total = y * 12 + (m - 1) - (count - 1 - i);
    return `${Math.floor(total / 12)}-${String((total % 12) + 1).padStart(2, "0")}`;
  });
}

/** Median wall-clock ms of `runs` calls after `warmup` untimed ones. */
export async function median(fn: () => Promise<unknown>, runs: number, warmup = 2): Promise<number> {
  for (let i = 0; i < warmup; i++) await fn();
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const t = performance.now();
    await fn();
    times.push(performance.now() - t);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)]!;
}
