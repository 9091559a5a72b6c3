import { data } from "@remix-run/node";
import type { SurveyCode } from "@prisma/client";
import { lookupCode, STATUS_HTTP, type CodeState } from "~/codes/lookup.server";
import { serverOnlyI18n, serverT } from "~/i18n/i18n.server";
import { localized, questionsForWave, textMaxLength, type Question, type Wave } from "~/survey/definition";
import { versionDefinition } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { appContext } from "~/utils/load-context";
import { normalizeCode } from "~/codes/code";
import { FailureLimiter } from "~/utils/rate-limit";
import type { AnswerError, FormValues } from "./answers";
import type { ShownQuestion } from "./questionnaire";

/** Code guessing: 10 distinct unusable codes a minute from one address, then a pause for them. */
const codeGuessLimiter = new FailureLimiter(10, 60_000);
// Which codes an address already had refused this minute: a repeated code (a double submit, a
// reload, a used code opened again) is one guess, so only distinct codes count.
const refusedCodes = new FailureLimiter(1, 60_000);

/**
 * Looks a code up for a caller. Only wrong guesses (unknown, used, expired alike) are counted
 * and only they are refused: a shelter's shared Wi-Fi address, paused by someone else's
 * guessing, still opens a valid code. The code space (decision 0004) is what makes guessing
 * hopeless; the pause only slows a flood.
 */
export async function lookupCodeThrottled(code: string, address: string): Promise<CodeState | "throttled"> {
  const state = await lookupCode(code);
  if (state.status !== "unusable") return state;
  const key = `code:${address}`;
  if (codeGuessLimiter.retryAfter(key) > 0) return "throttled";
  const seen = `${key} ${normalizeCode(code) ?? code}`;
  if (refusedCodes.retryAfter(seen) === 0) {
    refusedCodes.fail(seen);
    codeGuessLimiter.fail(key);
  }
  return state;
}

type VersionInfo = { questions: Question[]; defaultLanguage: string };
// Published versions never change, so their parsed definitions are kept for the process' life.
const versionCache = new Map<string, VersionInfo>();

export async function versionFor(code: SurveyCode): Promise<VersionInfo> {
  const cached = versionCache.get(code.surveyVersionId);
  if (cached) return cached;
  const row = await prisma.surveyVersion.findUniqueOrThrow({
    where: { id: code.surveyVersionId },
    include: { survey: { select: { defaultLanguage: true } } },
  });
  const info = { questions: versionDefinition(row).questions, defaultLanguage: row.survey.defaultLanguage };
  if (row.status === "published") versionCache.set(code.surveyVersionId, info);
  return info;
}

export function showQuestions(info: VersionInfo, wave: Wave, lang: string): ShownQuestion[] {
  const text = (t: Record<string, string>) => localized(t, lang, info.defaultLanguage);
  return questionsForWave({ version: 0, label: "", questions: info.questions }, wave).map((q) => ({
    key: q.key,
    type: q.type,
    text: text(q.text),
    options: (q.options ?? []).map((o) => ({ key: o.key, text: text(o.text) })),
    rows: (q.rows ?? []).map((r) => ({ key: r.key, text: text(r.text) })),
    maxLength: textMaxLength(q),
  }));
}

const respondentI18n = serverOnlyI18n;

/** An action's page language, for the loaders Remix runs after it (see AppContext). */
export function answerInLanguage(context: unknown, lang: string): string {
  appContext(context).respondentLang = lang;
  return lang;
}

/** The language an action already chose for this request, if one ran. */
export function languageChosenByAction(context: unknown): string | undefined {
  return appContext(context).respondentLang;
}

export type StatusKind = Exclude<CodeState["status"], "valid"> | "throttled";

const STATUS_KEYS: Record<StatusKind, [string, string]> = {
  unusable: ["status.unusableTitle", "status.unusableText"],
  notYetValid: ["status.notYetTitle", "status.notYetText"],
  throttled: ["status.throttledTitle", "status.throttledText"],
};

/**
 * A status page in the client's language: unusable (unknown, used or expired: one page, byte
 * for byte, with a box for another code), not yet valid (with its opening date), throttled.
 */
export function statusPage(kind: StatusKind, lang: string, code?: SurveyCode) {
  const t = serverT(lang, "respondent");
  const [title, text] = STATUS_KEYS[kind];
  const date =
    kind === "notYetValid" && code
      ? new Intl.DateTimeFormat(`${lang}-u-ca-gregory`, { dateStyle: "long", timeZone: "Europe/Stockholm" }).format(code.validFrom)
      : "";
  return data(
    {
      kind: "status" as const,
      codeBox: kind === "unusable",
      title: t(title),
      text: t(text, { date }),
      pageTitle: t("pageTitle"),
      i18n: respondentI18n(lang),
    },
    { status: kind === "throttled" ? 429 : STATUS_HTTP[kind] },
  );
}

/** The questionnaire form, fresh or re-rendered with the client's answers and errors. */
export function formPage(
  lang: string,
  questions: ShownQuestion[],
  values: FormValues = {},
  errors: AnswerError[] = [],
  status = 200,
) {
  const t = serverT(lang, "respondent");
  return data(
    { kind: "form" as const, questions, values, errors, pageTitle: t("pageTitle"), i18n: respondentI18n(lang) },
    { status },
  );
}

export function simplePage(lang: string) {
  const t = serverT(lang, "respondent");
  return { pageTitle: t("pageTitle"), i18n: respondentI18n(lang) };
}
