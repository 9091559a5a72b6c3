/**
 * Questionnaire versions (and the closure and follow-up waves) side by side. Plain TypeScript:
 * the tables come from report.ts (already disclosure-controlled); this module only classifies
 * questions by key, puts columns next to each other, adds Wilson intervals to what is shown and
 * words a verdict. It never sees a count the report hid. See docs/decisions/0007-comparing-versions.md.
 */
import type { Indicator, LocalizedText, QuestionType, VersionDefinition, Wave } from "~/survey/definition";
import { diffVersions } from "~/survey/diff";
import type { SuppressionReason } from "./disclosure";
import type { QuestionTable, RowTable } from "./report";
import { round3, targetStatus, wilsonInterval, type TargetStatus } from "./wilson";

// ---------------------------------------------------------------- which questions compare

export type KeyStatus = "shared" | "not_comparable" | "partial";
type Choice = { key: string; text: LocalizedText };

export type KeyClass = {
  key: string;
  type: QuestionType;
  /** shared: in every chosen version with the same type, option and row keys */
  status: KeyStatus;
  reworded: boolean;
  /** the versions (of those chosen) that have the question */
  inVersions: number[];
  /** newest wording, to name the question */
  text: LocalizedText;
  options: Choice[];
  rows: Choice[];
  /** the wording in each version, when it differs between them */
  wording: { version: number; text: LocalizedText; options: Choice[]; rows: Choice[] }[];
  /** classifyAcross: the versions the question is compared across (with answers, and asking it) */
  comparedIn?: number[];
};

type Versions = readonly Pick<VersionDefinition, "version" | "questions">[];

/** Every question key of the chosen versions: newest version's order first, then older-only keys. */
export function classifyQuestions(versions: Versions): KeyClass[] {
  const sorted = [...versions].sort((a, b) => a.version - b.version);
  const [first, ...rest] = sorted;
  if (!first) return [];
  // comparing each version with the first finds any difference of type or keys between any two
  const diffs = rest.map((v) => diffVersions(first, v));
  // but not every rewording: a translation the first lacks, added later and then changed, differs
  // only between later versions; versions are few, so every pair is compared for wording
  const laterPairs = rest.flatMap((a, i) => rest.slice(i + 1).map((b) => diffVersions(a, b)));
  const order: string[] = [];
  for (const v of [...sorted].reverse()) for (const q of v.questions) if (!order.includes(q.key)) order.push(q.key);
  return order.map((key) => {
    const having = sorted.filter((v) => v.questions.some((q) => q.key === key));
    const newest = having.at(-1)!.questions.find((q) => q.key === key)!;
    const inAll = having.length === sorted.length;
    const comparable = inAll && diffs.every((d) => d.comparable.includes(key));
    const reworded = comparable && [...diffs, ...laterPairs].some((d) => d.reworded.includes(key));
    const choices = (list?: Choice[]) => (list ?? []).map((c) => ({ key: c.key, text: c.text }));
    return {
      key,
      type: newest.type,
      status: !inAll ? "partial" : comparable ? "shared" : "not_comparable",
      reworded,
      inVersions: having.map((v) => v.version),
      text: newest.text,
      options: choices(newest.options),
      rows: choices(newest.rows),
      wording: reworded
        ? having.map((v) => {
            const q = v.questions.find((x) => x.key === key)!;
            return { version: v.version, text: q.text, options: choices(q.options), rows: choices(q.rows) };
          })
        : [],
    };
  });
}

/**
 * Like classifyQuestions, but each question is judged across the chosen versions that have answers
 * and contain it (`comparedIn`), so a version without answers, or without the question, never
 * takes a question out of the comparison of the others. Shared: at least two such versions, with
 * the same type and keys among them; partial: fewer than two. See decision 0017.
 */
export function classifyAcross(versions: Versions, answered: readonly number[]): KeyClass[] {
  return classifyQuestions(versions).map((c) => {
    const having = versions.filter((v) => answered.includes(v.version) && c.inVersions.includes(v.version));
    const comparedIn = having.map((v) => v.version).sort((a, b) => a - b);
    if (having.length < 2) return { ...c, status: "partial", reworded: false, wording: [], comparedIn };
    const own = classifyQuestions(having).find((x) => x.key === c.key)!;
    return { ...c, status: own.status, reworded: own.reworded, wording: own.wording, comparedIn };
  });
}

// ---------------------------------------------------------------- intervals and verdicts

export type Interval = [number, number];

/** Two 95 % intervals overlap (touching counts as overlapping). */
export function intervalsOverlap(a: Interval, b: Interval): boolean {
  return a[0] <= b[1] && b[0] <= a[1];
}

export type Verdict =
  | { kind: "no_clear_difference" }
  /** pairs of columns whose intervals do not overlap, the higher one first */
  | { kind: "difference"; pairs: { higher: string; lower: string }[] }
  /** fewer than two columns can be shown */
  | { kind: "too_few" };

