import fs from "node:fs";
import path from "node:path";
import { parseTranslationFile, type TranslationFile } from "./translations";

export const SEED_TRANSLATIONS_DIR = path.resolve("prisma", "seed", "translations");

/**
 * Reads every <lang>.json in `dir`. A file that does not parse, or whose `lang` is not its
 * file name, is an error rather than skipped: a language must not vanish because of a typo.
 */
export function loadTranslationFiles(dir = SEED_TRANSLATIONS_DIR): {
  files: TranslationFile[];
  errors: string[];
  /** languages (from the file names) whose file could not be used */
  unreadable: string[];
} {
  const files: TranslationFile[] = [];
  const errors: string[] = [];
  const unreadable: string[] = [];
  if (!fs.existsSync(dir)) return { files, errors, unreadable };
  for (const name of fs.readdirSync(dir).filter((f) => f.endsWith(".json")).sort()) {
    const where = path.join(path.basename(dir), name);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(path.join(dir, name), "utf8"));
    } catch (e) {
      errors.push(`${where}: not valid JSON (${(e as Error).message})`);
      unreadable.push(name.replace(/\.json$/, ""));
      continue;
    }
    const parsed = parseTranslationFile(json);
    if (!parsed.ok) {
      errors.push(...parsed.errors.map((e) => `${where}: ${e}`));
      unreadable.push(name.replace(/\.json$/, ""));
      continue;
    }
    if (`${parsed.file.lang}.json` !== name) {
      errors.push(`${where}: "lang" is "${parsed.file.lang}", the file name says otherwise`);
      unreadable.push(name.replace(/\.json$/, ""));
    } else files.push(parsed.file);
  }
  return { files, errors, unreadable };
}
