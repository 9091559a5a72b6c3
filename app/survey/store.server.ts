import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import {
  IndicatorSchema,
  LocalizedTextSchema,
  QuestionSchema,
  languagesOf,
  type Indicator,
  type LocalizedText,
  type Question,
  type SurveyDefinition,
  type VersionDefinition,
} from "./definition";
import { formatIssue, indicatorIssues, issue, versionIssues, type Issue } from "./validate";
import { mergeTranslations, structureSignature } from "./versions";
import { translationCoverage } from "./translation";

/** An import the rules refuse; each issue names the place and what to do instead. */
export class SurveyImportError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map(formatIssue).join("; "));
  }
}

/** A change the state of a version does not allow (e.g. editing a published version). */
export class SurveyStateError extends Error {
  constructor(
    /** i18n key under surveys:errors */
    readonly code: string,
    readonly details: string[] = [],
    /** for "invalid": what keeps the version from being published */
    readonly issues: Issue[] = [],
  ) {
    super(details.length ? `${code}: ${details.join("; ")}` : code);
  }
}

const json = (value: unknown) => JSON.stringify(value);
type Tx = Prisma.TransactionClient;
export type VersionStatus = "draft" | "published";
export type ReviewStatus = "draft" | "reviewed";

export type ImportSummary = {
  slug: string;
  /** versions new to the database, published */
  created: number[];
  /** drafts of the same number, replaced by the file and published */
  published: number[];
  /** published versions that got new or changed texts in other languages */
  translated: { version: number; languages: string[] }[];
  unchanged: number[];
};

function mergeLocalized(stored: LocalizedText, incoming: LocalizedText): LocalizedText {
  const out = { ...stored };
  for (const [lang, text] of Object.entries(incoming)) if (text) out[lang] = text;
  return out;
}

/** Survey-level indicators: labels merge per language like texts, everything else is the file's. */
function mergeIndicators(stored: Indicator[], incoming: Indicator[]): Indicator[] {
  return incoming.map((ind) => {
    const old = stored.find((s) => s.key === ind.key);
    if (!old) return ind;
    const short = old.short || ind.short ? { short: mergeLocalized(old.short ?? {}, ind.short ?? {}) } : {};
    return { ...ind, label: mergeLocalized(old.label, ind.label), ...short };
  });
}

async function setTranslationStatus(tx: Tx, surveyVersionId: string, langs: readonly string[], status: ReviewStatus) {
  for (const lang of langs) {
    const data = { status, reviewedAt: status === "reviewed" ? new Date() : null };
    await tx.translationStatus.upsert({
      where: { surveyVersionId_lang: { surveyVersionId, lang } },
      create: { surveyVersionId, lang, ...data },
      update: data,
    });
  }
}

/**
 * Imports every version of a definition as published. All or nothing (one transaction):
 * - a new version number is created and published;
 * - a draft with the same number is replaced by the file and published;
 * - a published version is immutable in structure and default-language texts: a file that
 *   differs there is refused. Texts in other languages are added or replaced (that is how
 *   translations arrive) and those languages become "draft" for review; languages the file
 *   lacks are kept. So re-importing an unchanged file changes nothing.
 * `reviewedLanguages`: languages to record as reviewed for new versions (the seeded reference
 * file); otherwise only the default language counts as reviewed.
 */
