/**
 * What "no clear difference" can mean with a given number of answers. The comparison claims a
 * difference only where two Wilson 95 % intervals do not overlap (decision 0007), so with few
 * answers only a large difference can show. This finds that size from the interval widths
 * themselves, not from a power formula, so the note says exactly what the rule can see.
 */
import { intervalsOverlap } from "./compare";
import { wilsonInterval } from "./wilson";

/** Wilson interval of a share (not a count): the search below moves shares continuously. */
function shareInterval(share: number, n: number): [number, number] {
  return wilsonInterval(share * n, n)!;
}

/**
 * The smallest difference between two shares (0–1, in steps of 0.001) whose intervals at n1 and
 * n2 answers do not overlap, whichever group is the higher one. The shares sit either side of
 * `around`: 0.5 by default, where intervals are widest, so the answer holds for any option.
 * Null when a group has no answers.
 */
export function smallestDetectableDifference(n1: number, n2: number, around = 0.5): number | null {
  if (!(n1 > 0 && n2 > 0)) return null;
  for (let step = 1; step <= 1000; step++) {
    const d = step / 1000;
    const centre = Math.min(Math.max(around, d / 2), 1 - d / 2);
    const high = centre + d / 2;
    const low = centre - d / 2;
    const seen =
      !intervalsOverlap(shareInterval(high, n1), shareInterval(low, n2)) &&
      !intervalsOverlap(shareInterval(high, n2), shareInterval(low, n1));
    if (seen) return d;
  }
  return null;
}

/** The difference in whole percentage points, rounded up: "above about 44 points". */
export function detectablePoints(n1: number, n2: number): number | null {
  const d = smallestDetectableDifference(n1, n2);
  return d === null ? null : Math.ceil(Math.round(d * 1000) / 10);
}

/** The plain-words note in English (JSON, CLI); the page words it the same way through i18next. */
export function detectableText(n1: number, n2: number): string | null {
  if (!(n1 > 0 && n2 > 0)) return null;
  const [small, large] = [Math.min(n1, n2), Math.max(n1, n2)];
  const answers = small === large ? `${small} answer${small === 1 ? "" : "s"} in each version` : `${small} and ${large} answers`;
  const points = detectablePoints(n1, n2);
  if (points === null) return `With ${answers}, no difference at all could be seen.`;
  return `With ${answers}, only a difference above about ${points} percentage points could be seen; a smaller one shows as "no clear difference".`;
}
