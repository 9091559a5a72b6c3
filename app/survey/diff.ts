import type { Choice, LocalizedText, Question, QuestionType, VersionDefinition, Wave } from "./definition";

/**
 * What changed between two versions of a questionnaire, by stable key. Pure: the what-changed
 * page and the results comparison across versions both build on it.
 *
 * A question is **comparable** between the two versions when it exists in both with the same
 * type, the same option keys and the same matrix row keys (order and wording may differ):
 * answers are stored by key, so their counts can be put side by side. Rewording keeps a
 * question comparable but is flagged (`reworded`), because the reader should know.
 */

/** One language's text before and after; `null` where that language has no text. */
export type TextChange = { lang: string; before: string | null; after: string | null };

export type ChoiceStatus = "added" | "removed" | "reworded" | "unchanged";

export type ChoiceDiff = {
  key: string;
  status: ChoiceStatus;
  /** for "reworded": the languages whose text differs */
  textChanges: TextChange[];
};

export type QuestionStatus = "added" | "removed" | "changed" | "unchanged";

export type QuestionDiff = {
  key: string;
  status: QuestionStatus;
  /** in both versions, same type, same option keys and same row keys */
  comparable: boolean;
  /** the question's, an option's or a row's text differs in a language both versions have */
  reworded: boolean;
  /** 0-based position in each version; null where absent */
  position: { from: number | null; to: number | null };
  /** the question text, per language that differs */
  textChanges: TextChange[];
  type: { from: QuestionType; to: QuestionType } | null;
  waves: { from: Wave[]; to: Wave[] } | null;
  maxLength: { from: number | null; to: number | null } | null;
  options: ChoiceDiff[];
  rows: ChoiceDiff[];
};

export type VersionDiff = {
  from: number;
  to: number;
  /** keys, in the order of the version they appear in */
  added: string[];
  removed: string[];
  comparable: string[];
  /** in both versions but not comparable (type or option/row keys changed) */
  notComparable: string[];
  /** comparable, but some text differs */
  reworded: string[];
  /** every question of either version: `to`'s order, then the removed ones */
  questions: QuestionDiff[];
};

export function textChanges(before: LocalizedText, after: LocalizedText): TextChange[] {
  const langs = [...new Set([...Object.keys(before), ...Object.keys(after)])].sort();
  const changes: TextChange[] = [];
  for (const lang of langs) {
    const b = before[lang] || null;
    const a = after[lang] || null;
    if (b !== a) changes.push({ lang, before: b, after: a });
  }
  return changes;
}

const inBoth = (c: TextChange) => c.before !== null && c.after !== null;

function choiceDiffs(before: readonly Choice[] = [], after: readonly Choice[] = []): ChoiceDiff[] {
  const out: ChoiceDiff[] = [];
  for (const a of after) {
    const b = before.find((c) => c.key === a.key);
    if (!b) {
      out.push({ key: a.key, status: "added", textChanges: [] });
      continue;
    }
    const changes = textChanges(b.text, a.text);
    out.push({ key: a.key, status: changes.length ? "reworded" : "unchanged", textChanges: changes });
  }
  for (const b of before)
    if (!after.some((c) => c.key === b.key)) out.push({ key: b.key, status: "removed", textChanges: [] });
  return out;
}

const sameKeys = (a: readonly Choice[] = [], b: readonly Choice[] = []) =>
  a.length === b.length && a.every((c) => b.some((d) => d.key === c.key));

const sameWaves = (a: readonly Wave[], b: readonly Wave[]) =>
  a.length === b.length && a.every((w) => b.includes(w));

function onlyIn(q: Question, side: "added" | "removed", position: number): QuestionDiff {
  const choices = (list?: Choice[]): ChoiceDiff[] =>
    (list ?? []).map((c) => ({ key: c.key, status: side, textChanges: [] }));
  return {
    key: q.key,
    status: side,
    comparable: false,
    reworded: false,
    position: side === "added" ? { from: null, to: position } : { from: position, to: null },
    textChanges: [],
    type: null,
    waves: null,
    maxLength: null,
    options: choices(q.options),
    rows: choices(q.rows),
  };
}

export function diffQuestion(before: Question, after: Question, position: { from: number; to: number }): QuestionDiff {
  const options = choiceDiffs(before.options, after.options);
  const rows = choiceDiffs(before.rows, after.rows);
  const text = textChanges(before.text, after.text);
  const comparable =
    before.type === after.type && sameKeys(before.options, after.options) && sameKeys(before.rows, after.rows);
  // reworded: a text changed in a language both versions have. A translation added or dropped is
  // listed in textChanges but rewords nothing: those who answered in the other languages saw the same
  const reworded = text.some(inBoth) || [...options, ...rows].some((c) => c.textChanges.some(inBoth));
  const type = before.type === after.type ? null : { from: before.type, to: after.type };
  const waves = sameWaves(before.waves, after.waves) ? null : { from: before.waves, to: after.waves };
  const maxLength =
    (before.maxLength ?? null) === (after.maxLength ?? null)
      ? null
      : { from: before.maxLength ?? null, to: after.maxLength ?? null };
  const choiceChanged = [...options, ...rows].some((c) => c.status !== "unchanged");
  const changed = reworded || text.length > 0 || type || waves || maxLength || choiceChanged;
  return {
    key: after.key,
    status: changed ? "changed" : "unchanged",
    comparable,
    reworded,
    position,
    textChanges: text,
    type,
    waves,
    maxLength,
    options,
    rows,
  };
}

/** Compares any two versions (either order). */
export function diffVersions(
  from: Pick<VersionDefinition, "version" | "questions">,
  to: Pick<VersionDefinition, "version" | "questions">,
): VersionDiff {
  const questions: QuestionDiff[] = [];
  to.questions.forEach((a, ai) => {
    const bi = from.questions.findIndex((q) => q.key === a.key);
    questions.push(bi < 0 ? onlyIn(a, "added", ai) : diffQuestion(from.questions[bi]!, a, { from: bi, to: ai }));
  });
  from.questions.forEach((b, bi) => {
    if (!to.questions.some((q) => q.key === b.key)) questions.push(onlyIn(b, "removed", bi));
  });
  const keys = (pred: (d: QuestionDiff) => boolean) => questions.filter(pred).map((d) => d.key);
  return {
    from: from.version,
    to: to.version,
    added: keys((d) => d.status === "added"),
    removed: keys((d) => d.status === "removed"),
    comparable: keys((d) => d.comparable),
    notComparable: keys((d) => (d.status === "changed" || d.status === "unchanged") && !d.comparable),
    reworded: keys((d) => d.comparable && d.reworded),
    questions,
  };
}

/** Keys of questions comparable across every one of `versions` (e.g. for a results series). */
export function comparableAcross(versions: readonly Pick<VersionDefinition, "version" | "questions">[]): string[] {
  const [first, ...rest] = versions;
  if (!first) return [];
  return first.questions
    .map((q) => q.key)
    .filter((key) => rest.every((v) => diffVersions(first, v).comparable.includes(key)));
}

/** Still comparable and not reworded, yet changed: a translation added or dropped, its waves, its text length. */
export function otherChanges(diff: VersionDiff): string[] {
  return diff.questions.filter((q) => q.status === "changed" && q.comparable && !q.reworded).map((q) => q.key);
}
