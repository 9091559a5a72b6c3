/**
 * Disclosure control (docs/decisions/0006-disclosure-control.md). A group of fewer than
 * minGroupSize people shows no counts or percentages; in a breakdown that is shown beside its
 * total, more groups are hidden until no hidden group can be recovered by subtraction.
 */

export type SuppressionReason = "too_few" | "complementary";

/** Smallest group ever allowed, whatever the configuration says. */
export const MIN_GROUP_FLOOR = 3;

export function effectiveMinGroupSize(configured: number): number {
  return Math.max(MIN_GROUP_FLOOR, Math.floor(configured));
}

/** A table (question, indicator, row) is shown only when its base has at least k people. */
export function tooFew(n: number, k: number): boolean {
  return n < k;
}

/**
 * Which groups of a breakdown to hide. Groups of 1…k-1 people are hidden ("too_few"); empty
 * groups reveal nobody and stay visible. If hidden groups remain recoverable from the total —
 * a single hidden group, or hidden groups that together still hold fewer than k people — the
 * smallest visible non-empty groups are hidden too ("complementary").
 */
export function suppressBreakdown<K extends string>(
  groups: readonly { key: K; n: number }[],
  k: number,
): Map<K, SuppressionReason> {
  const hidden = new Map<K, SuppressionReason>();
  let sum = 0;
  for (const g of groups) {
    if (g.n > 0 && g.n < k) {
      hidden.set(g.key, "too_few");
      sum += g.n;
    }
  }
  if (hidden.size === 0) return hidden;
  const candidates = groups.filter((g) => g.n > 0 && !hidden.has(g.key)).sort((a, b) => a.n - b.n);
  for (const g of candidates) {
    if (hidden.size >= 2 && sum >= k) break;
    hidden.set(g.key, "complementary");
    sum += g.n;
  }
  return hidden;
}

/** A breakdown whose total has 1…k-1 people hides its total as well: it is one small group. */
export function breakdownTotalHidden(groups: readonly { n: number }[], k: number): boolean {
  const total = groups.reduce((s, g) => s + g.n, 0);
  return total > 0 && total < k;
}
