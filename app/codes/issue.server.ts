import { env } from "~/env.server";
import { isRespondentLanguage } from "~/i18n/languages";
import { languageReadiness } from "~/survey/readiness";
import { getVersion } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { dayOf, startOfDay } from "~/utils/months";
import type { Prisma } from "@prisma/client";
import type { IssueRequest } from "./attributes";
import { formatCode } from "./code";
import { generateCode, hashCode } from "./code.server";
import { handOutDays } from "./stock";
import { recentTallies } from "./recent-tallies";
import { DEFAULT_UNIT } from "~/units/scope";
import { surveysOfUnit } from "~/units/units.server";

export class IssueError extends Error {}

/** The language is an unreviewed (machine-made) draft: issuing needs the caller's confirmation. */
export class DraftLanguageError extends IssueError {}

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
/**
 * The survey's newest published version, where codes may be made in `lang`: a code must never
 * open a questionnaire that mixes languages, and an unreviewed draft needs the caller's word.
 */
export async function issuableVersion(survey: string, lang: string, confirmDraftLanguage = false, unitId = DEFAULT_UNIT) {
  if (!isRespondentLanguage(lang)) throw new IssueError(`unsupported language "${lang}"`);
  const version = await prisma.surveyVersion.findFirst({
    where: { survey: { slug: survey, ...(await surveysOfUnit(unitId)) }, status: "published" },
    orderBy: { version: "desc" },
  });
  if (!version) throw new IssueError(`no published version of survey "${survey}"`);
  const stored = (await getVersion(survey, version.version))!;
  const ready = languageReadiness(stored.survey, stored.version, lang, stored.reviews[lang]);
  if (!ready.offered)
    throw new IssueError(
      `version ${version.version} of "${survey}" is not offered in "${lang}" ` +
        `(${ready.missing.length} texts missing, ${ready.stale.length} stale); add the texts or choose another language`,
    );
  if (!ready.reviewed && !confirmDraftLanguage)
    throw new DraftLanguageError(`"${lang}" is an unreviewed draft translation of version ${version.version}; confirm to issue codes in it`);
  return version;
}

const DAY_ERRORS = {
  followupDate: () => `a follow-up code needs --valid-from (proposed: six months on)`,
  date: (day: string) => `--valid-from "${day}" is not a date YYYY-MM-DD`,
  past: (day: string) => `--valid-from ${day} is in the past`,
};

/** What is wrong with the day a code is to open; `reason` names it for a translated message. */
export class HandOutDayError extends IssueError {
  constructor(readonly reason: keyof typeof DAY_ERRORS, day: string) {
    super(DAY_ERRORS[reason](day));
  }
}

/** The days of a code handed out now, or the HandOutDayError that says what is wrong with the date. */
export function handOutDaysOrThrow(wave: IssueRequest["wave"], validFrom: string | undefined, now: Date) {
  const result = handOutDays(wave, validFrom, dayOf(now), env().codeValidDays);
  if (!result.ok) throw new HandOutDayError(result.error, validFrom ?? "");
  return result.days;
}

/**
 * Issues codes for the survey's newest published version and hands them out at once (stock
 * printed ahead is activated later: stock.server.ts). The plain codes exist only in the returned
 * value: the database keeps their keyed hashes, the month they count in, the days they open and
 * end, and the chosen attributes — no person, no staff member, no exact time.
 */
export async function issueCodes(request: IssueRequest, now = new Date()): Promise<IssuedCode[]> {
  const config = env();
  const unitId = request.unitId ?? DEFAULT_UNIT;
  const version = await issuableVersion(request.survey, request.lang, request.confirmDraftLanguage, unitId);
  const days = handOutDaysOrThrow(request.wave, request.validFrom, now);

  const codes = Array.from({ length: request.count }, generateCode);
  const attributes = {
    unitId,
    surveyVersionId: version.id,
    wave: request.wave,
    lang: request.lang,
    clientGroup: request.clientGroup ?? null,
    referral: request.referral ?? null,
    validMonth: days.validMonth,
    validFrom: startOfDay(days.validFrom),
    expiresAt: startOfDay(days.expiresAt),
  };
  await prisma.$transaction([
    prisma.surveyCode.createMany({
      data: codes.map((code) => ({ ...attributes, hash: hashCode(code, config.tokenSecret) })),
    }),
    countHandedOut(prisma, { ...attributes, opensMonth: days.opensMonth }, request.count),
  ]);
  recentTallies.forget();
  return codes.map((code) => ({
    code: formatCode(code),
    url: `${config.publicUrl}/s/${code}`,
    wave: request.wave,
    version: version.version,
    lang: request.lang,
    validFrom: days.validFrom,
    expiresAt: days.expiresAt,
  }));
}

/** Codes handed out, counted in the month of hand-out: the only place CodeCount.issued grows. */
export function countHandedOut(
  db: Pick<Prisma.TransactionClient, "codeCount">,
  c: { unitId: string; surveyVersionId: string; wave: string; validMonth: string; opensMonth: string; clientGroup: string | null; referral: string | null; lang: string },
  count: number,
) {
  const key = {
    unitId: c.unitId,
    surveyVersionId: c.surveyVersionId,
    wave: c.wave,
    validMonth: c.validMonth,
    clientGroup: c.clientGroup ?? "",
    referral: c.referral ?? "",
    lang: c.lang,
    opensMonth: c.opensMonth,
  };
  return db.codeCount.upsert({
    where: { surveyVersionId_wave_validMonth_clientGroup_referral_lang_opensMonth_unitId: key },
    create: { ...key, issued: count },
    update: { issued: { increment: count } },
  });
}