/**
 * A plain-language verdict instead of a test statistic: a difference is claimed only where two
 * intervals do not overlap. That is conservative (two 95 % intervals can overlap while the
 * difference is real), which is the right error for a handful of answers a month.
 */
export function verdictOf(cells: readonly { column: string; ci95: Interval | null }[]): Verdict {
  const shown = cells.filter((c): c is { column: string; ci95: Interval } => c.ci95 !== null);
  if (shown.length < 2) return { kind: "too_few" };
  const pairs: { higher: string; lower: string }[] = [];
  for (let i = 0; i < shown.length; i++)
    for (let j = i + 1; j < shown.length; j++) {
      const a = shown[i]!;
      const b = shown[j]!;
      if (intervalsOverlap(a.ci95, b.ci95)) continue;
      pairs.push(a.ci95[0] > b.ci95[1] ? { higher: a.column, lower: b.column } : { higher: b.column, lower: a.column });
    }
  return pairs.length ? { kind: "difference", pairs } : { kind: "no_clear_difference" };
}

/** The verdict in English words (JSON, CLI); `where` gives "in version 3" or "at follow-up". */
export function verdictText(v: Verdict, where: (column: string) => string, columns: number): string {
  if (v.kind === "too_few") return "too few answers to compare";
  if (v.kind === "no_clear_difference") return "no clear difference";
  // with two columns "higher in version 3" says it all; with more, name both sides
  return v.pairs
    .map((p) => (columns === 2 ? `higher ${where(p.higher)}` : `higher ${where(p.higher)} than ${where(p.lower)}`))
    .join("; ");
}

export function versionWhere(column: string): string {
  return column === "closure" ? "at closure" : column === "followup" ? "at follow-up" : `in version ${column}`;
}

/** Wilson interval of a shown count, rounded like the report's; null where the count is hidden. */
export function shownInterval(count: number | null, answered: number | null): Interval | null {
  if (count === null || answered === null || answered <= 0) return null;
  const ci = wilsonInterval(count, answered);
  return ci ? [round3(ci[0]), round3(ci[1])] : null;
}

// ---------------------------------------------------------------- disclosure across columns

/**
 * Columns shown beside their total (each version beside the pooled versions) are a breakdown:
 * a hidden version could be recovered as total minus the others. Like suppressBreakdown in
 * disclosure.ts, but from shown numbers only: the hidden columns together hold the total minus
 * the shown ones; while that is 1…k-1 or a single column, the smallest shown column is hidden too.
 */
export function complementaryHidden(
  columns: readonly { column: string; answered: number | null }[],
  total: number | null,
  k: number,
): Set<string> {
  const extra = new Set<string>();
  let hiddenCount = columns.filter((c) => c.answered === null).length;
  if (hiddenCount === 0) return extra;
  if (total === null) {
    for (const c of columns) if (c.answered !== null) extra.add(c.column);
    return extra;
  }
  let hiddenSum = total - columns.reduce((s, c) => s + (c.answered ?? 0), 0);
  if (hiddenSum <= 0) return extra; // the hidden columns are empty: nobody to protect
  const visible = columns
    .filter((c): c is { column: string; answered: number } => c.answered !== null && c.answered > 0)
    .sort((a, b) => a.answered - b.answered);
  for (const c of visible) {
    if (hiddenCount >= 2 && hiddenSum >= k) break;
    extra.add(c.column);
    hiddenCount++;
    hiddenSum += c.answered;
  }
  return extra;
}

// ---------------------------------------------------------------- side by side

export type SideColumn = {
  column: string;
  respondents: number | null;
  answered: number | null;
  suppressed: boolean;
  reason?: SuppressionReason;
  /** the question is not asked in this column (its version or wave lacks it) */
  notAsked?: boolean;
};
export type SideCell = { column: string; count: number | null; percent: number | null; ci95: Interval | null };
export type SideOption = { key: string; cells: SideCell[]; verdict: Verdict | null; text: string | null };
/** One table: the question itself (row null) or one matrix row. */
export type SidePart = { row: string | null; columns: SideColumn[]; options: SideOption[] };
export type SideBySide = { key: string; type: QuestionType; parts: SidePart[] };

type Source = { answered: number | null; suppressed: boolean; reason?: SuppressionReason; options?: QuestionTable["options"] };

