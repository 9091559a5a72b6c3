import type { ZodIssue } from "zod";
import {
  SurveyDefinitionSchema,
  type Indicator,
  type SurveyDefinition,
  type VersionDefinition,
} from "./definition";

/** Larger than any real questionnaire (the reference is 15 kB); refused before parsing. */
export const MAX_DEFINITION_BYTES = 1_000_000;

export type ParseResult = { ok: true; definition: SurveyDefinition } | { ok: false; errors: string[] };

/** "versions[1].questions[3].options" style place names for messages. */
function place(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : String(part)),
    "",
  );
}

function zodMessages(issues: ZodIssue[]): string[] {
  return issues.map((i) => {
    const at = place(i.path) || "(file)";
    if (i.code === "unrecognized_keys") return `${at}: unknown field ${i.keys.map((k) => `"${k}"`).join(", ")}`;
    return `${at}: ${i.message}`;
  });
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) (seen.has(k) ? dup : seen).add(k);
  return [...dup];
}

/**
 * Checks one version the schema alone cannot: keys, default-language texts, options. `at` names
 * the version in messages. Used for files on import and for drafts before publishing.
 */
export function versionErrors(version: VersionDefinition, defaultLanguage: string, at: string): string[] {
  const errors: string[] = [];
  const lang = defaultLanguage;
  if (version.questions.length === 0) errors.push(`${at}: has no questions`);
  for (const k of duplicates(version.questions.map((q) => q.key))) errors.push(`${at}: duplicate question key "${k}"`);
  version.questions.forEach((q, qi) => {
    const qAt = `${at}.questions[${qi}] "${q.key}"`;
    if (!q.text[lang]?.trim()) errors.push(`${qAt}: missing text in the default language "${lang}"`);
    for (const w of duplicates(q.waves)) errors.push(`${qAt}: wave "${w}" is listed twice`);
    const needsOptions = q.type !== "text";
    if (needsOptions && !q.options?.length) errors.push(`${qAt}: a ${q.type} question needs options`);
    if (!needsOptions && q.options?.length) errors.push(`${qAt}: a text question has no options`);
    if (q.type === "matrix" && !q.rows?.length) errors.push(`${qAt}: a matrix question needs rows`);
    if (q.type !== "matrix" && q.rows?.length) errors.push(`${qAt}: only a matrix question has rows`);
    if (q.type !== "text" && q.maxLength !== undefined) errors.push(`${qAt}: maxLength applies to text questions only`);
    for (const [list, name] of [
      [q.options, "option"],
      [q.rows, "row"],
    ] as const) {
      if (!list) continue;
      for (const k of duplicates(list.map((c) => c.key))) errors.push(`${qAt}: duplicate ${name} key "${k}"`);
      list.forEach((c) => {
        if (!c.text[lang]?.trim()) errors.push(`${qAt} ${name} "${c.key}": missing text in the default language "${lang}"`);
      });
    }
  });
  return errors;
}

/**
 * An indicator must point at a single-choice question and at options of it, in every version
 * that asks the question. `requireQuestion`: the question must be in at least one of `versions`.
 */
export function indicatorErrors(
  indicators: readonly Indicator[],
  versions: readonly VersionDefinition[],
  requireQuestion: boolean,
): string[] {
  const errors: string[] = [];
  for (const k of duplicates(indicators.map((i) => i.key))) errors.push(`indicators: duplicate key "${k}"`);
  indicators.forEach((ind, ii) => {
    const at = `indicators[${ii}] "${ind.key}"`;
    const inVersions = versions.filter((v) => v.questions.some((q) => q.key === ind.question));
    if (inVersions.length === 0) {
      if (requireQuestion) errors.push(`${at}: question "${ind.question}" is in no version`);
      return;
    }
    for (const v of inVersions) {
      const q = v.questions.find((q) => q.key === ind.question)!;
      if (q.type !== "single")
        errors.push(`${at}: question "${ind.question}" in version ${v.version} is not single choice`);
      for (const s of ind.success)
        if (!q.options?.some((o) => o.key === s))
          errors.push(`${at}: option "${s}" is not an option of "${ind.question}" in version ${v.version}`);
    }
  });
  return errors;
}

/** Checks a definition the schema alone cannot: keys, default-language texts, references. */
export function semanticErrors(def: SurveyDefinition): string[] {
  const errors: string[] = [];
  const lang = def.defaultLanguage;
  if (!def.title[lang]?.trim()) errors.push(`title: missing text in the default language "${lang}"`);
  for (const v of duplicates(def.versions.map((v) => String(v.version))))
    errors.push(`versions: version ${v} appears more than once`);
  def.versions.forEach((version, vi) => {
    errors.push(...versionErrors(version, lang, `versions[${vi}] (version ${version.version})`));
  });
  errors.push(...indicatorErrors(def.indicators, def.versions, true));
  return errors;
}

/** Parses and checks a definition file's text; every error names its place. */
export function parseSurveyDefinition(text: string): ParseResult {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_DEFINITION_BYTES) return { ok: false, errors: [oversized(bytes)] };
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return { ok: false, errors: [`(file): not valid JSON (${(e as Error).message})`] };
  }
  const parsed = SurveyDefinitionSchema.safeParse(json);
  if (!parsed.success) return { ok: false, errors: zodMessages(parsed.error.issues) };
  const errors = semanticErrors(parsed.data);
  return errors.length ? { ok: false, errors } : { ok: true, definition: parsed.data };
}

/** The message for a file over MAX_DEFINITION_BYTES (also used before reading an upload). */
export function oversized(bytes: number): string {
  return `(file): ${bytes} bytes is larger than the limit of ${MAX_DEFINITION_BYTES} bytes`;
}
