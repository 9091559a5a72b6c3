/**
 * Outcome tables from counts: plain TypeScript, no database. The counts come from the
 * pre-aggregated AnswerCount table (cells.ts), or from raw rows for the reference path.
 * JSON shape: /work/shared/reference/interfaces.md (`report --json`).
 */
import type { Indicator, LocalizedText, Question, QuestionType, VersionDefinition, Wave } from "~/survey/definition";
import { tooFew, type SuppressionReason } from "./disclosure";
import { percentOf } from "./format";
import { widerPeriod, type Period } from "./period";
import { round3, targetStatus, wilsonInterval, type TargetStatus } from "./wilson";

/** What the database (or a pre-aggregate) must answer for one filtered set of responses. */
export type Counts = {
  /** responses per version number and wave */
  responses: { version: number; wave: string; n: number }[];
  /** answer rows per question, matrix row ("" otherwise) and option ("" = a free-text answer) */
  options: { questionKey: string; rowKey: string; optionKey: string; n: number }[];
  /**
   * distinct responses with at least one answer row, per question. Needed for multi and matrix
   * questions only: a single-choice or text question has one row per answering response, so its
   * count follows from `options` (and is taken from there when missing here).
   */
  answered: { questionKey: string; n: number }[];
  /** codes issued in the period (null when the filter cannot apply to codes, e.g. an answer) */
  issued: number | null;
};

export type OptionCell = { key: string; count: number | null; percent: number | null };
export type RowTable = { key: string; answered: number | null; suppressed: boolean; reason?: SuppressionReason; options: OptionCell[] };

export type QuestionTable = {
  key: string;
  type: QuestionType;
  /** responses that were asked this question (their version and wave have it); null in a hidden group */
  respondents: number | null;
  answered: number | null;
  suppressed: boolean;
  reason?: SuppressionReason;
  options?: OptionCell[];
  rows?: RowTable[];
};

export type IndicatorResult = {
  key: string;
  question: string;
  n: number | null;
  value: number | null;
  target: number;
  ci95: [number, number] | null;
  status: TargetStatus;
  suppressed: boolean;
};

export type Report = {
  survey: string;
  from: string;
  to: string;
  wave: Wave | null;
  versions: number[];
  /** null with a group filter on answers (codes do not know them) or when the group is hidden */
  issued: number | null;
  /** null when the chosen group is hidden: its size is a count about a small group too */
  responses: number | null;
  responseRate: number | null;
  minGroupSize: number;
  /** with a group filter: why the whole group is hidden (null when shown or unfiltered) */
  groupSuppressed: SuppressionReason | null;
  /** a period wide enough to try when tables are hidden */
  suggestion: Period | null;
  questions: QuestionTable[];
  indicators: IndicatorResult[];
  /**
   * Released reports only: responses with an attribute (language, client group, referral) stored
   * as "withheld"; null when some block holds 1…k-1 of them (docs/decisions/0011-releases.md).
   */
  attributesWithheld?: number | null;
};

/** A question as merged across versions: by key, newest wording, union of options and rows. */
export type MergedQuestion = {
  key: string;
  type: QuestionType;
  text: LocalizedText;
  options: { key: string; text: LocalizedText }[];
  rows: { key: string; text: LocalizedText }[];
  /** the (version, wave) pairs that ask it */
  askedIn: { version: number; wave: Wave }[];
};

/**
 * Questions of the chosen versions (newest first decides order and wording), each with where it
 * was asked. Languages need no merging: answers are stored by key.
 */
export function mergeQuestions(versions: VersionDefinition[], wave: Wave | null): MergedQuestion[] {
  const byKey = new Map<string, MergedQuestion>();
  const newestFirst = [...versions].sort((a, b) => b.version - a.version);
  const order: string[] = [];
  for (const v of newestFirst) {
    for (const q of v.questions) {
      const waves = q.waves.filter((w) => wave === null || w === wave);
      if (waves.length === 0) continue;
      let m = byKey.get(q.key);
      if (!m) {
        m = { key: q.key, type: q.type, text: q.text, options: [], rows: [], askedIn: [] };
        byKey.set(q.key, m);
        order.push(q.key);
      }
      addChoices(m.options, q.options);
      addChoices(m.rows, q.rows);
      for (const w of waves) m.askedIn.push({ version: v.version, wave: w });
    }
  }
  return order.map((k) => byKey.get(k)!);
}

function addChoices(into: { key: string; text: LocalizedText }[], from: Question["options"]) {
  for (const c of from ?? []) if (!into.some((x) => x.key === c.key)) into.push({ key: c.key, text: c.text });
}

function optionCells(
  keys: string[],
  counts: Map<string, number>,
  answered: number,
  suppressed: boolean,
): OptionCell[] {
  // an answer stored under a key the definition no longer has still counts, listed last
  const all = [...keys, ...[...counts.keys()].filter((k) => !keys.includes(k)).sort()];
  return all.map((key) => {
    const count = counts.get(key) ?? 0;
    return suppressed
      ? { key, count: null, percent: null }
      : { key, count, percent: percentOf(count, answered) ?? 0 };
  });
}