function part(
  row: string | null,
  optionKeys: string[],
  cols: { column: string; respondents: number | null; source: Source | undefined }[],
  total: Source | undefined,
  k: number,
  where: (column: string) => string,
  withVerdict: boolean,
): SidePart {
  const extra = total
    ? complementaryHidden(
        cols.filter((c) => c.source).map((c) => ({ column: c.column, answered: c.source!.suppressed ? null : c.source!.answered })),
        total.suppressed ? null : total.answered,
        k,
      )
    : new Set<string>();
  const columns: SideColumn[] = cols.map((c) => {
    if (!c.source) return { column: c.column, respondents: null, answered: null, suppressed: false, notAsked: true };
    const hidden = c.source.suppressed || extra.has(c.column);
    return {
      column: c.column,
      respondents: c.respondents,
      answered: hidden ? null : c.source.answered,
      suppressed: hidden,
      ...(hidden ? { reason: c.source.suppressed ? (c.source.reason ?? "too_few") : "complementary" } : {}),
    };
  });
  const options = optionKeys.map((key) => {
    const cells: SideCell[] = cols.map((c, i) => {
      const col = columns[i]!;
      const cell = c.source?.options?.find((o) => o.key === key);
      const count = col.suppressed || !cell ? null : cell.count;
      const percent = col.suppressed || !cell ? null : cell.percent;
      return { column: c.column, count, percent, ci95: shownInterval(count, col.answered) };
    });
    const verdict = withVerdict ? verdictOf(cells) : null;
    return { key, cells, verdict, text: verdict ? verdictText(verdict, where, cols.length) : null };
  });
  return { row, columns, options };
}

function rowSource(r: RowTable | undefined): Source | undefined {
  return r && { answered: r.answered, suppressed: r.suppressed, options: r.options, ...(r.suppressed ? { reason: r.reason ?? "too_few" } : {}) };
}

/**
 * One question's tables side by side: `columns` are reports' tables (undefined where it is not
 * asked), `total` the pooled table they add up to (for complementary hiding; omit when the
 * columns are never added up, as closure and follow-up are not).
 */
export function sideBySide(
  q: Pick<KeyClass, "key" | "type" | "options" | "rows">,
  columns: readonly { column: string; table: QuestionTable | undefined }[],
  k: number,
  opts: { total?: QuestionTable; where?: (column: string) => string; verdict?: boolean } = {},
): SideBySide {
  const where = opts.where ?? versionWhere;
  const withVerdict = opts.verdict ?? columns.length > 1;
  const optionKeys = [
    ...q.options.map((o) => o.key),
    // an answer stored under a key the definition no longer has, as report.ts lists it
    ...[...new Set(columns.flatMap((c) => (c.table?.options ?? []).map((o) => o.key)))].filter((x) => !q.options.some((o) => o.key === x)),
  ];
  const respondents = (t: QuestionTable | undefined) => t?.respondents ?? null;
  if (q.type === "matrix") {
    const rowKeys = [...new Set([...q.rows.map((r) => r.key), ...columns.flatMap((c) => (c.table?.rows ?? []).map((r) => r.key))])];
    return {
      key: q.key,
      type: q.type,
      parts: rowKeys.map((row) =>
        part(
          row,
          q.options.map((o) => o.key),
          columns.map((c) => ({ column: c.column, respondents: respondents(c.table), source: c.table && (rowSource(c.table.rows?.find((r) => r.key === row)) ?? { answered: 0, suppressed: true }) })),
          opts.total && rowSource(opts.total.rows?.find((r) => r.key === row)),
          k,
          where,
          withVerdict,
        ),
      ),
    };
  }
  return {
    key: q.key,
    type: q.type,
    parts: [
      part(
        null,
        q.type === "text" ? [] : optionKeys,
        columns.map((c) => ({ column: c.column, respondents: respondents(c.table), source: c.table })),
        opts.total,
        k,
        where,
        withVerdict,
      ),
    ],
  };
}

// ---------------------------------------------------------------- indicators

export type IndicatorCell = {
  column: string;
  n: number | null;
  value: number | null;
  ci95: Interval | null;
  status: TargetStatus;
  suppressed: boolean;
};
export type IndicatorComparison = {
  key: string;
  question: string;
  label: LocalizedText;
  target: number;
  cells: IndicatorCell[];
  verdict: Verdict | null;
  text: string | null;
};

/** An indicator per column, from the shown (already controlled) cells of its question's table. */
export function indicatorComparison(
  ind: Indicator,
  table: SideBySide | undefined,
  where: (column: string) => string = versionWhere,
  withVerdict = true,
): IndicatorComparison | null {
  const p = table?.parts[0];
  if (!p) return null;
  const cells: IndicatorCell[] = p.columns.map((col, i) => {
    const shown = !col.suppressed && !col.notAsked && col.answered !== null && col.answered > 0;
    const successes = p.options
      .filter((o) => ind.success.includes(o.key))
      .reduce((s, o) => s + (o.cells[i]?.count ?? 0), 0);
    const ci = shown ? shownInterval(successes, col.answered) : null;
    return {
      column: col.column,
      n: col.suppressed ? null : col.answered,
      value: shown ? round3(successes / col.answered!) : null,
      ci95: ci,
      status: targetStatus(ci, ind.target),
      suppressed: col.suppressed,
    };
  });
  const verdict = withVerdict ? verdictOf(cells) : null;
  return {
    key: ind.key,
    question: ind.question,
    label: ind.label ?? {},
    target: ind.target,
    cells,
    verdict,
    text: verdict ? verdictText(verdict, where, cells.length) : null,
  };
}

export type { Wave };
