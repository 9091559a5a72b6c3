/**
 * A survey in the state issue 19 describes, for tests/e2e/compare.spec.ts: the reference
 * questionnaire plus a version 4 (copied from 3, with one new question), answered only in
 * versions 3 (32 closure answers) and 4 (9 in the two months before this one, and 4 more in this
 * still open month), with follow-up codes that become valid next year. Months are relative to
 * today, as a manager right after publishing version 4 would see them. The spec file's database
 * is its own (fixtures.ts): no other spec sees this survey.
 */
import fs from "node:fs";
import { addMonths, currentMonth } from "~/results/period";
import { importSurvey } from "~/survey/store.server";
import type { SurveyDefinition } from "~/survey/definition";
import { prisma } from "~/utils/db.server";
import { addResponses, respondents, type Answers } from "../../support/results-fixture";

export const V4_SLUG = "brukarenkat-v4";

async function main() {
  if (await prisma.survey.findUnique({ where: { slug: V4_SLUG } })) return; // loaded already
  const reference = JSON.parse(fs.readFileSync("prisma/seed/questionnaire.json", "utf8")) as SurveyDefinition;
  const v3 = reference.versions.find((v) => v.version === 3)!;
  const v4 = {
    ...v3,
    version: 4,
    label: "2026",
    questions: [
      ...v3.questions.filter((q) => q.key !== "comments"),
      {
        key: "life_better",
        type: "single",
        text: { sv: "Har din livssituation blivit bättre?", en: "Has your life situation improved?" },
        waves: ["closure", "followup"],
        options: [
          { key: "yes", text: { sv: "Ja", en: "Yes" } },
          { key: "no", text: { sv: "Nej", en: "No" } },
        ],
      },
      ...v3.questions.filter((q) => q.key === "comments"),
    ],
  } as SurveyDefinition["versions"][number];
  await importSurvey({ ...reference, slug: V4_SLUG, title: { sv: "Brukarenkät, version 4", en: "Client survey, version 4" }, versions: [...reference.versions, v4] });

  const now = currentMonth();
  const add = (version: number, month: string, people: Answers[]) =>
    addResponses(people.map((answers) => ({ slug: V4_SLUG, version, month, answers })));
  const matrix = (row: Record<string, string>) => ({ violence_by_type: row });
  // version 3: 32 answers over six closed months
  const v3People = respondents(32, {
    role: { subjected: 20, perpetrator: 12 },
    gender: { woman: 22, man: 10 },
    contact_satisfaction: { very_satisfied: 20, satisfied: 10, unsatisfied: 2 },
    method_satisfaction: { yes: 12, partly: 14, no: 6 },
    alternative_strategies: { yes: 14, partly: 10, no: 6, not_relevant: 2 },
    expectations_met: { yes: 18, partly: 10, no: 4 },
    feel_better: { yes: 20, partly: 10, no: 2 },
    violence_stopped: { yes: 18, reduced: 10, no: 4 },
  }).map((a, i) => ({ ...a, ...matrix({ physical: i < 22 ? "stopped" : "reduced", psychological: i < 12 ? "stopped" : "reduced" }) }));
  // each month at least MIN_GROUP_SIZE, so every month is a release block of its own (decision 0011)
  const v3Months = [6, 6, 5, 5, 5, 5];
  for (let i = 0, from = 0; i < v3Months.length; from += v3Months[i]!, i++) await add(3, addMonths(now, -8 + i), v3People.slice(from, from + v3Months[i]!));
  // version 4: 9 answers in the last two closed months
  const v4People = respondents(9, {
    role: { subjected: 6, perpetrator: 3 },
    gender: { woman: 6, man: 3 },
    contact_satisfaction: { very_satisfied: 7, satisfied: 2 },
    method_satisfaction: { yes: 9 },
    alternative_strategies: { yes: 5, partly: 4 },
    expectations_met: { yes: 6, partly: 3 },
    feel_better: { yes: 7, partly: 2 },
    violence_stopped: { yes: 6, reduced: 3 },
    life_better: { yes: 7, no: 2 },
  }).map((a, i) => ({ ...a, ...matrix({ physical: i < 8 ? "stopped" : "reduced", psychological: i < 5 ? "stopped" : "reduced" }) }));
  // 4 then 5: the two months are released together as one block of 9, all on version 4
  await add(4, addMonths(now, -2), v4People.slice(0, 4));
  await add(4, addMonths(now, -1), v4People.slice(4));
  // the open month: not in the default period
  await add(4, now, respondents(4, { method_satisfaction: { no: 4 } }));
  // follow-up codes that open next year: the default period must not run to them
  const v4Row = await prisma.surveyVersion.findFirstOrThrow({ where: { survey: { slug: V4_SLUG }, version: 4 } });
  await prisma.codeCount.create({
    data: { surveyVersionId: v4Row.id, wave: "followup", validMonth: addMonths(now, 7), clientGroup: "", referral: "", issued: 9, answered: 0, expired: 0 },
  });
}

main()
  .then(() => prisma.$disconnect())
  .catch((e: unknown) => {
    console.error(e);
    process.exit(1);
  });
