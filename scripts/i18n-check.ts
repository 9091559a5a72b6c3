/**
 * `npm run i18n:check`:
 * - every locale of a namespace has exactly the source's (Swedish) keys, and no translation uses
 *   a {{variable}} the source does not have;
 * - every key the code passes to t() is in the source, and every source key is used by the code;
 * - every version of the seed questionnaire, merged with prisma/seed/translations/*.json, has
 *   every text in each respondent language.
 * Exit 1 with the list of gaps.
 */
import fs from "node:fs";
import {
  checkCodeKeys,
  checkLocales,
  checkQuestionnaireTranslations,
  loadCodeFiles,
  loadLocales,
  scanCodeKeys,
} from "../app/i18n/coverage";
import { loadTranslationFiles } from "../app/survey/translation-files.server";
import { parseSurveyDefinition } from "../app/survey/validate";

const locales = loadLocales("locales");
const problems = [...checkLocales(locales), ...checkCodeKeys(locales, scanCodeKeys(loadCodeFiles("app")))];

const questionnaire = parseSurveyDefinition(fs.readFileSync("prisma/seed/questionnaire.json", "utf8"));
const translations = loadTranslationFiles("prisma/seed/translations");
problems.push(...translations.errors);
if (questionnaire.ok) problems.push(
    ...checkQuestionnaireTranslations(questionnaire.definition, translations.files, undefined, translations.unreadable),
  );
else problems.push(...questionnaire.errors.map((e) => `prisma/seed/questionnaire.json: ${e}`));

if (problems.length) {
  console.error(`i18n check failed (${problems.length}):`);
  for (const p of problems) console.error(`  ${p}`);
  process.exit(1);
}
console.log("i18n check: all locales and questionnaire translations complete");
