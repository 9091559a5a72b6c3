import { env } from "~/env.server";
import { isRespondentLanguage } from "~/i18n/languages";
import { prisma } from "~/utils/db.server";
import { addDays, DAY_PATTERN, dayOf, startOfDay } from "~/utils/months";
import type { IssueRequest } from "./attributes";
import { formatCode } from "./code";
import { generateCode, hashCode } from "./code.server";

export class IssueError extends Error {}

export type IssuedCode = {
  code: string; // ABCD-EFGH-JKMN
  url: string;
  wave: string;
  version: number;
  lang: string;
  validFrom: string; // YYYY-MM-DD
  expiresAt: string; // YYYY-MM-DD, the first day it no longer works
};

/**
 * Issues codes for the survey's newest published version. The plain codes exist only in the
 * returned value: the database keeps their keyed hashes, the month they open, and the chosen
 * attributes — no person, no staff member, no exact time.
 */
export async function issueCodes(request: IssueRequest, now = new Date()): Promise<IssuedCode[]> {
  const config = env();
  if (!isRespondentLanguage(request.lang)) throw new IssueError(`unsupported language "${request.lang}"`);
  const version = await prisma.surveyVersion.findFirst({
    where: { survey: { slug: request.survey }, status: "published" },
    orderBy: { version: "desc" },
  });
  if (!version) throw new IssueError(`no published version of survey "${request.survey}"`);
  const today = dayOf(now);
  const validFromDay = request.validFrom ?? today;
  if (!DAY_PATTERN.test(validFromDay)) throw new IssueError(`--valid-from must be a date YYYY-MM-DD`);
  try {
    startOfDay(validFromDay);
  } catch {
    throw new IssueError(`--valid-from "${validFromDay}" is not a date`);
  }
  if (validFromDay < today) throw new IssueError(`--valid-from ${validFromDay} is in the past`);
  const expiresDay = addDays(validFromDay, config.codeValidDays);
  const validMonth = validFromDay.slice(0, 7);

  const codes = Array.from({ length: request.count }, generateCode);
  const attributes = {
    surveyVersionId: version.id,
    wave: request.wave,
    lang: request.lang,
    clientGroup: request.clientGroup ?? null,
    referral: request.referral ?? null,
    validMonth,
    validFrom: startOfDay(validFromDay),
    expiresAt: startOfDay(expiresDay),
  };
  const countKey = {
    surveyVersionId: version.id,
    wave: request.wave,
    validMonth,
    clientGroup: request.clientGroup ?? "",
    referral: request.referral ?? "",
    lang: request.lang,
  };
  await prisma.$transaction([
    prisma.surveyCode.createMany({
      data: codes.map((code) => ({ ...attributes, hash: hashCode(code, config.tokenSecret) })),
    }),
    prisma.codeCount.upsert({
      where: { surveyVersionId_wave_validMonth_clientGroup_referral_lang: countKey },
      create: { ...countKey, issued: request.count },
      update: { issued: { increment: request.count } },
    }),
  ]);
  return codes.map((code) => ({
    code: formatCode(code),
    url: `${config.publicUrl}/s/${code}`,
    wave: request.wave,
    version: version.version,
    lang: request.lang,
    validFrom: validFromDay,
    expiresAt: expiresDay,
  }));
}
