/**
 * The comparison's defaults and its one-screen summary (issue 19, decision 0017). Plain
 * TypeScript: compare.server.ts feeds it the months of released blocks with answers and the finished,
 * disclosure-controlled tables; it never sees a hidden count.
 */
import type { IndicatorComparison, SidePart, Verdict } from "./compare";
import { verdictText, versionWhere } from "./compare";
import { detectablePoints, detectableText } from "./detectable";
import type { Month, Period } from "./period";
import type { TargetStatus } from "./wilson";

// ---------------------------------------------------------------- defaults

/**
 * Fills a period's open ends from the months with released answers: `to` is the newest closed
 * one (never later than the last closed month, even when follow-up codes open in the future),
 * `from` the first up to it. Without any, the last closed month alone.
 */
export function defaultPeriod(answered: readonly Month[], chosen: Partial<Period>, lastClosed: Month): Period {
  const months = [...answered].sort();
  const to = chosen.to ?? months.filter((m) => m <= lastClosed && (!chosen.from || m >= chosen.from)).at(-1) ?? lastClosed;
  const from = chosen.from ?? months.find((m) => m <= to) ?? to;
  return { from, to };
}

// ---------------------------------------------------------------- the summary

export type SummaryCell = {
  column: string;
  /** answers to the question (or the indicator's base); null where hidden or not asked */
  n: number | null;
  /** the headline option's share in percent, one decimal; null where hidden or not asked */
  percent: number | null;
  hidden: boolean;
  notAsked: boolean;
  /** an indicator's cell against its goal (met only when the whole interval is at or above it); null for questions */
  status: TargetStatus | null;
};

export type SummaryLine = {
  kind: "indicator" | "question";
  /** the indicator's key, or the question's */
  key: string;
  question: string;
  /** the matrix row, null for other questions */
  row: string | null;
  /** the headline option(s): the indicator's success options, or the question's first option */
  options: string[];
  /** an indicator's goal as a share (0.6 for 60 %), shown beside its name; null for questions */
  target: number | null;
  cells: SummaryCell[];
  verdict: Verdict | null;
  /** the verdict in English words, as verdictText gives it */
  text: string;
  /** other options of the same table whose intervals do not overlap (see the full table) */
  otherDifferences: string[];
};

type Compared = { key: string; type: string; parts?: SidePart[] };
type Options = { key: string; options: { key: string }[] };

const percentOf = (share: number | null) => (share === null ? null : Math.round(share * 1000) / 10);

/**
 * One line per compared question (per row of a matrix), the indicators first, over the columns
 * `columns` (the versions with answers). A question an indicator already summarises is not
 * repeated; free-text questions have no percentages and are left to the full tables.
 */
export function summaryLines(
  columns: readonly string[],
  indicators: readonly IndicatorComparison[],
  questions: readonly Compared[],
  classes: readonly Options[],
  where: (column: string) => string = versionWhere,
): SummaryLine[] {
  const lines: SummaryLine[] = [];
  const words = (v: Verdict | null, n: number) => (v ? verdictText(v, where, n) : "");
  for (const ind of indicators) {
    const cells = columns.map((column): SummaryCell => {
      const c = ind.cells.find((x) => x.column === column);
      if (!c) return { column, n: null, percent: null, hidden: false, notAsked: true, status: null };
      return { column, n: c.n, percent: percentOf(c.value), hidden: c.suppressed, notAsked: false, status: c.status };
    });
    lines.push({
      kind: "indicator",
      key: ind.key,
      question: ind.question,
      row: null,
      options: [],
      target: ind.target,
      cells,
      verdict: ind.verdict,
      text: words(ind.verdict, ind.cells.length),
      otherDifferences: [],
    });
  }
  const summarised = new Set(indicators.map((i) => i.question));
  for (const q of questions) {
    if (!q.parts || q.type === "text" || (q.type !== "matrix" && summarised.has(q.key))) continue;
    const headline = classes.find((c) => c.key === q.key)?.options[0]?.key;
    if (!headline) continue;
    for (const p of q.parts) {
      const option = p.options.find((o) => o.key === headline);
      if (!option) continue;
      const cells = columns.map((column): SummaryCell => {
        const col = p.columns.find((x) => x.column === column);
        const cell = option.cells.find((x) => x.column === column);
        if (!col || col.notAsked) return { column, n: null, percent: null, hidden: false, notAsked: true, status: null };
        return { column, n: col.answered, percent: cell?.percent ?? null, hidden: col.suppressed, notAsked: false, status: null };
      });
      lines.push({
        kind: "question",
        key: q.key,
        question: q.key,
        row: p.row,
        options: [headline],
        target: null,
        cells,
        verdict: option.verdict,
        text: words(option.verdict, option.cells.length),
        otherDifferences: p.options.filter((o) => o.key !== headline && o.verdict?.kind === "difference").map((o) => o.key),
      });
    }
  }
  return lines;
}

// ---------------------------------------------------------------- what "no clear difference" means

export type DetectableNote = {
  /** the two versions with the fewest shown responses: the hardest pair to tell apart */
  columns: [string, string];
  n: [number, number];
  /** the smallest difference, in percentage points, the overlap rule could call between them; null: none at all */
  points: number | null;
  text: string;
};

/**
 * The note under the summary, from the two smallest shown response counts (a hidden count is
 * never used, so the note cannot reveal it). Null with fewer than two shown counts.
 */
export function detectableNote(responses: readonly { column: string; n: number | null }[]): DetectableNote | null {
  const shown = responses
    .filter((r): r is { column: string; n: number } => r.n !== null && r.n > 0)
    .sort((a, b) => a.n - b.n);
  const [a, b] = shown;
  if (!a || !b) return null;
  const points = detectablePoints(a.n, b.n);
  const text = detectableText(a.n, b.n);
  if (text === null) return null;
  return { columns: [a.column, b.column], n: [a.n, b.n], points, text };
}
