import type { Choice, LocalizedText, Question, QuestionType, VersionDefinition, Wave } from "./definition";

/**
 * Rules for what may change in a version, and the edits a draft allows. Pure functions on
 * question lists; app/survey/store.server.ts applies them to the database.
 */

/**
 * What a published version fixes: keys, types, waves, order, maxLength, label and the texts in
 * the default language. Two versions with the same signature differ only in other languages.
 */
export function structureSignature(version: Pick<VersionDefinition, "label" | "questions">, defaultLanguage: string): string {
  const choice = (c: Choice) => [c.key, c.text[defaultLanguage] ?? ""];
  return JSON.stringify([
    version.label,
    version.questions.map((q) => [
      q.key,
      q.type,
      q.waves,
      q.maxLength ?? null,
      q.text[defaultLanguage] ?? "",
      (q.rows ?? []).map(choice),
      (q.options ?? []).map(choice),
    ]),
  ]);
}

function mergeText(stored: LocalizedText, incoming: LocalizedText, defaultLanguage: string, changed: Set<string>) {
  const out: LocalizedText = { ...stored };
  for (const [lang, text] of Object.entries(incoming)) {
    // an empty text in a file is "not translated", never an instruction to delete one
    if (lang === defaultLanguage || !text || out[lang] === text) continue;
    out[lang] = text;
    changed.add(lang);
  }
  return out;
}

/**
 * Adds or replaces the non-default-language texts of `incoming` in `stored` (same structure);
 * languages only `stored` has are kept. Returns the merged questions and the languages changed.
 */
export function mergeTranslations(
  stored: readonly Question[],
  incoming: readonly Question[],
  defaultLanguage: string,
): { questions: Question[]; changedLanguages: string[] } {
  const changed = new Set<string>();
  const choices = (s: Choice[] | undefined, i: Choice[] | undefined) =>
    s?.map((c, ci) => ({ ...c, text: mergeText(c.text, i?.[ci]?.text ?? {}, defaultLanguage, changed) }));
  const questions = stored.map((q, qi) => {
    const inc = incoming[qi];
    if (!inc || inc.key !== q.key) throw new Error("mergeTranslations needs two versions of the same structure");
    const merged: Question = { ...q, text: mergeText(q.text, inc.text, defaultLanguage, changed) };
    if (q.rows) merged.rows = choices(q.rows, inc.rows);
    if (q.options) merged.options = choices(q.options, inc.options);
    return merged;
  });
  return { questions, changedLanguages: [...changed].sort() };
}

// ---------------------------------------------------------------- draft edits

export class DraftEditError extends Error {
  constructor(
    /** i18n key under surveys:errors */
    readonly code: string,
    readonly params: Record<string, string> = {},
  ) {
    super(`${code} ${JSON.stringify(params)}`);
  }
}

function findQuestion(questions: readonly Question[], key: string): number {
  const i = questions.findIndex((q) => q.key === key);
  if (i < 0) throw new DraftEditError("noQuestion", { key });
  return i;
}

function move<T>(list: readonly T[], from: number, delta: -1 | 1): T[] {
  const to = from + delta;
  const out = [...list];
  if (to < 0 || to >= list.length) return out;
  [out[from], out[to]] = [out[to]!, out[from]!];
  return out;
}

function setText(text: LocalizedText, lang: string, value: string): LocalizedText {
  const out = { ...text };
  if (value.trim()) out[lang] = value.trim();
  else delete out[lang];
  return out;
}

export type QuestionTextsEdit = {
  key: string;
  lang: string;
  text: string;
  /** option/row key → text; keys not given stay as they are */
  options?: Record<string, string>;
  rows?: Record<string, string>;
  waves?: Wave[];
  maxLength?: number;
};

/** Sets one language's texts of a question (and its options and rows), and optionally its waves. */
export function editQuestion(questions: readonly Question[], edit: QuestionTextsEdit): Question[] {
  const i = findQuestion(questions, edit.key);
  const q = questions[i]!;
  const choices = (list: Choice[] | undefined, texts: Record<string, string> | undefined) =>
    list?.map((c) => (texts && c.key in texts ? { ...c, text: setText(c.text, edit.lang, texts[c.key]!) } : c));
  const next: Question = { ...q, text: setText(q.text, edit.lang, edit.text) };
  if (q.rows) next.rows = choices(q.rows, edit.rows);
  if (q.options) next.options = choices(q.options, edit.options);
  if (edit.waves) next.waves = edit.waves;
  if (q.type === "text" && edit.maxLength !== undefined) next.maxLength = edit.maxLength;
  return questions.map((x, xi) => (xi === i ? next : x));
}

export type NewQuestion = {
  /** empty: proposed from the text (see proposeKey) */
  key: string;
  type: QuestionType;
  waves: Wave[];
  lang: string;
  text: string;
  /** index to insert at; absent: before a closing free-text question, else last */
  at?: number;
};

const MAX_PROPOSED_KEY = 40;

