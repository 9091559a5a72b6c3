import fs from "node:fs";
import path from "node:path";
import { createUser } from "~/auth/users.server";
import { languagesOf } from "~/survey/definition";
import { importSurvey } from "~/survey/store.server";
import { loadTranslationFiles } from "~/survey/translation-files.server";
import { mergeTranslations, type TranslationFile } from "~/survey/translations";
import { parseSurveyDefinition } from "~/survey/validate";
import { prisma } from "~/utils/db.server";

export const REFERENCE_QUESTIONNAIRE = path.resolve("prisma", "seed", "questionnaire.json");
export const FIRST_ADMIN_EMAIL = "admin@brukarrost.local";

/** The seed's translation files; a file that cannot be used stops the seeding, naming it. */
export function loadSeedTranslations(): TranslationFile[] {
  const { files, errors } = loadTranslationFiles();
  if (errors.length) throw new Error(`prisma/seed/translations: ${errors.join("; ")}`);
  return files;
}

/** Imports the reference questionnaire when the database has no survey yet. */
export async function seedReferenceSurvey(file = REFERENCE_QUESTIONNAIRE): Promise<string | null> {
  if ((await prisma.survey.count()) > 0) return null;
  const parsed = parseSurveyDefinition(fs.readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(`The reference questionnaire is invalid: ${parsed.errors.join("; ")}`);
  // the reference texts (sv, en) were written and checked by the team: they start reviewed
  const languages = new Set(parsed.definition.versions.flatMap((v) => languagesOf(v.questions)));
  await importSurvey(parsed.definition, { reviewedLanguages: [...languages] });
  // then the other client languages; machine-made drafts stay "draft" until a translator reviews them
  const translations = loadSeedTranslations();
  if (translations.length) {
    await importSurvey(mergeTranslations(parsed.definition, translations), {
      reviewedLanguages: translations.filter((t) => t.status === "reviewed").map((t) => t.lang),
    });
  }
  return parsed.definition.slug;
}

/** Creates the first admin when there is no user; the password is returned to print once. */
export async function ensureFirstAdmin(
  email = process.env.ADMIN_EMAIL || FIRST_ADMIN_EMAIL,
): Promise<{ email: string; password: string } | null> {
  if ((await prisma.user.count()) > 0) return null;
  const { password } = await createUser({ email, role: "admin" });
  return { email, password };
}
