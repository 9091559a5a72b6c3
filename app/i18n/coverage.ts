import fs from "node:fs";
import path from "node:path";
import type { SurveyDefinition } from "../survey/definition";
import {
  applyTranslation,
  termErrors,
  translationCoverage,
  translationErrors,
  type TranslationFile,
} from "../survey/translations";
import { RESPONDENT_LANGUAGES } from "./languages";

export type Locales = Record<string, Record<string, Record<string, unknown>>>; // lang → ns → json

export const SOURCE_LANGUAGE = "sv";
const RESPONDENT_NAMESPACES = ["respondent"];
const ALL_RESPONDENT_LANGUAGES = RESPONDENT_LANGUAGES.map((l) => l.code);

/** Which languages each namespace must exist in: respondent texts in all eleven, staff in sv and en. */
export function requiredLanguages(locales: Locales): Record<string, readonly string[]> {
  const out: Record<string, readonly string[]> = {};
  for (const ns of Object.keys(locales[SOURCE_LANGUAGE] ?? {}))
    out[ns] = RESPONDENT_NAMESPACES.includes(ns) ? ALL_RESPONDENT_LANGUAGES : ["sv", "en"];
  return out;
}

export function loadLocales(dir: string): Locales {
  const out: Locales = {};
  for (const lang of fs.readdirSync(dir)) {
    const langDir = path.join(dir, lang);
    if (!fs.statSync(langDir).isDirectory()) continue;
    out[lang] = {};
    for (const file of fs.readdirSync(langDir).filter((f) => f.endsWith(".json")))
      out[lang][file.replace(/\.json$/, "")] = JSON.parse(fs.readFileSync(path.join(langDir, file), "utf8"));
  }
  return out;
}

/** Flattens nested JSON to dotted keys; plural suffixes (_one, _other…) fold into their base. */
export function flatten(json: Record<string, unknown>, prefix = ""): Map<string, string> {
  const out = new Map<string, string>();
  for (const [k, v] of Object.entries(json)) {
    const key = prefix ? `${prefix}.${k}` : k;
    if (v && typeof v === "object") for (const [kk, vv] of flatten(v as Record<string, unknown>, key)) out.set(kk, vv);
    else out.set(key, String(v));
  }
  return out;
}

const PLURAL_FORMS = ["zero", "one", "two", "few", "many", "other"] as const;
const PLURAL = /_(zero|one|two|few|many|other)$/;
const baseKeys = (flat: Map<string, string>) => new Set([...flat.keys()].map((k) => k.replace(PLURAL, "")));
const variables = (text: string) => new Set([...text.matchAll(/\{\{\s*([\w.]+)\s*(?:,[^}]*)?\}\}/g)].map((m) => m[1]!));

export function checkLocales(
  locales: Locales,
  required: Record<string, readonly string[]> = requiredLanguages(locales),
): string[] {
  const problems: string[] = [];
  for (const [ns, langs] of Object.entries(required)) {
    const source = locales[SOURCE_LANGUAGE]?.[ns];
    if (!source) {
      problems.push(`${SOURCE_LANGUAGE}/${ns}.json: missing (the source language)`);
      continue;
    }
    const sourceFlat = flatten(source);
    const sourceKeys = baseKeys(sourceFlat);
    const pluralBases = new Set([...sourceFlat.keys()].filter((k) => PLURAL.test(k)).map((k) => k.replace(PLURAL, "")));
    const sourceVars = new Map<string, Set<string>>();
    for (const [k, v] of sourceFlat) {
      const base = k.replace(PLURAL, "");
      const set = sourceVars.get(base) ?? new Set<string>();
      variables(v).forEach((x) => set.add(x));
      sourceVars.set(base, set);
    }
    for (const lang of langs) {
      if (lang === SOURCE_LANGUAGE) continue;
      const json = locales[lang]?.[ns];
      if (!json) {
        problems.push(`${lang}/${ns}.json: missing`);
        continue;
      }
      const flat = flatten(json);
      const keys = baseKeys(flat);
      for (const k of sourceKeys) if (!keys.has(k)) problems.push(`${lang}/${ns}.json: missing key "${k}"`);
      for (const k of keys) if (!sourceKeys.has(k)) problems.push(`${lang}/${ns}.json: key "${k}" is not in ${SOURCE_LANGUAGE}`);
      // i18next picks the form with Intl.PluralRules: a form the language needs must exist
      const needed: readonly string[] = new Intl.PluralRules(lang).resolvedOptions().pluralCategories;
      const forms = PLURAL_FORMS.filter((f) => needed.includes(f));
      for (const base of pluralBases)
        if (keys.has(base))
          for (const form of forms)
            if (!flat.has(`${base}_${form}`)) problems.push(`${lang}/${ns}.json: "${base}" lacks the plural form _${form}`);
      for (const [k, v] of flat) {
        const allowed = sourceVars.get(k.replace(PLURAL, "")) ?? new Set<string>();
        for (const x of variables(v))
          if (!allowed.has(x) && x !== "count") problems.push(`${lang}/${ns}.json: "${k}" uses {{${x}}}, which the source does not have`);
      }
    }
  }
  return problems;
}