export async function importSurvey(
  def: SurveyDefinition,
  options: { reviewedLanguages?: readonly string[] } = {},
): Promise<ImportSummary> {
  return prisma.$transaction(async (tx) => {
    const lang = def.defaultLanguage;
    let survey = await tx.survey.findUnique({ where: { slug: def.slug }, include: { versions: true } });
    if (!survey) {
      survey = await tx.survey.create({
        data: { slug: def.slug, title: json(def.title), defaultLanguage: lang, indicators: json(def.indicators) },
        include: { versions: true },
      });
    } else {
      if (survey.defaultLanguage !== lang)
        throw new SurveyImportError([
          issue("defaultLanguage", "defaultLanguageChanged", { slug: def.slug, stored: survey.defaultLanguage, file: lang }),
        ]);
      const stored = storedSurvey(survey);
      const title = json(mergeLocalized(stored.title, def.title));
      const indicators = json(mergeIndicators(stored.indicators, def.indicators));
      // indicators must still fit every published version the file does not carry (drafts are
      // checked when they are published)
      const others = survey.versions
        .filter((v) => v.status === "published" && !def.versions.some((d) => d.version === v.version))
        .map(versionDefinition);
      const problems = indicatorIssues(def.indicators, [...others, ...def.versions], true);
      if (problems.length) throw new SurveyImportError(problems);
      if (title !== survey.title || indicators !== survey.indicators)
        await tx.survey.update({ where: { id: survey.id }, data: { title, indicators } });
    }
    const summary: ImportSummary = { slug: def.slug, created: [], published: [], translated: [], unchanged: [] };
    const reviewed = (questions: Question[]) => {
      const langs = languagesOf(questions);
      const ok = new Set([lang, ...(options.reviewedLanguages ?? [])]);
      return { reviewed: langs.filter((l) => ok.has(l)), draft: langs.filter((l) => !ok.has(l)) };
    };
    for (const v of def.versions) {
      const existing = survey.versions.find((e) => e.version === v.version);
      if (!existing || existing.status === "draft") {
        const data = {
          label: v.label,
          status: "published",
          questions: json(v.questions),
          publishedAt: new Date(),
        };
        const row = existing
          ? await tx.surveyVersion.update({ where: { id: existing.id }, data })
          : await tx.surveyVersion.create({ data: { ...data, surveyId: survey.id, version: v.version } });
        if (existing) await tx.translationStatus.deleteMany({ where: { surveyVersionId: row.id } });
        const langs = reviewed(v.questions);
        await setTranslationStatus(tx, row.id, langs.reviewed, "reviewed");
        await setTranslationStatus(tx, row.id, langs.draft, "draft");
        (existing ? summary.published : summary.created).push(v.version);
        continue;
      }
      const stored = versionDefinition(existing);
      if (structureSignature(stored, lang) !== structureSignature(v, lang))
        throw new SurveyImportError([
          issue("versions", "publishedChanged", { version: v.version, slug: def.slug, lang }),
        ]);
      const merged = mergeTranslations(stored.questions, v.questions, lang);
      if (merged.changedLanguages.length === 0) {
        summary.unchanged.push(v.version);
        continue;
      }
      await tx.surveyVersion.update({ where: { id: existing.id }, data: { questions: json(merged.questions) } });
      // new wording in a language needs a review before it counts as reviewed again
      await setTranslationStatus(tx, existing.id, merged.changedLanguages, "draft");
      summary.translated.push({ version: v.version, languages: merged.changedLanguages });
    }
    return summary;
  });
}

type VersionRow = Prisma.SurveyVersionGetPayload<object>;
type SurveyRow = Prisma.SurveyGetPayload<object>;

export function versionDefinition(row: Pick<VersionRow, "version" | "label" | "questions">): VersionDefinition {
  return { version: row.version, label: row.label, questions: QuestionSchema.array().parse(JSON.parse(row.questions)) };
}

function storedSurvey(row: Pick<SurveyRow, "slug" | "title" | "defaultLanguage" | "indicators">) {
  return {
    slug: row.slug,
    title: LocalizedTextSchema.parse(JSON.parse(row.title)),
    defaultLanguage: row.defaultLanguage,
    indicators: IndicatorSchema.array().parse(JSON.parse(row.indicators)),
  };
}

/** A stored survey back in the file format (round-trips with importSurvey). */
export async function exportSurvey(slug: string, onlyVersion?: number): Promise<SurveyDefinition | null> {
  const survey = await prisma.survey.findUnique({
    where: { slug },
    include: { versions: { orderBy: { version: "asc" } } },
  });
  if (!survey) return null;
  const versions = survey.versions.filter((v) => onlyVersion === undefined || v.version === onlyVersion);
  if (versions.length === 0) return null;
  return { ...storedSurvey(survey), versions: versions.map(versionDefinition) };
}

export async function listSurveys() {
  const surveys = await prisma.survey.findMany({
    orderBy: { slug: "asc" },
    include: {
      versions: {
        orderBy: { version: "asc" },
        select: { version: true, label: true, status: true, publishedAt: true, _count: { select: { responses: true } } },
      },
    },
  });
  return surveys.map((s) => ({
    slug: s.slug,
    title: LocalizedTextSchema.parse(JSON.parse(s.title)),
    defaultLanguage: s.defaultLanguage,
    versions: s.versions.map((v) => ({
      version: v.version,
      label: v.label,
      status: v.status as VersionStatus,
      publishedAt: v.publishedAt?.toISOString() ?? null,
      responses: v._count.responses,
    })),
  }));
}

/** Every survey's slug, title and default language: what a survey picker needs, without counting responses. */
export async function listSurveyTitles() {
  const surveys = await prisma.survey.findMany({ orderBy: { slug: "asc" }, select: { slug: true, title: true, defaultLanguage: true } });
  return surveys.map((s) => ({ slug: s.slug, title: LocalizedTextSchema.parse(JSON.parse(s.title)), defaultLanguage: s.defaultLanguage }));
}

export type StoredVersion = {
  survey: ReturnType<typeof storedSurvey>;
  version: VersionDefinition;
  status: VersionStatus;
  publishedAt: string | null;
  responses: number;
  /** review state per language, from TranslationStatus */
  reviews: Record<string, { status: ReviewStatus; reviewedAt: string | null }>;
};

