/**
 * Releases, not live counts (docs/decisions/0011-releases.md). Plain TypeScript, no database.
 *
 * Time: results are released in blocks of whole closed months, per survey and wave. Walking the
 * closed months in order, a month with no answers and nothing pending is a block of its own;
 * otherwise months gather until they hold at least k answers. A period can be reported only when
 * it is a union of whole blocks, so any two allowed periods differ by whole blocks (0 or ≥ k).
 *
 * Filters: within each block, every filtered dimension's values fall into fixed classes (each
 * value shown by the breakdown rule of decision 0006 alone, the hidden values together). A filter
 * may only select whole classes, and every cell of the classes of the filtered dimensions crossed
 * must hold 0 or ≥ k. What any number of allowed reports can be subtracted down to is then a sum
 * of such cells: never 1…k-1 respondents.
 */
import { shuffleInPlace } from "../utils/shuffle";
import { suppressBreakdown } from "./disclosure";
import { addMonths, monthsBetween, tertialToDate, type Month, type Period } from "./period";

export type MonthCount = { month: Month; n: number };
export type Block = { from: Month; to: Month; n: number };
export type Release = {
  /** released blocks, oldest first (months before the first answer are implicit empty blocks) */
  blocks: Block[];
  /** closed months after the last block: too few answers so far ("waiting for more answers") */
  waiting: Block | null;
  lastClosed: Month;
};

/** The month before the current one: the newest month that can no longer change. */
export function lastClosedMonth(current: Month): Month {
  return addMonths(current, -1);
}

/** The release blocks of one wave from its answers per month; months after lastClosed are ignored. */
export function releaseBlocks(counts: readonly MonthCount[], k: number, lastClosed: Month): Release {
  const byMonth = new Map<Month, number>();
  for (const c of counts) if (c.month <= lastClosed) byMonth.set(c.month, (byMonth.get(c.month) ?? 0) + c.n);
  const withAnswers = [...byMonth.entries()].filter(([, n]) => n > 0).map(([m]) => m).sort();
  const blocks: Block[] = [];
  let pending: Block | null = null;
  if (withAnswers.length)
    for (const month of monthsBetween(withAnswers[0]!, lastClosed)) {
      const n = byMonth.get(month) ?? 0;
      if (!pending && n === 0) {
        blocks.push({ from: month, to: month, n: 0 });
        continue;
      }
      pending = pending ? { from: pending.from, to: month, n: pending.n + n } : { from: month, to: month, n };
      if (pending.n >= k) {
        blocks.push(pending);
        pending = null;
      }
    }
  return { blocks, waiting: pending, lastClosed };
}

/** The block a month belongs to; null for an open month or one still waiting for answers. */
export function blockOf(month: Month, r: Release): Block | null {
  if (month > r.lastClosed) return null;
  if (r.waiting && month >= r.waiting.from) return null;
  const first = r.blocks[0];
  if (!first || month < first.from) return { from: month, to: month, n: 0 };
  let lo = 0;
  let hi = r.blocks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const b = r.blocks[mid]!;
    if (month < b.from) hi = mid - 1;
    else if (month > b.to) lo = mid + 1;
    else return b;
  }
  return null;
}

/** The blocks a period is made of, or null when it is not a union of whole released blocks. */
export function blocksOfPeriod(p: Period, r: Release): Block[] | null {
  const first = blockOf(p.from, r);
  const last = blockOf(p.to, r);
  if (!first || !last || first.from !== p.from || last.to !== p.to) return null;
  return r.blocks.filter((b) => b.from >= p.from && b.to <= p.to && b.n > 0);
}

export type WithheldPeriod = "open" | "waiting" | "unaligned";

/** Why a period cannot be shown for these waves' releases; null when it can. */
export function periodWithheld(p: Period, releases: readonly Release[]): WithheldPeriod | null {
  if (releases.some((r) => p.to > r.lastClosed)) return "open";
  if (releases.some((r) => !blockOf(p.from, r) || !blockOf(p.to, r))) return "waiting";
  if (releases.some((r) => !blocksOfPeriod(p, r))) return "unaligned";
  return null;
}

/**
 * The nearest period that can be shown for every one of these releases: widened to whole blocks,
 * and cut back to the last released block where it reaches unreleased months. Null when none.
 */
export function nearestReleased(p: Period, releases: readonly Release[]): Period | null {
  let { from, to } = p;
  for (let round = 0; round < 100; round++) {
    let changed = false;
    for (const r of releases) {
      if (to > r.lastClosed) to = r.lastClosed;
      const start = blockOf(from, r);
      if (!start) return null;
      const end = blockOf(to, r);
      const newTo = end ? end.to : r.blocks.filter((b) => b.to < to).at(-1)?.to;
      if (!newTo || newTo < from) return null;
      if (start.from !== from || newTo !== to) changed = true;
      from = start.from;
      to = newTo;
    }
    if (!changed) break;
  }
  return periodWithheld({ from, to }, releases) === null ? { from, to } : null;
}

/**
 * The months of a period covered by whole released blocks of one release (with answers at both
 * ends), or null when none: a unit's column beside others shows this part of the period.
 */
export function releasedSpanInside(p: Period, r: Release): Period | null {
  const inside = r.blocks.filter((b) => b.n > 0 && b.from >= p.from && b.to <= p.to);
  return inside.length ? { from: inside[0]!.from, to: inside.at(-1)!.to } : null;
}

/** The newest released block of a release (months with answers), or null when nothing is released. */
export function latestBlock(r: Release): Block | null {
  return r.blocks.filter((b) => b.n > 0).at(-1) ?? null;
}

