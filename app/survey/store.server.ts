import type { Prisma } from "@prisma/client";
import { z } from "zod";
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
import { placeKey, textsOf } from "./translation";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { changedPlaces, languageReadiness, nextStale, type LanguageReadiness, type LanguageReview } from "./readiness";

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
  options: {
    reviewedLanguages?: readonly string[];
    /** a new survey's owner (decision 0023): its organisation's, shared by all its units unless ownerUnitId */
    owner?: { organisationId: string; ownerUnitId: string | null };
  } = {},
): Promise<ImportSummary> {
  return prisma.$transaction(async (tx) => {
    const lang = def.defaultLanguage;
    let survey = await tx.survey.findUnique({ where: { slug: def.slug }, include: { versions: true } });
    if (!survey) {
      survey = await tx.survey.create({
        data: { slug: def.slug, title: json(def.title), defaultLanguage: lang, indicators: json(def.indicators), ...options.owner },
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
      for (const l of merged.changedLanguages)
        await updateStale(tx, existing.id, l, (stale) => nextStale(stale, [], changedPlaces(stored.questions, merged.questions, l)));
      summary.translated.push({ version: v.version, languages: merged.changedLanguages });
    }
    return summary;
  });
}

const staleList = (stored: string) => z.array(z.string()).parse(JSON.parse(stored));

/** Rewrites one language's stale places (a language without a status row gets one, as draft). */
async function updateStale(tx: Tx, surveyVersionId: string, lang: string, next: (stale: string[]) => string[]) {
  const row = await tx.translationStatus.findUnique({ where: { surveyVersionId_lang: { surveyVersionId, lang } } });
  const stale = json(next(row ? staleList(row.stale) : []));
  if (row) await tx.translationStatus.update({ where: { surveyVersionId_lang: { surveyVersionId, lang } }, data: { stale } });
  else await tx.translationStatus.create({ data: { surveyVersionId, lang, status: "draft", stale } });
  // respondent pages cache a version until it changes
  await tx.surveyVersion.update({ where: { id: surveyVersionId }, data: { updatedAt: new Date() } });
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

/**
 * What a staff account may see of the surveys (decision 0023): its organisations' shared surveys
 * and those its units own, with only its units' responses counted. Absent: everything (the CLI).
 */
export type SurveyVisibility = { organisationIds: readonly string[]; unitIds: readonly string[] };

const visibleSurveys = (v: SurveyVisibility | undefined): Prisma.SurveyWhereInput | undefined =>
  v && { organisationId: { in: [...v.organisationIds] }, OR: [{ ownerUnitId: null }, { ownerUnitId: { in: [...v.unitIds] } }] };

/** Whether a survey with this slug exists but belongs to units the account may not see. */
export async function surveyHidden(slug: string, visible: SurveyVisibility): Promise<boolean> {
  const [all, seen] = await Promise.all([
    prisma.survey.count({ where: { slug } }),
    prisma.survey.count({ where: { slug, ...visibleSurveys(visible) } }),
  ]);
  return all > seen;
}

/** A stored survey back in the file format (round-trips with importSurvey). */
export async function exportSurvey(slug: string, onlyVersion?: number, visible?: SurveyVisibility): Promise<SurveyDefinition | null> {
  const survey = await prisma.survey.findFirst({
    where: { slug, ...visibleSurveys(visible) },
    include: { versions: { orderBy: { version: "asc" } } },
  });
  if (!survey) return null;
  const versions = survey.versions.filter((v) => onlyVersion === undefined || v.version === onlyVersion);
  if (versions.length === 0) return null;
  return { ...storedSurvey(survey), versions: versions.map(versionDefinition) };
}

export async function listSurveys(visible?: SurveyVisibility) {
  const surveys = await prisma.survey.findMany({
    where: visibleSurveys(visible),
    orderBy: { slug: "asc" },
    include: {
      versions: {
        orderBy: { version: "asc" },
        select: { id: true, version: true, label: true, status: true, publishedAt: true },
      },
    },
  });
  return surveys.map((s) => ({
    slug: s.slug,
    title: LocalizedTextSchema.parse(JSON.parse(s.title)),
    defaultLanguage: s.defaultLanguage,
    owner: ownerOf(s),
    versions: s.versions.map((v) => ({
      version: v.version,
      label: v.label,
      status: v.status as VersionStatus,
      publishedAt: v.publishedAt?.toISOString() ?? null,
    })),
  }));
}

/** Every survey's slug, title and default language: what a survey picker needs, without counting responses. */
export async function listSurveyTitles(visible?: SurveyVisibility) {
  const surveys = await prisma.survey.findMany({ where: visibleSurveys(visible), orderBy: { slug: "asc" }, select: { slug: true, title: true, defaultLanguage: true } });
  return surveys.map((s) => ({ slug: s.slug, title: LocalizedTextSchema.parse(JSON.parse(s.title)), defaultLanguage: s.defaultLanguage }));
}

export type StoredVersion = {
  /** the survey's row id: recordings belong to the survey, shared by its versions */
  surveyId: string;
  survey: ReturnType<typeof storedSurvey>;
  version: VersionDefinition;
  status: VersionStatus;
  publishedAt: string | null;
  /** review state and stale places per language, from TranslationStatus */
  reviews: Record<string, LanguageReview & { reviewedAt: string | null }>;
  /** who may change it (decision 0023) */
  owner: SurveyOwner;
};

/** A survey's organisation, and its owning unit (null: shared by the whole organisation). */
export type SurveyOwner = { organisationId: string; ownerUnitId: string | null };
const ownerOf = (row: SurveyOwner): SurveyOwner => ({ organisationId: row.organisationId, ownerUnitId: row.ownerUnitId });

/** One version with its survey; null when either does not exist (or is not visible). */
/** A version as stored (its responses: releasedResponsesByVersion, as the reports count them). */
export async function getVersion(slug: string, version: number, visible?: SurveyVisibility): Promise<StoredVersion | null> {
  const row = await prisma.surveyVersion.findFirst({
    where: { version, survey: { slug, ...visibleSurveys(visible) } },
    include: { survey: true, translations: true },
  });
  if (!row) return null;
  return {
    surveyId: row.surveyId,
    survey: storedSurvey(row.survey),
    owner: ownerOf(row.survey),
    version: versionDefinition(row),
    status: row.status as VersionStatus,
    publishedAt: row.publishedAt?.toISOString() ?? null,
    reviews: Object.fromEntries(
      row.translations.map((t) => [
        t.lang,
        { status: t.status as ReviewStatus, reviewedAt: t.reviewedAt?.toISOString() ?? null, stale: staleList(t.stale) },
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
        data: { surveyVersionId: created.id, lang: t.lang, status: t.status, reviewedAt: t.reviewedAt, stale: t.stale },
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
    const before = versionDefinition(row).questions;
    const questions = QuestionSchema.array().parse(edit(before));
    const { count } = await tx.surveyVersion.updateMany({
      where: { id: row.id, status: "draft" },
      data: { questions: json(questions), ...(label !== undefined ? { label } : {}) },
    });
    if (count !== 1) throw new SurveyStateError("published");
    const source = row.survey.defaultLanguage;
    const stale = editedLanguages.includes(source)
      ? (await tx.translationStatus.findMany({ where: { surveyVersionId: row.id } })).map((t) => t.lang).filter((l) => l !== source)
      : editedLanguages;
    await setTranslationStatus(tx, row.id, stale, "draft");
    if (editedLanguages.includes(source)) await setTranslationStatus(tx, row.id, [source], "reviewed");
    // a reworded source text goes stale in every language that has a text there; a text rewritten
    // in a language is that language's answer to it
    const reworded = changedPlaces(before, questions, source);
    const translated = new Set(languagesOf(before).filter((l) => l !== source));
    for (const l of editedLanguages) if (l !== source) translated.add(l);
    for (const l of translated) {
      const retranslated = changedPlaces(before, questions, l);
      const hadText = reworded.filter((p) => placeHasText(before, p, l));
      if (hadText.length || retranslated.length) await updateStale(tx, row.id, l, (s) => nextStale(s, hadText, retranslated));
    }
  });
}

function placeHasText(questions: readonly Question[], place: string, lang: string): boolean {
  for (const [p, text] of textsOf(questions)) if (placeKey(p) === place) return Boolean(text[lang]?.trim());
  return false;
}

/**
 * Sets texts in one non-source language from a translator's sheet (places as in versionTexts),
 * in a draft or a published version: only that language's texts change. The language becomes
 * draft for review, and each place given is no longer stale (the translator saw the new source).
 */
export async function importTranslationTexts(slug: string, version: number, lang: string, texts: Record<string, string>): Promise<number> {
  const places = Object.keys(texts);
  if (places.length === 0) return 0;
  return prisma.$transaction(async (tx) => {
    const row = await tx.surveyVersion.findFirst({ where: { version, survey: { slug } }, include: { survey: true } });
    if (!row) throw new SurveyStateError("noVersion");
    if (lang === row.survey.defaultLanguage) throw new SurveyStateError("sourceLanguage");
    const survey = storedSurvey(row.survey);
    const set = (text: LocalizedText, place: string) => (place in texts ? { ...text, [lang]: texts[place]! } : text);
    const questions = versionDefinition(row).questions.map((q) => ({
      ...q,
      text: set(q.text, placeKey({ question: q.key })),
      ...(q.rows && { rows: q.rows.map((c) => ({ ...c, text: set(c.text, placeKey({ question: q.key, choice: { list: "rows", key: c.key } })) })) }),
      ...(q.options && { options: q.options.map((c) => ({ ...c, text: set(c.text, placeKey({ question: q.key, choice: { list: "options", key: c.key } })) })) }),
    }));
    await tx.surveyVersion.update({ where: { id: row.id }, data: { questions: json(questions) } });
    await tx.survey.update({
      where: { id: row.surveyId },
      data: {
        title: json(set(survey.title, "title")),
        indicators: json(survey.indicators.map((i) => ({ ...i, label: set(i.label, `indicators.${i.key}`) }))),
      },
    });
    await setTranslationStatus(tx, row.id, [lang], "draft");
    await updateStale(tx, row.id, lang, (stale) => stale.filter((p) => !places.includes(p)));
    return places.length;
  });
}

/** A translator keeps these texts as they are for the new source wording: they are no longer stale. */
export async function confirmTranslations(slug: string, version: number, lang: string, places: readonly string[]): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.surveyVersion.findFirst({ where: { version, survey: { slug } } });
    if (!row) throw new SurveyStateError("noVersion");
    await updateStale(tx, row.id, lang, (stale) => stale.filter((p) => !places.includes(p)));
  });
}

/** Problems that keep a draft from being published (empty when it may be). */
export function publishProblems(v: Pick<StoredVersion, "survey" | "version">): Issue[] {
  return [
    ...versionIssues(v.version, v.survey.defaultLanguage, `version ${v.version.version}`),
    ...indicatorIssues(v.survey.indicators, [v.version], false),
  ];
}

/** Readiness of every client language other than the source language, in their usual order. */
export function clientLanguageReadiness(v: {
  survey: StoredVersion["survey"];
  version: StoredVersion["version"];
  reviews: Record<string, LanguageReview | undefined>;
}): LanguageReadiness[] {
  return RESPONDENT_LANGUAGES.map((l) => l.code as string)
    .filter((l) => l !== v.survey.defaultLanguage)
    .map((l) => languageReadiness(v.survey, v.version, l, v.reviews[l]));
}

/**
 * Publishes a draft after checking it like an imported file. Cannot be undone. `withoutLanguages`
 * is the manager's decision to publish although these languages are not ready (they are then not
 * offered to clients); it must name exactly the languages that are not ready now, so a decision
 * made on an older page never covers a language it did not see.
 */
export async function publishVersion(slug: string, version: number, withoutLanguages: readonly string[] = []): Promise<void> {
  await prisma.$transaction(async (tx) => {
    const row = await tx.surveyVersion.findFirst({
      where: { version, survey: { slug } },
      include: { survey: true, translations: true },
    });
    if (!row) throw new SurveyStateError("noVersion");
    if (row.status !== "draft") throw new SurveyStateError("published");
    const survey = storedSurvey(row.survey);
    const def = versionDefinition(row);
    const problems = publishProblems({ survey, version: def });
    if (problems.length) throw new SurveyStateError("invalid", problems.map(formatIssue), problems);
    const reviews = Object.fromEntries(row.translations.map((t) => [t.lang, { status: t.status as ReviewStatus, stale: staleList(t.stale) }]));
    const notReady = clientLanguageReadiness({ survey, version: def, reviews }).filter((r) => !r.offered).map((r) => r.lang);
    if (notReady.join(",") !== [...withoutLanguages].join(",")) throw new SurveyStateError("languagesUndecided", notReady);
    await tx.surveyVersion.update({ where: { id: row.id }, data: { status: "published", publishedAt: new Date() } });
  });
}

/** Records that a qualified translator reviewed `lang`; only a complete translation with nothing stale can be. */
export async function markReviewed(slug: string, version: number, lang: string): Promise<void> {
  const v = await getVersion(slug, version);
  if (!v) throw new SurveyStateError("noVersion");
  const readiness = languageReadiness(v.survey, v.version, lang, v.reviews[lang]);
  if (!readiness.offered) throw new SurveyStateError("incomplete", [String(readiness.missing.length + readiness.stale.length)]);
  const row = await prisma.surveyVersion.findFirstOrThrow({ where: { version, survey: { slug } } });
  await prisma.$transaction(async (tx) => {
    await setTranslationStatus(tx, row.id, [lang], "reviewed");
    await tx.surveyVersion.update({ where: { id: row.id }, data: { updatedAt: new Date() } });
  });
}

/** The newest published version of a survey, its responses not counted: the one new codes are issued for. Null when none. */
export async function newestPublishedVersion(slug: string): Promise<StoredVersion | null> {
  const row = await prisma.surveyVersion.findFirst({
    where: { survey: { slug }, status: "published" },
    orderBy: { version: "desc" },
    select: { version: true },
  });
  return row ? getVersion(slug, row.version) : null;
}