/** One version with its survey; null when either does not exist. */
export async function getVersion(slug: string, version: number): Promise<StoredVersion | null> {
  const row = await prisma.surveyVersion.findFirst({
    where: { version, survey: { slug } },
    include: { survey: true, translations: true, _count: { select: { responses: true } } },
  });
  if (!row) return null;
  return {
    survey: storedSurvey(row.survey),
    version: versionDefinition(row),
    status: row.status as VersionStatus,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    responses: row._count.responses,
    reviews: Object.fromEntries(
      row.translations.map((t) => [
        t.lang,
        { status: t.status as ReviewStatus, reviewedAt: t.reviewedAt?.toISOString() ?? null },
      ]),
    ),
  };
}

/** Starts a new draft as a copy of the newest version; refused while a draft exists. */
export async function createDraft(slug: string): Promise<number> {
  return prisma.$transaction(async (tx) => {
    const survey = await tx.survey.findUnique({
      where: { slug },
      include: { versions: { orderBy: { version: "desc" }, include: { translations: true } } },
    });
    if (!survey) throw new SurveyStateError("noSurvey");
    const newest = survey.versions[0];
    if (!newest) throw new SurveyStateError("noVersion");
    const draft = survey.versions.find((v) => v.status === "draft");
    if (draft) throw new SurveyStateError("draftExists", [String(draft.version)]);
    const created = await tx.surveyVersion.create({
      data: {
        surveyId: survey.id,
        version: newest.version + 1,
        label: newest.label,
        status: "draft",
        questions: newest.questions,
      },
    });
    // copied texts keep their review state until they are edited
    for (const t of newest.translations)
      await tx.translationStatus.create({
        data: { surveyVersionId: created.id, lang: t.lang, status: t.status, reviewedAt: t.reviewedAt },
      });
    return created.version;
  });
}

/**
 * Applies an edit to a draft. The server refuses to change a published version, whatever the
 * page showed. `editedLanguages`: texts changed in these languages, which need review again;
 * a change in the default language makes every translation stale.
 */
export async function updateDraft(
  slug: string,
  version: number,
  edit: (questions: Question[]) => Question[],
  editedLanguages: readonly string[] = [],
  label?: string,
): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.surveyVersion.findFirst({ where: { version, survey: { slug } }, include: { survey: true } });
    if (!row) throw new SurveyStateError("noVersion");
    if (row.status !== "draft") throw new SurveyStateError("published");
    const questions = QuestionSchema.array().parse(edit(versionDefinition(row).questions));
    const { count } = await tx.surveyVersion.updateMany({
      where: { id: row.id, status: "draft" },
      data: { questions: json(questions), ...(label !== undefined ? { label } : {}) },
    });
    if (count !== 1) throw new SurveyStateError("published");
    const stale = editedLanguages.includes(row.survey.defaultLanguage)
      ? (await tx.translationStatus.findMany({ where: { surveyVersionId: row.id } }))
          .map((t) => t.lang)
          .filter((l) => l !== row.survey.defaultLanguage)
      : editedLanguages;
    await setTranslationStatus(tx, row.id, stale, "draft");
    if (editedLanguages.includes(row.survey.defaultLanguage))
      await setTranslationStatus(tx, row.id, [row.survey.defaultLanguage], "reviewed");
  });
}

/** Problems that keep a draft from being published (empty when it may be). */
export function publishProblems(v: Pick<StoredVersion, "survey" | "version">): Issue[] {
  return [
    ...versionIssues(v.version, v.survey.defaultLanguage, `version ${v.version.version}`),
    ...indicatorIssues(v.survey.indicators, [v.version], false),
  ];
}

/** Publishes a draft after checking it like an imported file. Cannot be undone. */
export async function publishVersion(slug: string, version: number): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.surveyVersion.findFirst({ where: { version, survey: { slug } }, include: { survey: true } });
    if (!row) throw new SurveyStateError("noVersion");
    if (row.status !== "draft") throw new SurveyStateError("published");
    const survey = storedSurvey(row.survey);
    const def = versionDefinition(row);
    const problems = publishProblems({ survey, version: def });
    if (problems.length) throw new SurveyStateError("invalid", problems.map(formatIssue), problems);
    await tx.surveyVersion.update({ where: { id: row.id }, data: { status: "published", publishedAt: new Date() } });
  });
}

/** Records that a qualified translator reviewed `lang`; only a complete translation can be. */
export async function markReviewed(slug: string, version: number, lang: string): Promise<void> {
  const v = await getVersion(slug, version);
  if (!v) throw new SurveyStateError("noVersion");
  const coverage = translationCoverage(v.version.questions, lang);
  if (!coverage.complete) throw new SurveyStateError("incomplete", [String(coverage.missing.length)]);
  const row = await prisma.surveyVersion.findFirstOrThrow({ where: { version, survey: { slug } } });
  await prisma.$transaction((tx) => setTranslationStatus(tx, row.id, [lang], "reviewed"));
}

/** The newest published version of a survey: the one new codes are issued for. Null when none. */
export async function newestPublishedVersion(slug: string): Promise<StoredVersion | null> {
  const row = await prisma.surveyVersion.findFirst({
    where: { survey: { slug }, status: "published" },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return row ? getVersion(slug, row.version) : null;
}
