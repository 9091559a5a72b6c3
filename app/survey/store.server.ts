import type { Prisma } from "@prisma/client";
import { prisma } from "~/utils/db.server";
import {
  IndicatorSchema,
  LocalizedTextSchema,
  QuestionSchema,
  type SurveyDefinition,
  type VersionDefinition,
} from "./definition";

export class SurveyImportError extends Error {}

const json = (value: unknown) => JSON.stringify(value);

export type ImportSummary = { slug: string; created: number[]; unchanged: number[] };

/**
 * Imports every version of a definition as published. Re-importing an unchanged file changes
 * nothing; a published version that differs from the file is refused (published is immutable).
 * All or nothing: one transaction.
 */
export async function importSurvey(def: SurveyDefinition): Promise<ImportSummary> {
  return prisma.$transaction(async (tx) => {
    let survey = await tx.survey.findUnique({ where: { slug: def.slug }, include: { versions: true } });
    if (!survey) {
      survey = await tx.survey.create({
        data: {
          slug: def.slug,
          title: json(def.title),
          defaultLanguage: def.defaultLanguage,
          indicators: json(def.indicators),
        },
        include: { versions: true },
      });
    } else if (
      survey.title !== json(def.title) ||
      survey.indicators !== json(def.indicators) ||
      survey.defaultLanguage !== def.defaultLanguage
    ) {
      await tx.survey.update({
        where: { id: survey.id },
        data: { title: json(def.title), indicators: json(def.indicators), defaultLanguage: def.defaultLanguage },
      });
    }
    const summary: ImportSummary = { slug: def.slug, created: [], unchanged: [] };
    for (const v of def.versions) {
      const existing = survey.versions.find((e) => e.version === v.version);
      if (!existing) {
        await tx.surveyVersion.create({
          data: {
            surveyId: survey.id,
            version: v.version,
            label: v.label,
            status: "published",
            questions: json(v.questions),
            publishedAt: new Date(),
          },
        });
        summary.created.push(v.version);
      } else if (existing.questions === json(v.questions) && existing.label === v.label) {
        summary.unchanged.push(v.version);
      } else if (existing.status === "published") {
        throw new SurveyImportError(
          `versions: version ${v.version} of "${def.slug}" is published and differs from the file; published versions cannot change (give the new content a new version number)`,
        );
      } else {
        await tx.surveyVersion.update({
          where: { id: existing.id },
          data: { label: v.label, questions: json(v.questions), status: "published", publishedAt: new Date() },
        });
        summary.created.push(v.version);
      }
    }
    return summary;
  });
}

type VersionRow = Prisma.SurveyVersionGetPayload<object>;

export function versionDefinition(row: Pick<VersionRow, "version" | "label" | "questions">): VersionDefinition {
  return { version: row.version, label: row.label, questions: QuestionSchema.array().parse(JSON.parse(row.questions)) };
}

/** A stored survey back in the file format (round-trips with importSurvey). */
export async function exportSurvey(slug: string, onlyVersion?: number): Promise<SurveyDefinition | null> {
  const survey = await prisma.survey.findUnique({
    where: { slug },
    include: { versions: { orderBy: { version: "asc" } } },
  });
  if (!survey) return null;
  return {
    slug: survey.slug,
    title: LocalizedTextSchema.parse(JSON.parse(survey.title)),
    defaultLanguage: survey.defaultLanguage,
    indicators: IndicatorSchema.array().parse(JSON.parse(survey.indicators)),
    versions: survey.versions
      .filter((v) => onlyVersion === undefined || v.version === onlyVersion)
      .map(versionDefinition),
  };
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
      status: v.status as "draft" | "published",
      publishedAt: v.publishedAt?.toISOString() ?? null,
      responses: v._count.responses,
    })),
  }));
}