// ---------------------------------------------------------------- keys the code uses
//
// The code scan finds literal keys passed to t (a plain string, "ns:key", or an i18nKey prop) and
// template keys such as `roles.${role}`, whose static prefix "roles." marks every key under it as
// used. A key the scan cannot see (one held in a variable) is declared in the file that uses it
// with a comment of the form  i18n-uses: staff:roles.* common:someKey  (after // or /*), or, for
// keys every feature adds, with an entry in DYNAMIC_KEY_PREFIXES.

/**
 * Keys the code cannot name literally, as `namespace:prefix`: every source key under the prefix
 * counts as used. Keep this list short and say why each entry is here.
 */
export const DYNAMIC_KEY_PREFIXES: Readonly<Record<string, string>> = {
  "staff:nav.": "navigation labels are data (NAV in app/routes/admin.tsx), passed to t() as a variable",
  "respondent:status.": "status-page keys are data (STATUS_KEYS in app/respondent/page.server.ts)",
};

/** The namespace `useTranslation()` without an argument uses (createI18n's default). */
export const DEFAULT_NAMESPACE = "common";

export type CodeFile = { path: string; source: string };
/** One key the code uses; it may live in any of `namespaces` (the file's namespaces, in order). */
export type KeyUsage = { namespaces: string[]; key: string; at: string };
export type CodeKeys = {
  usages: KeyUsage[];
  /** `ns:prefix` under which every key counts as used */
  prefixes: Set<string>;
  /** calls whose key has no static part at all */
  problems: string[];
};

