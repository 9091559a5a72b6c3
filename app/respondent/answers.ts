import { textMaxLength, type Question, type Wave } from "~/survey/definition";

/** Form fields that carry no answer. */
export const RESERVED_FIELDS = new Set(["lang", "switchLang", "intent"]);

export type AnswerRow = { questionKey: string; rowKey: string; optionKey: string; text: string | null };

/** What the client sent, kept to re-render the form: field name → value(s). */
export type FormValues = Record<string, string | string[]>;

export type AnswerErrorCode =
  | "unknownQuestion"
  | "unknownOption"
  | "multipleValues"
  | "notInWave"
  | "tooLong"
  // the whole form (field ""): the body could not be read
  | "malformed"
  | "tooLarge";
export type AnswerError = { field: string; code: AnswerErrorCode; max?: number };

export type ParsedAnswers = { answers: AnswerRow[]; values: FormValues; errors: AnswerError[] };

const characters = (text: string) => [...text].length;

/**
 * Turns submitted field pairs into answer rows for one wave of one version. Every question may be
 * left out; anything that is not a question of this wave, or not one of its options, is an error
 * naming the field, so nothing unexpected is ever stored.
 */
export function parseAnswers(pairs: [string, string][], versionQuestions: Question[], wave: Wave): ParsedAnswers {
  const byKey = new Map(versionQuestions.map((q) => [q.key, q]));
  const grouped = new Map<string, string[]>();
  for (const [name, value] of pairs) {
    if (RESERVED_FIELDS.has(name)) continue;
    // appended in place: copying the list per repeated field made `x=&x=&…` quadratic
    const values = grouped.get(name);
    if (values) values.push(value);
    else grouped.set(name, [value]);
  }

  const answers: AnswerRow[] = [];
  const values: FormValues = {};
  const errors: AnswerError[] = [];
  const fail = (field: string, code: AnswerErrorCode, max?: number) =>
    errors.push(max === undefined ? { field, code } : { field, code, max });

  for (const [field, raw] of grouped) {
    const dot = field.indexOf(".");
    const questionKey = dot === -1 ? field : field.slice(0, dot);
    const rowKey = dot === -1 ? "" : field.slice(dot + 1);
    const question = byKey.get(questionKey);
    if (!question || (rowKey !== "") !== (question.type === "matrix")) {
      fail(field, "unknownQuestion");
      continue;
    }
    if (!question.waves.includes(wave)) {
      fail(field, "notInWave");
      continue;
    }
    if (question.type === "matrix" && !question.rows?.some((r) => r.key === rowKey)) {
      fail(field, "unknownQuestion");
      continue;
    }
    const given = raw.filter((v) => v !== "");
    if (given.length === 0) continue; // left unanswered
    const optionKeys = new Set(question.options?.map((o) => o.key));

    if (question.type === "text") {
      if (given.length > 1) {
        fail(field, "multipleValues");
        continue;
      }
      const text = given[0]!.replace(/\r\n/g, "\n");
      values[field] = text;
      const max = textMaxLength(question);
      if (characters(text) > max) fail(field, "tooLong", max);
      else if (text.trim() !== "") answers.push({ questionKey, rowKey: "", optionKey: "", text: text.trim() });
      continue;
    }
    if (question.type === "multi") {
      const unique = [...new Set(given)];
      const valid = unique.filter((v) => optionKeys.has(v));
      values[field] = valid;
      if (valid.length !== unique.length) fail(field, "unknownOption");
      else for (const optionKey of valid) answers.push({ questionKey, rowKey: "", optionKey, text: null });
      continue;
    }
    // single, or one row of a matrix
    if (given.length > 1) {
      fail(field, "multipleValues");
      continue;
    }
    const optionKey = given[0]!;
    if (!optionKeys.has(optionKey)) {
      fail(field, "unknownOption");
      continue;
    }
    values[field] = optionKey;
    answers.push({ questionKey, rowKey, optionKey, text: null });
  }
  return { answers, values, errors };
}
