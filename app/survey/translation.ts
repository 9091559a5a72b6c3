import type { LocalizedText, Question } from "./definition";

/** One text a respondent sees: a question's, or one of its options' or matrix rows'. */
export type TextPlace = { question: string; choice?: { list: "options" | "rows"; key: string } };

export type TranslationCoverage = {
  lang: string;
  /** texts a respondent sees in this version */
  total: number;
  /** texts with no (or an empty) text in `lang`: shown in the default language instead */
  missing: TextPlace[];
  complete: boolean;
};

/** Every text a respondent sees in one version, in page order. */
export function* textsOf(questions: readonly Question[]): Generator<[TextPlace, LocalizedText]> {
  for (const q of questions) {
    yield [{ question: q.key }, q.text];
    for (const list of ["rows", "options"] as const)
      for (const c of q[list] ?? []) yield [{ question: q.key, choice: { list, key: c.key } }, c.text];
  }
}

/** Whether every text of a version exists in `lang`, and which do not. */
export function translationCoverage(questions: readonly Question[], lang: string): TranslationCoverage {
  const missing: TextPlace[] = [];
  let total = 0;
  for (const [place, text] of textsOf(questions)) {
    total++;
    if (!text[lang]?.trim()) missing.push(place);
  }
  return { lang, total, missing, complete: missing.length === 0 };
}

/** "role.text", "violence_by_type.rows.sexual": a place as translation files and the seed check name it */
export function placeKey(place: TextPlace): string {
  return place.choice ? `${place.question}.${place.choice.list}.${place.choice.key}` : `${place.question}.text`;
}

/** "violence_by_type / rows / sexual" */
export function describePlace(place: TextPlace): string {
  return place.choice ? `${place.question} / ${place.choice.list} / ${place.choice.key}` : place.question;
}
