import type { ZodIssue } from "zod";
import {
  SurveyDefinitionSchema,
  type Indicator,
  type SurveyDefinition,
  type VersionDefinition,
} from "./definition";

/** Larger than any real questionnaire (the reference is 15 kB); refused before parsing. */
export const MAX_DEFINITION_BYTES = 1_000_000;

type Params = Record<string, string | number>;

/**
 * One problem in a definition: where (`at`, in the file's own terms, e.g.
 * `versions[2] (version 3).questions[8] "violence_by_type"`), what (`code`) and its details.
 * formatIssue() writes it in English (command line, logs); staff pages translate `code` with
 * the `surveys:issues.<code>` texts.
 */
export type Issue = { at: string; code: IssueCode; params: Params };

const MESSAGES = {
  tooLarge: (p: Params) => `${p.bytes} bytes is larger than the limit of ${p.limit} bytes`,
  notJson: (p: Params) => `not valid JSON (${p.detail})`,
  unknownField: (p: Params) => `unknown field ${p.fields}`,
  schema: (p: Params) => `${p.detail}`,
  missingDefaultText: (p: Params) => `missing text in the default language "${p.lang}"`,
  duplicateVersion: (p: Params) => `version ${p.version} appears more than once`,
  noQuestions: () => "has no questions",
  duplicateQuestion: (p: Params) => `duplicate question key "${p.key}"`,
  duplicateWave: (p: Params) => `wave "${p.wave}" is listed twice`,
  needsOptions: (p: Params) => `a ${p.type} question needs options`,
  textHasOptions: () => "a text question has no options",
  needsRows: () => "a matrix question needs rows",
  onlyMatrixRows: () => "only a matrix question has rows",
  maxLengthTextOnly: () => "maxLength applies to text questions only",
  duplicateChoice: (p: Params) => `duplicate ${p.list} key "${p.key}"`,
  duplicateIndicator: (p: Params) => `duplicate key "${p.key}"`,
  indicatorNoQuestion: (p: Params) => `question "${p.question}" is in no version`,
  indicatorNotSingle: (p: Params) => `question "${p.question}" in version ${p.version} is not single choice`,
  indicatorNoOption: (p: Params) =>
    `option "${p.option}" is not an option of "${p.question}" in version ${p.version}`,
  publishedChanged: (p: Params) =>
    `version ${p.version} of "${p.slug}" is published and the file changes its questions, options, waves, order or "${p.lang}" texts; a published version cannot change, so give the changed questionnaire a new version number`,
  defaultLanguageChanged: (p: Params) =>
    `"${p.slug}" has the default language "${p.stored}", the file says "${p.file}"; the default language of a survey cannot change`,
} satisfies Record<string, (p: Params) => string>;
export type IssueCode = keyof typeof MESSAGES;
export const ISSUE_CODES = Object.keys(MESSAGES) as IssueCode[];

export const issue = (at: string, code: IssueCode, params: Params = {}): Issue => ({ at, code, params });

/** "versions[0] (version 1): duplicate question key "role"" */
export function formatIssue(i: Issue): string {
  return `${i.at}: ${MESSAGES[i.code](i.params)}`;
}

export type ParseResult =
  | { ok: true; definition: SurveyDefinition }
  | { ok: false; errors: string[]; issues: Issue[] };

/** "versions[1].questions[3].options" style place names for messages. */
function place(path: readonly (string | number)[]): string {
  return path.reduce<string>(
    (acc, part) => (typeof part === "number" ? `${acc}[${part}]` : acc ? `${acc}.${part}` : String(part)),
    "",
  );
}

