/**
 * Paper questionnaires (decision 0024): a code's whole questionnaire printed in its language, and
 * the answers of a returned sheet typed in by staff through the client's own validation and submit.
 * Nothing here records who printed or typed: the response is stored exactly as a phone answer
 * would be, and the channel only as a count on the code's monthly row.
 */
import type { SurveyCode } from "@prisma/client";
import { normalizeCode, formatCode } from "~/codes/code";
import { hashCode } from "~/codes/code.server";
import { lookupCode } from "~/codes/lookup.server";
import { env } from "~/env.server";
import { serverT } from "~/i18n/i18n.server";
import { textDirection } from "~/i18n/languages";
import { parseAnswers, type AnswerError, type FormValues } from "~/respondent/answers";
import { showQuestions, versionFor } from "~/respondent/page.server";
import type { ShownQuestion } from "~/respondent/questionnaire";
import { submitResponse } from "~/respondent/submit.server";
import type { Wave } from "~/survey/definition";
import { prisma } from "~/utils/db.server";
import { numberedSheet, PAPER_CODE_FIELD, type PaperQuestion } from "./sheet";

/** What the printed sheet carries, every text already in the sheet's language. */
export type PrintableSheet = {
  code: string;
  lang: string;
  dir: "ltr" | "rtl";
  title: string;
  intro: string[];
  hints: { single: string; multi: string; matrix: string; text: string };
  envelope: string;
  questions: PaperQuestion[];
};

/**
 * The sheet for a code that can still be answered or handed out: a handed-out code prints its
 * wave's questions; a slip in stock (wave unknown until hand-out) prints every question of its
 * version, and data entry later takes the ones its wave asks. Null for anything else, alike.
 */
export async function printableSheet(input: string, units: readonly string[], now = new Date()): Promise<PrintableSheet | null> {
  const normalized = normalizeCode(input);
  if (!normalized) return null;
  const row = await prisma.surveyCode.findUnique({ where: { hash: hashCode(normalized, env().tokenSecret) } });
  if (!row || now >= row.expiresAt || !units.includes(row.unitId)) return null;
  const { lang, questions } = await sheetQuestions(row);
  const t = serverT(lang, "respondent");
  return {
    code: formatCode(normalized),
    lang,
    dir: textDirection(lang),
    title: t("intro.heading"),
    intro: [t("intro.kept"), t("intro.voluntary"), t("paper.how")],
    hints: { single: t("paper.single"), multi: t("form.multiHint"), matrix: t("form.matrixHint"), text: t("paper.write") },
    envelope: t("paper.envelope"),
    questions: numberedSheet(questions),
  };
}

/** The language the client would see the code's questionnaire in, and its questions there. */
async function sheetQuestions(row: SurveyCode): Promise<{ lang: string; questions: ShownQuestion[] }> {
  const info = await versionFor(row);
  if (!row.stock) return showQuestions(info, row.wave as Wave, row.lang, row.lang);
  const closure = showQuestions(info, "closure", row.lang, row.lang);
  const followup = showQuestions(info, "followup", row.lang, row.lang);
  const asked = new Set([...closure.questions, ...followup.questions].map((q) => q.key));
  const byKey = new Map([...closure.questions, ...followup.questions].map((q) => [q.key, q]));
  // every question once, in the version's order
  return { lang: closure.lang, questions: info.questions.filter((q) => asked.has(q.key)).map((q) => byKey.get(q.key)!) };
}

/** One question as the data-entry form shows it: the sheet's words beside the Swedish. */
export type EntryQuestion = PaperQuestion & { sv: PaperQuestion };

export type EntryForm = { code: string; lang: string; dir: "ltr" | "rtl"; questions: EntryQuestion[] };

export type EntryState =
  | { status: "form"; form: EntryForm }
  | { status: "notYetValid"; validFrom: Date }
  // unknown, used, expired or still in stock: one answer, so typing a slip back in never says
  // whether the client answered on the phone (decision 0020's leak)
  | { status: "unusable" };

/** A code of a unit the staff member does not work in is refused like an unknown one (decision 0023). */
async function lookupInUnits(input: string, units: readonly string[], now: Date) {
  const state = await lookupCode(input, now);
  return state.status !== "unusable" && !units.includes(state.code.unitId) ? ({ status: "unusable" } as const) : state;
}

/** Opens a returned sheet's code for data entry. */
export async function openForEntry(input: string, units: readonly string[], now = new Date()): Promise<EntryState> {
  const state = await lookupInUnits(input, units, now);
  if (state.status === "unusable") return state;
  if (state.status === "notYetValid") return { status: "notYetValid", validFrom: state.code.validFrom };
  return { status: "form", form: await entryForm(state.code, input) };
}

async function entryForm(code: SurveyCode, input: string): Promise<EntryForm> {
  const info = await versionFor(code);
  const wave = code.wave as Wave;
  const sheet = showQuestions(info, wave, code.lang, code.lang);
  const swedish = numberedSheet(showQuestions({ ...info, offered: ["sv"] }, wave, "sv").questions);
  return {
    code: formatCode(normalizeCode(input)!),
    lang: sheet.lang,
    dir: textDirection(sheet.lang),
    questions: numberedSheet(sheet.questions).map((q, i) => ({ ...q, sv: swedish[i]! })),
  };
}

export type EntryResult =
  | { status: "saved" }
  | { status: "invalid"; form: EntryForm; values: FormValues; errors: AnswerError[] }
  | { status: "notYetValid"; validFrom: Date }
  | { status: "unusable" };

/**
 * Stores a returned sheet's answers with the client's own validation (parseAnswers) and
 * one-transaction submit (submitResponse, channel "paper"), in the language the sheet was printed
 * in. A refused entry (bad answers, a code not yet open) runs no transaction: the code stays unused.
 */
export async function enterPaperAnswers(input: string, pairs: [string, string][], units: readonly string[], now = new Date()): Promise<EntryResult> {
  const state = await lookupInUnits(input, units, now);
  if (state.status === "unusable") return state;
  if (state.status === "notYetValid") return { status: "notYetValid", validFrom: state.code.validFrom };
  const code = state.code;
  const info = await versionFor(code);
  const wave = code.wave as Wave;
  const answerPairs = pairs.filter(([name]) => name !== PAPER_CODE_FIELD);
  const parsed = parseAnswers(answerPairs, info.questions, wave);
  if (parsed.errors.length) {
    return { status: "invalid", form: await entryForm(code, input), values: parsed.values, errors: parsed.errors };
  }
  const lang = showQuestions(info, wave, code.lang, code.lang).lang;
  const result = await submitResponse(code, parsed.answers, lang, now, "paper");
  if (result.status === "saved") return result;
  // claimed a moment ago by the phone, or expired at this instant: the same one answer
  return result.status === "notYetValid" ? { status: "notYetValid", validFrom: code.validFrom } : { status: "unusable" };
}
