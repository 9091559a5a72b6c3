/**
 * The printed sheet and the data-entry form share one numbering: question 1, 2, 3… and within a
 * question option 1, 2, 3… printed beside each tick box, so staff type the number they see ticked.
 */
import type { ShownQuestion } from "~/respondent/questionnaire";

/** The data-entry form's own field for the code; not a valid question key, so never an answer. */
export const PAPER_CODE_FIELD = "paper-code";

/** The most options a question can have and still be chosen with one key (1–9). */
export const MAX_KEYED_OPTIONS = 9;

export type PaperQuestion = ShownQuestion & { number: number };

/** Numbers the questions in the order they are asked. */
export function numberedSheet(questions: readonly ShownQuestion[]): PaperQuestion[] {
  return questions.map((q, i) => ({ ...q, number: i + 1 }));
}

/** What one key does in a question of the data-entry form. */
export type KeyAction = { kind: "choose"; index: number } | { kind: "clear" } | { kind: "next" } | null;

/**
 * Data entry by keyboard: the digit printed beside a ticked box chooses that option, 0 takes the
 * answer back, Enter goes on to the next question. Anything else is left to the browser.
 */
export function keyAction(key: string, optionCount: number): KeyAction {
  if (key === "Enter") return { kind: "next" };
  if (key === "0") return { kind: "clear" };
  if (/^[1-9]$/.test(key)) {
    const index = Number(key) - 1;
    return index < Math.min(optionCount, MAX_KEYED_OPTIONS) ? { kind: "choose", index } : null;
  }
  return null;
}
