/**
 * The AnswerCount cells one stored response adds 1 to (decision 0008): levels 0 and 1, each with
 * the response's row (question ""), one row per answer row, and one "answered" row ("*") per
 * question. The same as addToAnswerCountsSql derives from the stored rows; the SQLite writer sums
 * a batch's cells here and writes each once (decision 0027). No imports: the writer's worker
 * loads this file outside the app bundle.
 */

/** A response as stored: the group attributes already withheld where too few codes shared them. */
export type CountedResponse = {
  surveyVersionId: string;
  wave: string;
  month: string;
  unitId: string;
  clientGroup: string | null;
  referral: string | null;
};

/** An answer row as stored in Answer. */
export type CountedAnswer = { questionKey: string; rowKey: string; optionKey: string };

/** In AnswerCount's column order: level, version, wave, month, unit, group, referral, role, gender, question, row, option. */
export type CountCell = [number, string, string, string, string, string, string, string, string, string, string, string];

/** The answer to a single-choice question a report groups by ("" when skipped), as the SQL's MIN(optionKey). */
function groupAnswer(answers: readonly CountedAnswer[], questionKey: string): string {
  let chosen: string | undefined;
  for (const a of answers) if (a.questionKey === questionKey && a.rowKey === "" && (chosen === undefined || a.optionKey < chosen)) chosen = a.optionKey;
  return chosen ?? "";
}

export function answerCells(r: CountedResponse, answers: readonly CountedAnswer[]): CountCell[] {
  const keys: [string, string, string][] = [["", "", ""]];
  const answered = new Set<string>();
  for (const a of answers) {
    keys.push([a.questionKey, a.rowKey, a.optionKey]);
    answered.add(a.questionKey);
  }
  for (const questionKey of answered) keys.push([questionKey, "", "*"]);
  const level1: [string, string, string, string] = [r.clientGroup ?? "", r.referral ?? "", groupAnswer(answers, "role"), groupAnswer(answers, "gender")];
  const cells: CountCell[] = [];
  for (const [level, groups] of [[0, ["", "", "", ""]], [1, level1]] as const)
    for (const key of keys) cells.push([level, r.surveyVersionId, r.wave, r.month, r.unitId, ...groups, ...key]);
  return cells;
}
