import { z } from "zod";
import { placeKey, textsOf, translationCoverage as questionCoverage } from "./translation";
import type { Choice, LocalizedText, Question, SurveyDefinition } from "./definition";

/**
 * Questionnaire translations kept outside the definition, one file per language
 * (prisma/seed/translations/<lang>.json), keyed by the definition's stable keys so a translator
 * can review one language without touching the others. A question key's texts apply to every
 * version that has the key; `versions` overrides them for one version where the source text of
 * that version differs.
 */

const key = z.string().regex(/^[a-z][a-z0-9_]*$/, "must be a key such as violence_by_type");
const text = z.string().trim().min(1, "must not be empty");
const choiceTexts = z.record(key, text);

// .strict() throughout: a misspelt field ("option") must be an error, never silently ignored.
const QuestionTextsSchema = z
  .object({ text: text.optional(), options: choiceTexts.optional(), rows: choiceTexts.optional() })
  .strict();
export type QuestionTexts = z.infer<typeof QuestionTextsSchema>;

export const TRANSLATION_STATUSES = ["draft", "reviewed"] as const;
export type TranslationFileStatus = (typeof TRANSLATION_STATUSES)[number];

export const TranslationFileSchema = z
  .object({
    lang: z.string().regex(/^[a-z]{2,3}$/, "must be a language code such as ar"),
    /** `draft` until a qualified translator has reviewed the texts. */
    status: z.enum(TRANSLATION_STATUSES),
    note: z.string().optional(),
    /**
     * Sensitive terms and how this language renders them, keyed by the default language's term:
     * every text whose source contains the term must contain the rendering (see termErrors).
     */
    terms: z.record(z.string().min(1), text).default({}),
    title: text.optional(),
    indicators: z.record(key, text).default({}),
    questions: z.record(key, QuestionTextsSchema).default({}),
    versions: z
      .record(
        z.string().regex(/^[1-9][0-9]*$/, "must be a version number"),
        z.object({ questions: z.record(key, QuestionTextsSchema) }).strict(),
      )
      .default({}),
  })
  .strict();
export type TranslationFile = z.infer<typeof TranslationFileSchema>;

/** Thrown by mergeTranslations; `errors` name each problem's file and place. */
export class TranslationError extends Error {
  constructor(readonly errors: string[]) {
    super(`invalid translations: ${errors.join("; ")}`);
    this.name = "TranslationError";
  }
}

export type ParsedTranslation = { ok: true; file: TranslationFile } | { ok: false; errors: string[] };

/** Parses one translation file's JSON; errors read like `questions.role.option: unknown field`. */
export function parseTranslationFile(json: unknown): ParsedTranslation {
  const parsed = TranslationFileSchema.safeParse(json);
  if (parsed.success) return { ok: true, file: parsed.data };
  return {
    ok: false,
    errors: parsed.error.issues.map((i) => {
      const at = i.path.join(".") || "(file)";
      if (i.code === "unrecognized_keys") return `${at}: unknown field ${i.keys.map((k) => `"${k}"`).join(", ")}`;
      return `${at}: ${i.message}`;
    }),
  };
}

type Place = { place: string; text: LocalizedText };

/** Every text a respondent sees in one version, named `role.text`, `violence_by_type.rows.sexual`. */
function* questionPlaces(questions: readonly Question[]): Generator<Place> {
  for (const [place, text] of textsOf(questions)) yield { place: placeKey(place), text };
}

const present = (value: string | undefined) => Boolean(value?.trim());

/** The texts one entry gives, as places; used for unknown-key checks and for merging. */
function entryPlaces(qKey: string, entry: QuestionTexts): [string, string][] {
  const out: [string, string][] = [];
  if (entry.text !== undefined) out.push([`${qKey}.text`, entry.text]);
  for (const list of ["options", "rows"] as const)
    for (const [k, v] of Object.entries(entry[list] ?? {})) out.push([`${qKey}.${list}.${k}`, v]);
  return out;
}

/**
 * What is wrong with a translation file for this definition: keys the definition does not have
 * (a reviewer's typo would otherwise leave a text untranslated without a word), the default
 * language, and one shared entry for a text whose source wording differs between versions.
 */
export function translationErrors(definition: SurveyDefinition, file: TranslationFile): string[] {
  const errors: string[] = [];
  const at = file.lang;
  if (file.lang === definition.defaultLanguage)
    errors.push(`${at}: "${file.lang}" is the default language; its texts live in the questionnaire itself`);

  const indicatorKeys = new Set(definition.indicators.map((i) => i.key));
  for (const k of Object.keys(file.indicators))
    if (!indicatorKeys.has(k)) errors.push(`${at}: indicators.${k}: no such indicator`);

  // place → version → the default-language wording there
  const wordings = new Map<string, Map<number, string>>();
  for (const v of definition.versions)
    for (const { place, text } of questionPlaces(v.questions)) {
      if (!wordings.has(place)) wordings.set(place, new Map());
      wordings.get(place)!.set(v.version, text[definition.defaultLanguage] ?? "");
    }

  const checkEntries = (entries: Record<string, QuestionTexts>, prefix: string, exists: (place: string) => boolean) => {
    for (const [qKey, entry] of Object.entries(entries)) {
      if (!exists(`${qKey}.text`)) {
        errors.push(`${at}: ${prefix}${qKey}: no such question`);
        continue;
      }
      for (const [place] of entryPlaces(qKey, entry))
        if (!exists(place)) errors.push(`${at}: ${prefix}${place}: no such text`);
    }
  };
  checkEntries(file.questions, "questions.", (place) => wordings.has(place));

  const overridden = new Map<string, Set<number>>(); // place → versions with their own text
  for (const [n, override] of Object.entries(file.versions)) {
    const version = Number(n);
    if (!definition.versions.some((v) => v.version === version)) {
      errors.push(`${at}: versions.${n}: no such version`);
      continue;
    }
    checkEntries(override.questions, `versions.${n}.questions.`, (place) => wordings.get(place)?.has(version) ?? false);
    for (const [qKey, entry] of Object.entries(override.questions))
      for (const [place] of entryPlaces(qKey, entry)) {
        if (!overridden.has(place)) overridden.set(place, new Set());
        overridden.get(place)!.add(version);
      }
  }

  // a shared text may only stand for versions that all have the same source wording
  for (const [qKey, entry] of Object.entries(file.questions))
    for (const [place] of entryPlaces(qKey, entry)) {
      const byVersion = wordings.get(place);
      if (!byVersion) continue;
      const uncovered = [...byVersion].filter(([n]) => !overridden.get(place)?.has(n));
      if (new Set(uncovered.map(([, w]) => w)).size > 1)
        errors.push(
          `${at}: questions.${place}: the ${definition.defaultLanguage} text differs between versions ` +
            `${uncovered.map(([n]) => n).join(", ")}; give it per version under versions.<n>.questions`,
        );
    }
  return errors;
}