const USE_TRANSLATION = /\buseTranslation\(\s*(\[[^\]]*\]|"[^"]+"|'[^']+')/g;
const FIXED_T = /\b(?:serverT|getFixedT)\([^"'\n;]*?,\s*(?:"([^"]+)"|'([^']+)')/g;
const QUOTED = /["']([^"']+)["']/g;
const T_CALL = /(?<![\w$])t\(\s*(?:"([^"]+)"|'([^']+)'|`([^`$]*)(\$\{)?[^`]*`)|\bi18nKey=(?:"([^"]+)"|'([^']+)')/g;
/** A file whose t() arrives as a parameter names its namespace: `// i18n-namespace: results` */
const NAMESPACE_COMMENT = /(?:\/\/|\/\*)\s*i18n-namespace:\s*([\w-]+)/g;
const USES_COMMENT = /(?:\/\/|\/\*|\{\/\*)\s*i18n-uses:([^\n]*)/g;

function splitNs(key: string, fallback: string[]): [string[], string] {
  const colon = key.indexOf(":");
  return colon > 0 ? [[key.slice(0, colon)], key.slice(colon + 1)] : [fallback, key];
}

/**
 * Finds the keys each file passes to t(). A key's namespace comes from `ns:key`, else from the
 * file's useTranslation("ns") / serverT(lang, "ns") calls (a key may be in any of them), else the
 * default namespace.
 */
export function scanCodeKeys(files: readonly CodeFile[]): CodeKeys {
  const usages: KeyUsage[] = [];
  const prefixes = new Set(Object.keys(DYNAMIC_KEY_PREFIXES));
  const problems: string[] = [];
  for (const file of files) {
    const found = new Set<string>();
    for (const m of file.source.matchAll(USE_TRANSLATION)) for (const q of m[1]!.matchAll(QUOTED)) found.add(q[1]!);
    for (const m of file.source.matchAll(FIXED_T)) found.add((m[1] ?? m[2])!);
    for (const m of file.source.matchAll(NAMESPACE_COMMENT)) found.add(m[1]!);
    const namespaces = found.size ? [...found] : [DEFAULT_NAMESPACE];
    const at = (index: number) => `${file.path}:${file.source.slice(0, index).split("\n").length}`;
    for (const m of file.source.matchAll(T_CALL)) {
      const [, dq, sq, template, interpolated, kdq, ksq] = m;
      if (template !== undefined && interpolated) {
        const [nss, prefix] = splitNs(template, namespaces);
        if (!prefix) problems.push(`${at(m.index)}: t() with a computed key; declare its keys in an i18n-uses comment`);
        else for (const ns of nss) prefixes.add(`${ns}:${prefix}`);
        continue;
      }
      const [nss, key] = splitNs((dq ?? sq ?? template ?? kdq ?? ksq)!, namespaces);
      usages.push({ namespaces: nss, key, at: at(m.index) });
    }
    for (const m of file.source.matchAll(USES_COMMENT))
      for (const entry of m[1]!.replace(/\*\/\}?.*$/, "").trim().split(/[\s,]+/).filter(Boolean)) {
        const [nss, key] = splitNs(entry, namespaces);
        if (key.endsWith("*")) for (const ns of nss) prefixes.add(`${ns}:${key.slice(0, -1)}`);
        else usages.push({ namespaces: nss, key, at: `${at(m.index)} (i18n-uses)` });
      }
  }
  return { usages, prefixes, problems };
}

/** Reads app/**\/*.ts(x) for scanCodeKeys. */
export function loadCodeFiles(dir: string): CodeFile[] {
  const out: CodeFile[] = [];
  for (const entry of fs.readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...loadCodeFiles(file));
    else if (/\.tsx?$/.test(entry.name)) out.push({ path: file, source: fs.readFileSync(file, "utf8") });
  }
  return out;
}

/**
 * Every key the code uses exists in the Swedish source, and every Swedish key is used by the code
 * (a key nobody uses is a text no translator should have to translate).
 */
export function checkCodeKeys(locales: Locales, code: CodeKeys): string[] {
  const problems = [...code.problems];
  const source = locales[SOURCE_LANGUAGE] ?? {};
  const keysOf = new Map(Object.entries(source).map(([ns, json]) => [ns, baseKeys(flatten(json))]));
  const underPrefix = (ns: string, key: string) =>
    [...code.prefixes].some((p) => p.startsWith(`${ns}:`) && key.startsWith(p.slice(ns.length + 1)));
  const used = new Set<string>();
  for (const u of code.usages) {
    const ns = u.namespaces.find((n) => keysOf.get(n)?.has(u.key));
    if (ns) used.add(`${ns}:${u.key}`);
    else if (!u.namespaces.some((n) => underPrefix(n, u.key))) {
      const files = u.namespaces.map((n) => `${SOURCE_LANGUAGE}/${n}.json`).join(" or ");
      problems.push(`${u.at}: "${u.key}" is not in ${files}`);
    }
  }
  for (const [ns, keys] of keysOf)
    for (const key of keys)
      if (!used.has(`${ns}:${key}`) && !underPrefix(ns, key))
        problems.push(`${SOURCE_LANGUAGE}/${ns}.json: "${key}" is not used in the code`);
  return problems;
}

// ---------------------------------------------------------------- questionnaire texts

/**
 * Every version of a questionnaire, merged with its translation files, has every text in each
 * of `languages` (the respondent languages), or the gaps are named per version and language.
 * Unknown keys in a file are reported, and so is a sensitive term rendered differently from the
 * file's `terms`; the known texts still count. `unreadable` names languages
 * whose file could not be parsed (reported by the loader), so they are not listed text by text.
 */
export function checkQuestionnaireTranslations(
  definition: SurveyDefinition,
  files: readonly TranslationFile[],
  languages: readonly string[] = ALL_RESPONDENT_LANGUAGES,
  unreadable: readonly string[] = [],
): string[] {
  const at = `questionnaire "${definition.slug}"`;
  const problems: string[] = [];
  const seen = new Set<string>();
  for (const f of files) {
    problems.push(...translationErrors(definition, f).map((e) => `${at} translation ${e}`));
    problems.push(...termErrors(definition, f).map((e) => `${at} terms ${e}`));
    if (seen.has(f.lang)) problems.push(`${at} translation ${f.lang}: more than one file for this language`);
    seen.add(f.lang);
  }
  const merged = files.reduce(applyTranslation, definition);
  for (const lang of languages) {
    if (unreadable.includes(lang)) {
      problems.push(`${at} in ${lang}: not checked, its translation file could not be read`);
      continue;
    }
    for (const v of merged.versions) {
      const { missing } = translationCoverage(merged, v.version, lang);
      if (missing.length)
        problems.push(
          `${at} version ${v.version} in ${lang}: ` +
            `${missing.length} ${missing.length === 1 ? "text" : "texts"} missing: ${missing.join(", ")}`,
        );
    }
  }
  return problems;
}
