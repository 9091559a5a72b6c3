import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { DEFAULT_UNIT } from "~/units/scope";
import { surveysOfUnit } from "~/units/units.server";
import { languageReadiness } from "~/survey/readiness";
import { newestPublishedVersion } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";

/** The languages codes can be made in for a survey's newest published version, draft or reviewed. */
export async function issuableLanguages(slug: string) {
  const v = await newestPublishedVersion(slug);
  if (!v) return [];
  return RESPONDENT_LANGUAGES.flatMap((l) => {
    const r = languageReadiness(v.survey, v.version, l.code, v.reviews[l.code]);
    return r.offered ? [{ code: l.code, name: l.name, reviewed: r.reviewed }] : [];
  });
}

/** Surveys codes can be made for, with the languages each offers: the code forms' choices. */
export async function issuableSurveys(unitId = DEFAULT_UNIT) {
  const surveys = await prisma.survey.findMany({
    where: { versions: { some: { status: "published" } }, ...(await surveysOfUnit(unitId)) },
    select: { slug: true, title: true, defaultLanguage: true },
    orderBy: { slug: "asc" },
  });
  return Promise.all(
    surveys.map(async (s) => ({
      slug: s.slug,
      title: JSON.parse(s.title) as Record<string, string>,
      defaultLanguage: s.defaultLanguage,
      languages: await issuableLanguages(s.slug),
    })),
  );
}