export type BuildInput = {
  survey: string;
  period: Period;
  wave: Wave | null;
  versions: number[];
  questions: MergedQuestion[];
  indicators: Indicator[];
  counts: Counts;
  minGroupSize: number;
  /**
   * With a group filter: why the group is hidden as a column of its breakdown (too few, or hidden
   * so that a smaller group cannot be recovered from the total); undefined when it may be shown.
   */
  groupHidden?: SuppressionReason;
  /**
   * Tables ("question|" or "question|row") whose base holds 1…k-1 in some release block's cell:
   * hidden as "complementary", since allowed reports could be subtracted down to that cell.
   */
  hiddenTables?: ReadonlySet<string>;
};

export function buildReport(input: BuildInput): Report {
  const k = input.minGroupSize;
  const { counts } = input;
  const responses = counts.responses.reduce((s, r) => s + r.n, 0);
  const byVersionWave = new Map(counts.responses.map((r) => [`${r.version}|${r.wave}`, r.n]));
  const answeredBy = new Map<string, number>();
  const optionCounts = new Map<string, Map<string, number>>();
  for (const c of counts.options) {
    const id = `${c.questionKey}|${c.rowKey}`;
    if (c.rowKey === "") answeredBy.set(c.questionKey, (answeredBy.get(c.questionKey) ?? 0) + c.n);
    if (c.optionKey === "") continue;
    let m = optionCounts.get(id);
    if (!m) optionCounts.set(id, (m = new Map()));
    m.set(c.optionKey, (m.get(c.optionKey) ?? 0) + c.n);
  }
  // exact distinct counts win: multi-choice rows add up to more than the people who answered
  for (const a of counts.answered) answeredBy.set(a.questionKey, a.n);
  const groupHidden = input.groupHidden;

  const questions: QuestionTable[] = input.questions.map((q) => {
    const respondents = q.askedIn.reduce((s, a) => s + (byVersionWave.get(`${a.version}|${a.wave}`) ?? 0), 0);
    const answered = answeredBy.get(q.key) ?? 0;
    const releaseHidden = !!input.hiddenTables?.has(`${q.key}|`);
    const hidden = !!groupHidden || releaseHidden || tooFew(answered, k);
    const table: QuestionTable = {
      key: q.key,
      type: q.type,
      respondents: groupHidden ? null : respondents,
      answered: hidden ? null : answered,
      suppressed: hidden,
    };
    if (hidden) table.reason = groupHidden ?? (tooFew(answered, k) ? "too_few" : "complementary");
    if (q.type === "single" || q.type === "multi") {
      table.options = optionCells(
        q.options.map((o) => o.key),
        optionCounts.get(`${q.key}|`) ?? new Map(),
        answered,
        hidden,
      );
    } else if (q.type === "matrix") {
      const rowKeys = [
        ...q.rows.map((r) => r.key),
        ...[...optionCounts.keys()]
          .filter((id) => id.startsWith(`${q.key}|`) && id !== `${q.key}|`)
          .map((id) => id.slice(q.key.length + 1))
          .filter((r) => !q.rows.some((x) => x.key === r)),
      ];
      table.rows = rowKeys.map((rowKey) => {
        const cells = optionCounts.get(`${q.key}|${rowKey}`) ?? new Map<string, number>();
        const rowAnswered = [...cells.values()].reduce((s, n) => s + n, 0);
        const rowTooFew = tooFew(rowAnswered, k);
        const rowHidden = hidden || rowTooFew || !!input.hiddenTables?.has(`${q.key}|${rowKey}`);
        // why, as the reader is told: the table's own reason, else the row's
        const rowReason: SuppressionReason | undefined = !rowHidden ? undefined : hidden ? (table.reason ?? "too_few") : rowTooFew ? "too_few" : "complementary";
        return {
          key: rowKey,
          answered: rowHidden ? null : rowAnswered,
          suppressed: rowHidden,
          ...(rowReason ? { reason: rowReason } : {}),
          options: optionCells(
            q.options.map((o) => o.key),
            cells,
            rowAnswered,
            rowHidden,
          ),
        };
      });
    }
    return table;
  });

  const indicators: IndicatorResult[] = input.indicators
    .filter((ind) => input.questions.some((q) => q.key === ind.question))
    .map((ind) => {
      const n = answeredBy.get(ind.question) ?? 0;
      const cells = optionCounts.get(`${ind.question}|`) ?? new Map<string, number>();
      const successes = ind.success.reduce((s, key) => s + (cells.get(key) ?? 0), 0);
      const hidden = !!groupHidden || !!input.hiddenTables?.has(`${ind.question}|`) || tooFew(n, k);
      const ci = hidden ? null : wilsonInterval(successes, n);
      return {
        key: ind.key,
        question: ind.question,
        n: hidden ? null : n,
        value: hidden || n === 0 ? null : round3(successes / n),
        target: ind.target,
        ci95: ci ? [round3(ci[0]), round3(ci[1])] : null,
        status: targetStatus(ci, ind.target),
        suppressed: hidden,
      };
    });

  const anyHidden = questions.some((q) => q.suppressed) || indicators.some((i) => i.suppressed);
  return {
    survey: input.survey,
    from: input.period.from,
    to: input.period.to,
    wave: input.wave,
    versions: input.versions,
    issued: groupHidden ? null : counts.issued,
    responses: groupHidden ? null : responses,
    responseRate: !groupHidden && counts.issued ? round3(responses / counts.issued) : null,
    minGroupSize: k,
    groupSuppressed: groupHidden ?? null,
    suggestion: anyHidden ? widerPeriod(input.period) : null,
    questions,
    indicators,
  };
}
