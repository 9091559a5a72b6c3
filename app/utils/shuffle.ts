/**
 * Fisher–Yates, in place: every order equally likely when `randomBelow(n)` is uniform on 0..n-1.
 * The source of randomness is the caller's (crypto for what is stored, a seed in tests), so this
 * module imports nothing and runs anywhere.
 */
export function shuffleInPlace<T>(items: T[], randomBelow: (n: number) => number): T[] {
  for (let i = items.length - 1; i > 0; i--) {
    const j = randomBelow(i + 1);
    [items[i], items[j]] = [items[j]!, items[i]!];
  }
  return items;
}
