/**
 * Wilson score interval for a proportion: unlike the textbook p ± 1.96·SE it stays inside
 * 0–1 and behaves at the small n a team of five sees in a month.
 */
export function wilsonInterval(successes: number, n: number, z = 1.959964): [number, number] | null {
  if (!Number.isInteger(n) || n <= 0 || successes < 0 || successes > n) return null;
  const p = successes / n;
  const z2 = z * z;
  const denom = 1 + z2 / n;
  const centre = (p + z2 / (2 * n)) / denom;
  const half = (z * Math.sqrt((p * (1 - p)) / n + z2 / (4 * n * n))) / denom;
  return [Math.max(0, centre - half), Math.min(1, centre + half)];
}

export type TargetStatus = "met" | "not_met" | "uncertain" | "suppressed";

/**
 * Against a target: met only when the whole interval is at or above it, not met when the whole
 * interval is below it; otherwise there are too few answers to tell.
 */
export function targetStatus(ci: [number, number] | null, target: number): TargetStatus {
  if (!ci) return "suppressed";
  if (ci[0] >= target) return "met";
  if (ci[1] < target) return "not_met";
  return "uncertain";
}

export function round3(x: number): number {
  return Math.round(x * 1000) / 1000;
}
