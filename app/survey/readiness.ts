import type { Indicator, LocalizedText, Question, VersionDefinition } from "./definition";
import { placeKey, textsOf } from "./translation";

/**
 * Which languages a version may be shown in. A client must never see a page that mixes two
 * languages, so a language is offered only when every text the version has exists in it and no
 * source text was reworded since it was translated (stale).
 */

export type SurveyTexts = { title: LocalizedText; defaultLanguage: string; indicators: readonly Indicator[] };
export type LanguageReview = { status: "draft" | "reviewed"; stale: readonly string[] };

export type LanguageReadiness = {
  lang: string;
  /** texts a client or the version's reports show in it */
  total: number;
  /** places with no text in `lang` */
  missing: string[];
  /** places whose text in `lang` was written for an older source wording */
  stale: string[];
  /** a qualified translator reviewed this language (the source language always counts) */
  reviewed: boolean;
  /** every text exists and none is stale: the version may be shown in this language */
  offered: boolean;
};

/**
 * Every text of one version, named as translation files name them: `title`, the labels of the
 * indicators whose question the version has, then questions, rows and options in page order.
 */
export function* versionTexts(survey: SurveyTexts, questions: readonly Question[]): Generator<[string, LocalizedText]> {
  yield ["title", survey.title];
  for (const ind of survey.indicators)
    if (questions.some((q) => q.key === ind.question)) yield [`indicators.${ind.key}`, ind.label];
  for (const [place, text] of textsOf(questions)) yield [placeKey(place), text];
}

export function languageReadiness(
  survey: SurveyTexts,
  version: Pick<VersionDefinition, "questions">,
  lang: string,
  review?: LanguageReview,
): LanguageReadiness {
  const missing: string[] = [];
  const stale: string[] = [];
  const marked = new Set(lang === survey.defaultLanguage ? [] : (review?.stale ?? []));
  let total = 0;
  for (const [place, text] of versionTexts(survey, version.questions)) {
    total++;
    if (!text[lang]?.trim()) missing.push(place);
    else if (marked.has(place)) stale.push(place);
  }
  const reviewed = lang === survey.defaultLanguage || review?.status === "reviewed";
  return { lang, total, missing, stale, reviewed, offered: missing.length === 0 && stale.length === 0 };
}

/** The languages (of `candidates`, in their order) a version may be shown in. */
export function offeredLanguages(
  survey: SurveyTexts,
  version: Pick<VersionDefinition, "questions">,
  reviews: Record<string, LanguageReview | undefined>,
  candidates: readonly string[],
): string[] {
  return candidates.filter((l) => languageReadiness(survey, version, l, reviews[l]).offered);
}

/**
 * The places whose text in `lang` differs between two question lists (reworded, added or removed
 * in that language). Places only one list has are not listed: a new place has nothing to go stale.
 */
export function changedPlaces(before: readonly Question[], after: readonly Question[], lang: string): string[] {
  const old = new Map<string, string>();
  for (const [place, text] of textsOf(before)) old.set(placeKey(place), text[lang] ?? "");
  const out: string[] = [];
  for (const [place, text] of textsOf(after)) {
    const key = placeKey(place);
    if (old.has(key) && old.get(key) !== (text[lang] ?? "")) out.push(key);
  }
  return out;
}

/** A language's stale places after an edit: reworded sources added, texts the translator rewrote removed. */
export function nextStale(current: readonly string[], reworded: readonly string[], retranslated: readonly string[]): string[] {
  const out = new Set([...current, ...reworded]);
  for (const p of retranslated) if (!reworded.includes(p)) out.delete(p);
  return [...out].sort();
}

/**
 * The language a questionnaire page is shown in: the wanted one when offered, else the code's
 * suggested language when offered, else the source language (always complete once published).
 */
export function pageLanguage(wanted: string, offered: readonly string[], codeLang: string | undefined, sourceLanguage: string) {
  if (offered.includes(wanted)) return wanted;
  if (codeLang && offered.includes(codeLang)) return codeLang;
  return sourceLanguage;
}
