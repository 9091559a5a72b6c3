import { issueCodes } from "~/codes/issue.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import type { IssueRequest } from "~/codes/attributes";

/** Seeds the reference questionnaire (once per test file) and issues codes for it. */
export async function freshCodes(count = 1, overrides: Partial<IssueRequest> = {}) {
  await seedReferenceSurvey();
  return issueCodes({ survey: "brukarenkat", wave: "closure", count, lang: "sv", ...overrides });
}

/** The plain code without dashes, as in the URL. */
export const plain = (code: string) => code.replace(/-/g, "");

/** The stored row of an issued code (found by its keyed hash, as the app finds it). */
export async function codeRow(code: string) {
  const { hashCode } = await import("~/codes/code.server");
  const { prisma } = await import("~/utils/db.server");
  return prisma.surveyCode.findUniqueOrThrow({ where: { hash: hashCode(plain(code), process.env.TOKEN_SECRET!) } });
}