/**
 * A key for a new question or option from its (Swedish) text: lower-case ASCII, words joined by _,
 * at most 40 characters cut at a word, starting with a letter, and not one of `taken`
 * ("Känner du dig trygg i dag?" → "kanner_du_dig_trygg_i_dag").
 */
export function proposeKey(text: string, taken: Iterable<string>): string {
  const words = text
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/ß/g, "ss")
    .replace(/[æ]/g, "ae")
    .replace(/[ø]/g, "o")
    .split(/[^a-z0-9]+/)
    .filter(Boolean);
  let base = "";
  for (const w of words) {
    const next = base ? `${base}_${w}` : w;
    if (next.length > MAX_PROPOSED_KEY) break;
    base = next;
  }
  if (!base) base = (words[0] ?? "").slice(0, MAX_PROPOSED_KEY);
  if (!/^[a-z]/.test(base)) base = `q_${base}`.replace(/_$/, "");
  const used = new Set(taken);
  let key = base;
  for (let n = 2; used.has(key); n++) key = `${base}_${n}`;
  return key;
}

/** Where a new question goes by default: before the closing free-text question, if there is one. */
export function defaultInsertIndex(questions: readonly Question[]): number {
  return questions.length > 0 && questions[questions.length - 1]!.type === "text" ? questions.length - 1 : questions.length;
}

/** Inserts a question; choice questions get their options (and rows) added afterwards. */
export function addQuestion(questions: readonly Question[], q: NewQuestion): Question[] {
  const key = q.key.trim() || proposeKey(q.text, questions.map((x) => x.key));
  if (questions.some((x) => x.key === key)) throw new DraftEditError("duplicateQuestion", { key });
  const question: Question = { key, type: q.type, waves: q.waves, text: { [q.lang]: q.text.trim() } };
  if (q.type === "text") question.maxLength = 2000;
  if (q.type === "matrix") question.rows = [];
  if (q.type !== "text") question.options = [];
  const at = Math.min(Math.max(q.at ?? defaultInsertIndex(questions), 0), questions.length);
  return [...questions.slice(0, at), question, ...questions.slice(at)];
}

/** Moves a question to index `to` (clamped) in one step. */
export function moveQuestionTo(questions: readonly Question[], key: string, to: number): Question[] {
  const from = findQuestion(questions, key);
  const out = [...questions];
  const [q] = out.splice(from, 1);
  out.splice(Math.min(Math.max(to, 0), out.length), 0, q!);
  return out;
}

/**
 * Renames a question's key in a draft (a proposed key is only a proposal). Refused when another
 * question has the key.
 */
export function renameQuestion(questions: readonly Question[], key: string, newKey: string): Question[] {
  const i = findQuestion(questions, key);
  if (key !== newKey && questions.some((x) => x.key === newKey)) throw new DraftEditError("duplicateQuestion", { key: newKey });
  return questions.map((x, xi) => (xi === i ? { ...x, key: newKey } : x));
}

export function removeQuestion(questions: readonly Question[], key: string): Question[] {
  const i = findQuestion(questions, key);
  return questions.filter((_, xi) => xi !== i);
}

export function moveQuestion(questions: readonly Question[], key: string, delta: -1 | 1): Question[] {
  return move(questions, findQuestion(questions, key), delta);
}

export type ChoiceList = "options" | "rows";

function withChoices(
  questions: readonly Question[],
  key: string,
  list: ChoiceList,
  fn: (choices: Choice[]) => Choice[],
): Question[] {
  const i = findQuestion(questions, key);
  const q = questions[i]!;
  if (list === "options" && q.type === "text") throw new DraftEditError("noOptions", { key });
  if (list === "rows" && q.type !== "matrix") throw new DraftEditError("noRows", { key });
  return questions.map((x, xi) => (xi === i ? { ...q, [list]: fn(q[list] ?? []) } : x));
}

export function addChoice(
  questions: readonly Question[],
  key: string,
  list: ChoiceList,
  choice: { key: string; lang: string; text: string },
): Question[] {
  return withChoices(questions, key, list, (choices) => {
    if (choices.some((c) => c.key === choice.key))
      throw new DraftEditError("duplicateChoice", { key: choice.key, question: key });
    return [...choices, { key: choice.key, text: { [choice.lang]: choice.text.trim() } }];
  });
}

export function removeChoice(questions: readonly Question[], key: string, list: ChoiceList, choiceKey: string) {
  return withChoices(questions, key, list, (choices) => {
    if (!choices.some((c) => c.key === choiceKey)) throw new DraftEditError("noChoice", { key: choiceKey, question: key });
    return choices.filter((c) => c.key !== choiceKey);
  });
}

export function moveChoice(
  questions: readonly Question[],
  key: string,
  list: ChoiceList,
  choiceKey: string,
  delta: -1 | 1,
) {
  return withChoices(questions, key, list, (choices) => {
    const i = choices.findIndex((c) => c.key === choiceKey);
    if (i < 0) throw new DraftEditError("noChoice", { key: choiceKey, question: key });
    return move(choices, i, delta);
  });
}
