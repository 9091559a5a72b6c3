import { z } from "zod";

/**
 * The questionnaire definition format (docs/questionnaire-format.md), exactly as in
 * prisma/seed/questionnaire.json. Keys are stable across versions and languages; answers
 * are stored by key, never by display text.
 */

export const WAVES = ["closure", "followup"] as const;
export type Wave = (typeof WAVES)[number];
export const QUESTION_TYPES = ["single", "multi", "matrix", "text"] as const;
export type QuestionType = (typeof QUESTION_TYPES)[number];

const KEY = /^[a-z][a-z0-9_]*$/;
const keySchema = z
  .string()
  .regex(KEY, "must be lower-case letters, digits and _, starting with a letter")
  .max(64);
const langCode = z.string().regex(/^[a-z]{2,3}$/, "must be a language code such as sv or ar");

export const LocalizedTextSchema = z.record(langCode, z.string());
export type LocalizedText = z.infer<typeof LocalizedTextSchema>;

// Unknown fields are refused, not dropped: a misspelt "option" must not vanish silently on import.
const ChoiceSchema = z.object({ key: keySchema, text: LocalizedTextSchema }).strict();
export type Choice = z.infer<typeof ChoiceSchema>;

/** "unknown type "x" (expected one of …)" instead of zod's generic enum message. */
function oneOf<T extends readonly [string, ...string[]]>(values: T, what: string) {
  return z.enum(values, {
    errorMap: (issue, ctx) => ({
      message:
        issue.code === "invalid_enum_value" || issue.code === "invalid_type"
          ? `unknown ${what} ${JSON.stringify(ctx.data)} (expected one of ${values.join(", ")})`
          : ctx.defaultError,
    }),
  });
}

// Field order follows questionnaire.json, so an export reads like the file it came from.
export const QuestionSchema = z
  .object({
    key: keySchema,
    type: oneOf(QUESTION_TYPES, "type"),
    waves: z.array(oneOf(WAVES, "wave")).min(1, "must name at least one wave"),
    maxLength: z.number().int().min(1).max(10_000).optional(),
    text: LocalizedTextSchema,
    rows: z.array(ChoiceSchema).optional(),
    options: z.array(ChoiceSchema).optional(),
  })
  .strict();
export type Question = z.infer<typeof QuestionSchema>;

export const VersionSchema = z
  .object({
    version: z.number().int().min(1),
    label: z.string().max(200).default(""),
    questions: z.array(QuestionSchema),
  })
  .strict();
export type VersionDefinition = z.infer<typeof VersionSchema>;

export const IndicatorSchema = z
  .object({
    key: keySchema,
    question: keySchema,
    success: z.array(keySchema).min(1),
    target: z.number().min(0).max(1),
    label: LocalizedTextSchema.default({}),
    /** a few words for table rows, where the full label would repeat on every line */
    short: LocalizedTextSchema.optional(),
  })
  .strict();
export type Indicator = z.infer<typeof IndicatorSchema>;

export const SurveyDefinitionSchema = z
  .object({
    slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and -").max(64),
    title: LocalizedTextSchema,
    defaultLanguage: langCode,
    indicators: z.array(IndicatorSchema).default([]),
    versions: z.array(VersionSchema).min(1, "must contain at least one version"),
  })
  .strict();
export type SurveyDefinition = z.infer<typeof SurveyDefinitionSchema>;

export const DEFAULT_TEXT_MAX_LENGTH = 2000;

export function textMaxLength(question: Question): number {
  return question.maxLength ?? DEFAULT_TEXT_MAX_LENGTH;
}

/** The questions asked in one wave, in their order. */
export function questionsForWave(version: VersionDefinition, wave: Wave): Question[] {
  return version.questions.filter((q) => q.waves.includes(wave));
}

/** Text in `lang`, else the survey's default language, else any: a key is never shown. */
export function localized(text: LocalizedText, lang: string, defaultLanguage = "sv"): string {
  return text[lang] || text[defaultLanguage] || Object.values(text).find(Boolean) || "";
}

/** Every language that has at least one non-empty text in these questions. */
export function languagesOf(questions: readonly Question[]): string[] {
  const langs = new Set<string>();
  const add = (t: LocalizedText) => Object.entries(t).forEach(([l, v]) => v && langs.add(l));
  for (const q of questions) {
    add(q.text);
    q.options?.forEach((o) => add(o.text));
    q.rows?.forEach((r) => add(r.text));
  }
  return [...langs];
}
