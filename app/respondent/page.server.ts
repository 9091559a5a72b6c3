import { data } from "@remix-run/node";
import type { SurveyCode } from "@prisma/client";
import { lookupCode, STATUS_HTTP, type CodeState } from "~/codes/lookup.server";
import { serverOnlyI18n, serverT } from "~/i18n/i18n.server";
import { localized, questionsForWave, textMaxLength, type Question, type Wave } from "~/survey/definition";
import { isRespondentLanguage, RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { offeredLanguages, pageLanguage } from "~/survey/readiness";
import { getVersion, type StoredVersion } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { appContext } from "~/utils/load-context";
import { normalizeCode } from "~/codes/code";
import { FailureLimiter } from "~/utils/rate-limit";
import type { AnswerError, FormValues } from "./answers";
import type { ShownQuestion, ShownText } from "./questionnaire";
import { playable } from "~/survey/recordings";
import { recordingsOf } from "~/survey/recordings.server";
import { placeKey, type TextPlace } from "~/survey/translation";
import { newViewId } from "./replay.server";
import { respondentLanguage } from "./language.server";

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

type VersionInfo = { surveyId: string; questions: Question[]; defaultLanguage: string; offered: string[] };
// Parsed definitions are kept while the version row is unchanged (every change to its texts,
// stale marks or reviews touches updatedAt), so a page costs one small lookup.
const versionCache = new Map<string, { updatedAt: number; info: VersionInfo }>();

/** A stored version as the respondent pages need it. */
export function versionInfo(stored: StoredVersion): VersionInfo {
  const candidates = RESPONDENT_LANGUAGES.map((l) => l.code as string);
  return {
    surveyId: stored.surveyId,
    questions: stored.version.questions,
    defaultLanguage: stored.survey.defaultLanguage,
    offered: offeredLanguages(stored.survey, stored.version, stored.reviews, candidates),
  };
}

export async function versionFor(code: SurveyCode): Promise<VersionInfo> {
  const { updatedAt } = await prisma.surveyVersion.findUniqueOrThrow({ where: { id: code.surveyVersionId }, select: { updatedAt: true } });
  return versionAsOf(code.surveyVersionId, updatedAt.getTime());
}

/** The version as the respondent pages need it, parsed again only when its row changed. */
export async function versionAsOf(versionId: string, updatedAt: number): Promise<VersionInfo> {
  const cached = versionCache.get(versionId);
  if (cached?.updatedAt === updatedAt) return cached.info;
  const row = await prisma.surveyVersion.findUniqueOrThrow({
    where: { id: versionId },
    include: { survey: { select: { slug: true } } },
  });
  const info = versionInfo((await getVersion(row.survey.slug, row.version))!);
  versionCache.set(versionId, { updatedAt: row.updatedAt.getTime(), info });
  return info;
}

/**
 * The questions of one wave in one language the version offers: `wanted` when it is offered,
 * else the code's language, else the source language. Never a mix.
 */
export function showQuestions(info: VersionInfo, wave: Wave, wanted: string, codeLang?: string) {
  const lang = pageLanguage(wanted, info.offered, codeLang, info.defaultLanguage);
  const text = (t: Record<string, string>) => localized(t, lang, info.defaultLanguage);
  const questions = questionsForWave({ version: 0, label: "", questions: info.questions }, wave).map((q) => ({
    key: q.key,
    type: q.type,
    text: text(q.text),
    options: (q.options ?? []).map((o) => ({ key: o.key, text: text(o.text) })),
    rows: (q.rows ?? []).map((r) => ({ key: r.key, text: text(r.text) })),
    maxLength: textMaxLength(q),
  }));
  return { lang, questions, offered: info.offered };
}

/**
 * The shown questions with the URL of each text's recording in the page's language, where one
 * matches the text as it is now (a stale recording never plays).
 */
export async function withRecordings<T extends { lang: string; questions: ShownQuestion[] }>(shown: T, info: VersionInfo): Promise<T> {
  const ids = playable(await recordingsOf(info.surveyId, info.questions, shown.lang));
  if (ids.size === 0) return shown;
  const audio = (place: TextPlace) => {
    const id = ids.get(placeKey(place));
    return id ? `/a/${id}` : undefined;
  };
  const choice = (question: string, list: "options" | "rows") => (c: ShownText) => ({ ...c, audio: audio({ question, choice: { list, key: c.key } }) });
  const questions = shown.questions.map((q) => ({
    ...q,
    audio: audio({ question: q.key }),
    options: q.options.map(choice(q.key, "options")),
    rows: q.rows.map(choice(q.key, "rows")),
  }));
  return { ...shown, questions };
}

const respondentI18n = serverOnlyI18n;

/** An action's page language, for the loaders Remix runs after it (see AppContext). */
export function answerInLanguage(context: unknown, lang: string): string {
  appContext(context).respondentLang = lang;
  return lang;
}

/**
 * A method no page of ours sends (PUT, DELETE, PATCH, or a post to a page without a form) is
 * refused before anything is read, the code least of all: 405 with the `Allow` HTTP requires,
 * on the client's error page in the language the address or browser asks for.
 */
export function refuseOtherMethods(request: Request, context: unknown, allow: string): void {
  if (!allow.split(", ").includes(request.method)) methodNotAllowed(request, context, allow);
}

export function methodNotAllowed(request: Request, context: unknown, allow: string): never {
  answerInLanguage(context, respondentLanguage(request));
  throw new Response(null, { status: 405, headers: { Allow: allow } });
}

/** The language a questionnaire post asks to switch to: a language button, or the selector's button. */
export function switchTarget(field: (name: string) => string | undefined): string | undefined {
  const target = field("switchTo") ?? (field("intent") === "switchLang" ? field("switchLang") : undefined);
  return isRespondentLanguage(target) ? target : undefined;
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
  shown: { lang: string; questions: ShownQuestion[]; offered: string[] },
  values: FormValues = {},
  errors: AnswerError[] = [],
  status = 200,
) {
  const { lang, questions, offered } = shown;
  const t = serverT(lang, "respondent");
  return data(
    { kind: "form" as const, questions, offered, values, errors, view: newViewId(), pageTitle: t("pageTitle"), i18n: respondentI18n(lang) },
    { status },
  );
}

export function simplePage(lang: string) {
  const t = serverT(lang, "respondent");
  return { pageTitle: t("pageTitle"), i18n: respondentI18n(lang) };
}