function withText(text: LocalizedText, lang: string, value: string | undefined): LocalizedText {
  return value === undefined ? text : { ...text, [lang]: value };
}

function mergeChoices(choices: Choice[], lang: string, texts: Record<string, string>): Choice[] {
  return choices.map((c) => ({ ...c, text: withText(c.text, lang, texts[c.key]) }));
}

/**
 * The definition with each file's texts added to its LocalizedText objects. Keys, order and the
 * default language's texts are never changed; a text a file lacks stays as it was (shown in the
 * default language). Throws TranslationError listing every unknown key, so nothing is dropped quietly.
 */
export function mergeTranslations(definition: SurveyDefinition, files: TranslationFile[]): SurveyDefinition {
  const errors = files.flatMap((f) => translationErrors(definition, f));
  const seen = new Set<string>();
  for (const f of files) {
    if (seen.has(f.lang)) errors.push(`${f.lang}: more than one translation file for this language`);
    seen.add(f.lang);
  }
  if (errors.length) throw new TranslationError(errors);
  return files.reduce(applyTranslation, structuredClone(definition));
}

/**
 * One file's texts for the places the definition has; anything else in the file is passed over.
 * Only for callers that report translationErrors themselves (the coverage check); else use
 * mergeTranslations. The default language is never written.
 */
export function applyTranslation(definition: SurveyDefinition, file: TranslationFile): SurveyDefinition {
  const { lang } = file;
  if (lang === definition.defaultLanguage) return definition;
  return {
    ...definition,
    title: withText(definition.title, lang, file.title),
    indicators: definition.indicators.map((i) => ({ ...i, label: withText(i.label, lang, file.indicators[i.key]) })),
    versions: definition.versions.map((v) => ({
      ...v,
      questions: v.questions.map((q) => {
        const base = file.questions[q.key] ?? {};
        const own = file.versions[String(v.version)]?.questions[q.key] ?? {};
        return {
          ...q,
          text: withText(q.text, lang, own.text ?? base.text),
          ...(q.options && { options: mergeChoices(q.options, lang, { ...base.options, ...own.options }) }),
          ...(q.rows && { rows: mergeChoices(q.rows, lang, { ...base.rows, ...own.rows }) }),
        };
      }),
    })),
  };
}

/**
 * Texts that render a sensitive term differently from the file's `terms` (say, the team's name
 * changed by a reviewer in one question but not in the others). Case is ignored; a rendering may
 * be a stem so that inflected forms match.
 */
export function termErrors(definition: SurveyDefinition, file: TranslationFile): string[] {
  const { lang } = file;
  const source = definition.defaultLanguage;
  const lower = (s: string, l: string) => s.toLocaleLowerCase(l);
  const merged = applyTranslation(definition, file);
  const places: [string, LocalizedText][] = [["title", merged.title]];
  for (const i of merged.indicators) places.push([`indicators.${i.key}`, i.label]);
  for (const v of merged.versions) for (const { place, text } of questionPlaces(v.questions)) places.push([place, text]);
  const errors = new Set<string>();
  for (const [term, rendering] of Object.entries(file.terms)) {
    let found = false;
    for (const [place, t] of places) {
      const original = t[source];
      if (!original || !lower(original, source).includes(lower(term, source))) continue;
      found = true;
      const translated = t[lang];
      if (translated && !lower(translated, lang).includes(lower(rendering, lang)))
        errors.add(`${lang}: ${place}: the ${source} text says "${term}", the translation lacks "${rendering}"`);
    }
    if (!found) errors.add(`${lang}: terms: "${term}" is in no ${source} text`);
  }
  return [...errors];
}

export type TranslationCoverage = { complete: boolean; missing: string[] };

/**
 * Whether one version has every text in `lang`: the title, each indicator label (shown to staff)
 * whose question is in the version, and every question, option and matrix row text. `missing`
 * names the gaps as `title`, `indicators.violence_stopped`, `role.text`, `violence_by_type.rows.sexual`.
 */
export function translationCoverage(definition: SurveyDefinition, version: number, lang: string): TranslationCoverage {
  const v = definition.versions.find((x) => x.version === version);
  if (!v) throw new RangeError(`version ${version} does not exist in "${definition.slug}"`);
  const missing: string[] = [];
  if (!present(definition.title[lang])) missing.push("title");
  for (const ind of definition.indicators)
    if (v.questions.some((q) => q.key === ind.question) && !present(ind.label[lang]))
      missing.push(`indicators.${ind.key}`);
  missing.push(...questionCoverage(v.questions, lang).missing.map(placeKey));
  return { complete: missing.length === 0, missing };
}
