import fs from "node:fs";
import path from "node:path";
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
      for (const [k, v] of flat) {
        const allowed = sourceVars.get(k.replace(PLURAL, "")) ?? new Set<string>();
        for (const x of variables(v))
          if (!allowed.has(x) && x !== "count") problems.push(`${lang}/${ns}.json: "${k}" uses {{${x}}}, which the source does not have`);
      }
    }
  }
  return problems;
}