function zodIssues(issues: ZodIssue[]): Issue[] {
  return issues.map((i) => {
    const at = place(i.path) || "(file)";
    if (i.code === "unrecognized_keys") return issue(at, "unknownField", { fields: i.keys.map((k) => `"${k}"`).join(", ") });
    return issue(at, "schema", { detail: i.message });
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
export function versionIssues(version: VersionDefinition, defaultLanguage: string, at: string): Issue[] {
  const out: Issue[] = [];
  const lang = defaultLanguage;
  if (version.questions.length === 0) out.push(issue(at, "noQuestions"));
  for (const key of duplicates(version.questions.map((q) => q.key))) out.push(issue(at, "duplicateQuestion", { key }));
  version.questions.forEach((q, qi) => {
    const qAt = `${at}.questions[${qi}] "${q.key}"`;
    if (!q.text[lang]?.trim()) out.push(issue(qAt, "missingDefaultText", { lang }));
    for (const wave of duplicates(q.waves)) out.push(issue(qAt, "duplicateWave", { wave }));
    const needsOptions = q.type !== "text";
    if (needsOptions && !q.options?.length) out.push(issue(qAt, "needsOptions", { type: q.type }));
    if (!needsOptions && q.options?.length) out.push(issue(qAt, "textHasOptions"));
    if (q.type === "matrix" && !q.rows?.length) out.push(issue(qAt, "needsRows"));
    if (q.type !== "matrix" && q.rows?.length) out.push(issue(qAt, "onlyMatrixRows"));
    if (q.type !== "text" && q.maxLength !== undefined) out.push(issue(qAt, "maxLengthTextOnly"));
    for (const [choices, list] of [
      [q.options, "option"],
      [q.rows, "row"],
    ] as const) {
      if (!choices) continue;
      for (const key of duplicates(choices.map((c) => c.key))) out.push(issue(qAt, "duplicateChoice", { list, key }));
      choices.forEach((c) => {
        if (!c.text[lang]?.trim()) out.push(issue(`${qAt} ${list} "${c.key}"`, "missingDefaultText", { lang }));
      });
    }
  });
  return out;
}

/**
 * An indicator must point at a single-choice question and at options of it, in every version
 * that asks the question. `requireQuestion`: the question must be in at least one of `versions`.
 */
export function indicatorIssues(
  indicators: readonly Indicator[],
  versions: readonly VersionDefinition[],
  requireQuestion: boolean,
): Issue[] {
  const out: Issue[] = [];
  for (const key of duplicates(indicators.map((i) => i.key))) out.push(issue("indicators", "duplicateIndicator", { key }));
  indicators.forEach((ind, ii) => {
    const at = `indicators[${ii}] "${ind.key}"`;
    const question = ind.question;
    const inVersions = versions.filter((v) => v.questions.some((q) => q.key === question));
    if (inVersions.length === 0) {
      if (requireQuestion) out.push(issue(at, "indicatorNoQuestion", { question }));
      return;
    }
    for (const v of inVersions) {
      const q = v.questions.find((q) => q.key === question)!;
      if (q.type !== "single") out.push(issue(at, "indicatorNotSingle", { question, version: v.version }));
      for (const option of ind.success)
        if (!q.options?.some((o) => o.key === option))
          out.push(issue(at, "indicatorNoOption", { option, question, version: v.version }));
    }
  });
  return out;
}

/** Checks a definition the schema alone cannot: keys, default-language texts, references. */
export function semanticIssues(def: SurveyDefinition): Issue[] {
  const out: Issue[] = [];
  const lang = def.defaultLanguage;
  if (!def.title[lang]?.trim()) out.push(issue("title", "missingDefaultText", { lang }));
  for (const version of duplicates(def.versions.map((v) => String(v.version))))
    out.push(issue("versions", "duplicateVersion", { version }));
  def.versions.forEach((version, vi) => {
    out.push(...versionIssues(version, lang, `versions[${vi}] (version ${version.version})`));
  });
  out.push(...indicatorIssues(def.indicators, def.versions, true));
  return out;
}

/** The English messages of semanticIssues(). */
export function semanticErrors(def: SurveyDefinition): string[] {
  return semanticIssues(def).map(formatIssue);
}

function refused(issues: Issue[]): ParseResult {
  return { ok: false, issues, errors: issues.map(formatIssue) };
}

/** Parses and checks a definition file's text; every error names its place. */
export function parseSurveyDefinition(text: string): ParseResult {
  const bytes = Buffer.byteLength(text, "utf8");
  if (bytes > MAX_DEFINITION_BYTES) return refused([oversizedIssue(bytes)]);
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return refused([issue("(file)", "notJson", { detail: (e as Error).message })]);
  }
  const parsed = SurveyDefinitionSchema.safeParse(json);
  if (!parsed.success) return refused(zodIssues(parsed.error.issues));
  const issues = semanticIssues(parsed.data);
  return issues.length ? refused(issues) : { ok: true, definition: parsed.data };
}

/** A file over MAX_DEFINITION_BYTES (also checked before reading an upload). */
export function oversizedIssue(bytes: number): Issue {
  return issue("(file)", "tooLarge", { bytes, limit: MAX_DEFINITION_BYTES });
}

/** The message for a file over MAX_DEFINITION_BYTES. */
export function oversized(bytes: number): string {
  return formatIssue(oversizedIssue(bytes));
}
