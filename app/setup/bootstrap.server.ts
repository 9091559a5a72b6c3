import fs from "node:fs";
import path from "node:path";
import { createUser } from "~/auth/users.server";
import { languagesOf } from "~/survey/definition";
import { importSurvey } from "~/survey/store.server";
import { parseSurveyDefinition } from "~/survey/validate";
import { prisma } from "~/utils/db.server";

export const REFERENCE_QUESTIONNAIRE = path.resolve("prisma", "seed", "questionnaire.json");
export const FIRST_ADMIN_EMAIL = "admin@brukarrost.local";

/** Imports the reference questionnaire when the database has no survey yet. */
export async function seedReferenceSurvey(file = REFERENCE_QUESTIONNAIRE): Promise<string | null> {
  if ((await prisma.survey.count()) > 0) return null;
  const parsed = parseSurveyDefinition(fs.readFileSync(file, "utf8"));
  if (!parsed.ok) throw new Error(`The reference questionnaire is invalid: ${parsed.errors.join("; ")}`);
  // the reference texts (sv, en) were written and checked by the team: they start reviewed
  const languages = new Set(parsed.definition.versions.flatMap((v) => languagesOf(v.questions)));
  await importSurvey(parsed.definition, { reviewedLanguages: [...languages] });
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
