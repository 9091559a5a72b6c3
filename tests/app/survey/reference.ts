import fs from "node:fs";
import type { SurveyDefinition } from "~/survey/definition";
import { parseSurveyDefinition } from "~/survey/validate";

export const REFERENCE_TEXT = fs.readFileSync("prisma/seed/questionnaire.json", "utf8");

/** A fresh, mutable copy of the reference questionnaire as plain JSON. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests break the JSON at any depth
export function referenceJson(): Record<string, any> {
  return JSON.parse(REFERENCE_TEXT);
}

export function reference(): SurveyDefinition {
  const parsed = parseSurveyDefinition(REFERENCE_TEXT);
  if (!parsed.ok) throw new Error(parsed.errors.join("; "));
  return parsed.definition;
}

/** The reference questionnaire as first start stores it: with the seed's draft translations merged in. */
export async function seededJson() {
  const { loadSeedTranslations } = await import("~/setup/bootstrap.server");
  const { mergeTranslations } = await import("~/survey/translations");
  const { SurveyDefinitionSchema } = await import("~/survey/definition");
  return mergeTranslations(SurveyDefinitionSchema.parse(referenceJson()), loadSeedTranslations());
}
