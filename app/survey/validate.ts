import type { ZodIssue } from "zod";
import { SurveyDefinitionSchema, type SurveyDefinition } from "./definition";

export const MAX_DEFINITION_BYTES = 1_000_000;

export type ParseResult = { ok: true; definition: SurveyDefinition } | { ok: false; errors: string[] };

/** "versions[1].questions[3].options" style place names for messages. */
function place(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : part),
    "",
  );
}

function zodMessages(issues: ZodIssue[]): string[] {
  return issues.map((i) => `${place(i.path) || "(file)"}: ${i.message}`);
}

function duplicates(keys: string[]): string[] {
  const seen = new Set<string>();
  const dup = new Set<string>();
  for (const k of keys) (seen.has(k) ? dup : seen).add(k);
  return [...dup];
}

/** Checks a definition the schema alone cannot: keys, default-language texts, references. */
export function semanticErrors(def: SurveyDefinition): string[] {
  const errors: string[] = [];
  const lang = def.defaultLanguage;
  if (!def.title[lang]) errors.push(`title: missing text in the default language "${lang}"`);
  for (const v of duplicates(def.versions.map((v) => String(v.version))))
    errors.push(`versions: version ${v} appears more than once`);
  def.versions.forEach((version, vi) => {
    const at = `versions[${vi}] (version ${version.version})`;
    for (const k of duplicates(version.questions.map((q) => q.key)))
      errors.push(`${at}: duplicate question key "${k}"`);
    version.questions.forEach((q, qi) => {
      const qAt = `${at}.questions[${qi}] "${q.key}"`;
      if (!q.text[lang]) errors.push(`${qAt}: missing text in the default language "${lang}"`);
      const needsOptions = q.type !== "text";
      if (needsOptions && !q.options?.length) errors.push(`${qAt}: a ${q.type} question needs options`);
      if (!needsOptions && q.options?.length) errors.push(`${qAt}: a text question has no options`);
      if (q.type === "matrix" && !q.rows?.length) errors.push(`${qAt}: a matrix question needs rows`);
      if (q.type !== "matrix" && q.rows?.length) errors.push(`${qAt}: only a matrix question has rows`);
      if (q.type !== "text" && q.maxLength !== undefined)
        errors.push(`${qAt}: maxLength applies to text questions only`);
      for (const [list, name] of [
        [q.options, "option"],
        [q.rows, "row"],
      ] as const) {
        if (!list) continue;
        for (const k of duplicates(list.map((c) => c.key))) errors.push(`${qAt}: duplicate ${name} key "${k}"`);
        list.forEach((c) => {
          if (!c.text[lang]) errors.push(`${qAt} ${name} "${c.key}": missing text in the default language "${lang}"`);
        });
      }
    });
  });
  for (const k of duplicates(def.indicators.map((i) => i.key))) errors.push(`indicators: duplicate key "${k}"`);
  def.indicators.forEach((ind, ii) => {
    const at = `indicators[${ii}] "${ind.key}"`;
    const inVersions = def.versions.filter((v) => v.questions.some((q) => q.key === ind.question));
    if (inVersions.length === 0) {
      errors.push(`${at}: question "${ind.question}" is in no version`);
      return;
    }
    for (const v of inVersions) {
      const q = v.questions.find((q) => q.key === ind.question)!;
      if (q.type !== "single") errors.push(`${at}: question "${ind.question}" in version ${v.version} is not single choice`);
      for (const s of ind.success)
        if (!q.options?.some((o) => o.key === s))
          errors.push(`${at}: option "${s}" is not an option of "${ind.question}" in version ${v.version}`);
    }
  });
  return errors;
}

/** Parses and checks a definition file's text; every error names its place. */
export function parseSurveyDefinition(text: string): ParseResult {
  if (Buffer.byteLength(text, "utf8") > MAX_DEFINITION_BYTES)
    return { ok: false, errors: [`(file): larger than ${MAX_DEFINITION_BYTES / 1_000_000} MB`] };
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