/** How the review's default period was chosen (issue 13: small volumes). */
export type DefaultScope = "month" | "tertial" | "year" | "block";

/**
 * The period the review opens on: the latest released month when it holds enough answers to be
 * a block of its own; when months are thin, the tertial so far or else the year so far (each
 * widened to whole blocks), so more than the one latest block is shown; the latest block when
 * neither adds anything. Null when nothing is released.
 */
export function defaultReviewPeriod(r: Release): { scope: DefaultScope; period: Period; latest: Block } | null {
  const latest = latestBlock(r);
  if (!latest) return null;
  if (latest.from === latest.to) return { scope: "month", period: { from: latest.from, to: latest.to }, latest };
  const tertial = nearestReleased(tertialToDate(latest.to), [r]);
  if (tertial && tertial.from < latest.from) return { scope: "tertial", period: tertial, latest };
  const year = nearestReleased({ from: `${latest.to.slice(0, 4)}-01`, to: latest.to }, [r]);
  if (year && year.from < latest.from) return { scope: "year", period: year, latest };
  return { scope: "block", period: { from: latest.from, to: latest.to }, latest };
}

// ---------------------------------------------------------------- filters against complements

/** Responses of one block by their value in each dimension (version, clientGroup, role, …). */
export type JointCount = { values: Readonly<Record<string, string>>; n: number };
/** The chosen values per filtered dimension. */
export type FilterChoice = Readonly<Record<string, ReadonlySet<string>>>;

export type FilterWithheld = {
  dimension: string;
  /** partial_class: the value shares a hidden class with others; small_cell: a crossed cell holds 1…k-1 */
  why: "partial_class" | "small_cell";
};

const HIDDEN = "\u0000hidden";

/**
 * The cells a filter's choice splits one block into: each dimension whose choice leaves out
 * someone in the block is split into its classes; dimensions that select everybody do not split.
 * Returns why the filter must be withheld, or a function naming a response's cell.
 */
export function filterCells(
  block: readonly JointCount[],
  choice: FilterChoice,
  k: number,
): { withheld: FilterWithheld } | { cellOf: (values: Readonly<Record<string, string>>) => string } {
  const classes = new Map<string, Set<string>>();
  for (const [dim, chosen] of Object.entries(choice)) {
    const tally = new Map<string, number>();
    for (const c of block) if (c.n > 0) tally.set(c.values[dim] ?? "", (tally.get(c.values[dim] ?? "") ?? 0) + c.n);
    if ([...tally.keys()].every((v) => chosen.has(v))) continue;
    const hidden = new Set(suppressBreakdown([...tally.entries()].map(([key, n]) => ({ key, n })), k).keys());
    const inHidden = [...hidden].filter((v) => chosen.has(v)).length;
    if (inHidden > 0 && inHidden < hidden.size) return { withheld: { dimension: dim, why: "partial_class" } };
    classes.set(dim, hidden);
  }
  const dims = [...classes.keys()].sort();
  const cellOf = (values: Readonly<Record<string, string>>) =>
    dims.map((d) => (classes.get(d)!.has(values[d] ?? "") ? HIDDEN : (values[d] ?? ""))).join("\u0001");
  if (dims.length > 1 && hasSmallCell(block, cellOf, k)) return { withheld: { dimension: dims.join("+"), why: "small_cell" } };
  return { cellOf };
}

/** Whether counts summed by cell give any cell of 1…k-1. */
export function hasSmallCell(
  counts: readonly JointCount[],
  cellOf: (values: Readonly<Record<string, string>>) => string,
  k: number,
): boolean {
  const sums = new Map<string, number>();
  for (const c of counts) sums.set(cellOf(c.values), (sums.get(cellOf(c.values)) ?? 0) + c.n);
  return [...sums.values()].some((n) => n > 0 && n < k);
}

/** Whether a filter selects a whole set of released blocks' classes; the first reason it does not. */
export function filterWithheld(
  blocks: readonly (readonly JointCount[])[],
  choice: FilterChoice,
  k: number,
): FilterWithheld | null {
  for (const block of blocks) {
    const cells = filterCells(block, choice, k);
    if ("withheld" in cells) return cells.withheld;
  }
  return null;
}

// ---------------------------------------------------------------- free text

export type FreeText = { text: string; lang: string; block: number };

/** The language value stored when too few codes shared the client's language (issue 11). */
export const WITHHELD_VALUE = "withheld";

/** Whether a text in this block and language may be shown: its block holds k responses in its language. */
export function isReleasableText(t: Omit<FreeText, "text">, responsesByBlockLang: ReadonlyMap<string, number>, k: number): boolean {
  return t.lang !== WITHHELD_VALUE && (responsesByBlockLang.get(`${t.block}|${t.lang}`) ?? 0) >= k;
}

/**
 * Free texts that may be shown, shuffled, with the number withheld: a text is shown only when its
 * block holds at least k responses in its language (within the same report's selection).
 */
export function releasableTexts(
  texts: readonly FreeText[],
  responsesByBlockLang: ReadonlyMap<string, number>,
  k: number,
  random: () => number = Math.random,
): { shown: string[]; withheld: number } {
  const shown: string[] = [];
  let withheld = 0;
  for (const t of texts) {
    if (isReleasableText(t, responsesByBlockLang, k)) shown.push(t.text);
    else withheld++;
  }
  shuffleInPlace(shown, (n) => Math.floor(random() * n));
  return { shown, withheld };
}
