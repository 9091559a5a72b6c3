/**
 * Inserts responses, answers and code counts for the seeded reference survey straight into the
 * test database, in the stored shape the answering flow writes (see prisma/schema.prisma).
 */
import { randomBytes, randomUUID } from "node:crypto";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { addToAnswerCounts, insertResponse } from "~/results/queries.sql.server";
import { prisma } from "~/utils/db.server";

export const SLUG = "brukarenkat";

export async function versionId(version: number, slug = SLUG): Promise<string> {
  await seedReferenceSurvey();
  const row = await prisma.surveyVersion.findFirstOrThrow({ where: { survey: { slug }, version } });
  return row.id;
}

/** One respondent's answers: option key, option keys (multi), { row: option } (matrix) or { text }. */
export type Answers = Record<string, string | string[] | Record<string, string> | { text: string } | undefined>;

export type ResponseSpec = {
  /** another imported survey than the reference one */
  slug?: string;
  version: number;
  wave?: "closure" | "followup";
  month: string;
  lang?: string;
  clientGroup?: string | null;
  referral?: string | null;
  /** the unit's id (decision 0023); the install's default unit when missing */
  unitId?: string;
  answers: Answers;
};

export async function addResponses(specs: ResponseSpec[]): Promise<void> {
  const ids = new Map<string, string>();
  const idOf = (s: ResponseSpec) => `${s.slug ?? SLUG}|${s.version}`;
  for (const s of specs) if (!ids.has(idOf(s))) ids.set(idOf(s), await versionId(s.version, s.slug));
  for (const s of specs) {
    const id = randomBytes(12).toString("base64url");
    const answers: { questionKey: string; rowKey: string; optionKey: string; text: string | null }[] = [];
    for (const [questionKey, value] of Object.entries(s.answers)) {
      if (value === undefined) continue;
      if (typeof value === "string") answers.push({ questionKey, rowKey: "", optionKey: value, text: null });
      else if (Array.isArray(value)) for (const o of value) answers.push({ questionKey, rowKey: "", optionKey: o, text: null });
      else if ("text" in value && typeof value.text === "string") answers.push({ questionKey, rowKey: "", optionKey: "", text: value.text });
      else for (const [rowKey, o] of Object.entries(value as Record<string, string>)) answers.push({ questionKey, rowKey, optionKey: o, text: null });
    }
    const response = {
      id,
      unitId: s.unitId ?? "default",
      surveyVersionId: ids.get(idOf(s))!,
      wave: s.wave ?? "closure",
      lang: s.lang ?? "sv",
      clientGroup: s.clientGroup ?? null,
      referral: s.referral ?? null,
      month: s.month,
    };
    // the statements submitResponse runs: Response, Answer and FreeText
    await insertResponse(prisma, response, answers, answers.filter((a) => a.text !== null).map(() => randomUUID()));
    // as submitResponse does: reports read the pre-aggregate
    await addToAnswerCounts(prisma, id);
  }
}

/**
 * n respondents whose answers to each question follow the given counts, in order; respondents
 * beyond a question's counts skip it. { method_satisfaction: { yes: 18, partly: 3 } } with n=22
 * gives 18 yes, 3 partly and one skip.
 */
export function respondents(n: number, counts: Record<string, Record<string, number>>): Answers[] {
  const out: Answers[] = Array.from({ length: n }, () => ({}));
  for (const [question, options] of Object.entries(counts)) {
    let i = 0;
    for (const [option, count] of Object.entries(options)) for (let c = 0; c < count; c++) out[i++]![question] = option;
    if (i > n) throw new Error(`${question}: ${i} answers for ${n} respondents`);
  }
  return out;
}

export async function addCodeCount(spec: {
  version: number;
  wave?: "closure" | "followup";
  validMonth: string;
  issued: number;
  answered?: number;
  /** of `answered`, on paper */
  answeredOnPaper?: number;
  expired?: number;
  clientGroup?: string;
  referral?: string;
  lang?: string;
}): Promise<void> {
  await prisma.codeCount.create({
    data: {
      surveyVersionId: await versionId(spec.version),
      wave: spec.wave ?? "closure",
      validMonth: spec.validMonth,
      opensMonth: spec.validMonth,
      clientGroup: spec.clientGroup ?? "",
      referral: spec.referral ?? "",
      ...(spec.lang === undefined ? {} : { lang: spec.lang }),
      issued: spec.issued,
      answered: spec.answered ?? 0,
      answeredOnPaper: spec.answeredOnPaper ?? 0,
      expired: spec.expired ?? 0,
    },
  });
}
