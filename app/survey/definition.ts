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

const ChoiceSchema = z.object({ key: keySchema, text: LocalizedTextSchema });
export type Choice = z.infer<typeof ChoiceSchema>;

export const QuestionSchema = z.object({
  key: keySchema,
  type: z.enum(QUESTION_TYPES),
  waves: z.array(z.enum(WAVES)).min(1, "must name at least one wave"),
  text: LocalizedTextSchema,
  options: z.array(ChoiceSchema).optional(),
  rows: z.array(ChoiceSchema).optional(),
  maxLength: z.number().int().min(1).max(10_000).optional(),
});
export type Question = z.infer<typeof QuestionSchema>;

export const VersionSchema = z.object({
  version: z.number().int().min(1),
  label: z.string().max(200).default(""),
  questions: z.array(QuestionSchema),
});
export type VersionDefinition = z.infer<typeof VersionSchema>;

export const IndicatorSchema = z.object({
  key: keySchema,
  question: keySchema,
  success: z.array(keySchema).min(1),
  target: z.number().min(0).max(1),
  label: LocalizedTextSchema.default({}),
});
export type Indicator = z.infer<typeof IndicatorSchema>;

export const SurveyDefinitionSchema = z.object({
  slug: z.string().regex(/^[a-z0-9][a-z0-9-]*$/, "must be lower-case letters, digits and -").max(64),
  title: LocalizedTextSchema,
  defaultLanguage: langCode,
  indicators: z.array(IndicatorSchema).default([]),
  versions: z.array(VersionSchema).min(1, "must contain at least one version"),
});
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
