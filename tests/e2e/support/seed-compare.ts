/**
 * Loads answers in versions 1–3 and both waves into tests/e2e/compare.spec.ts's own database
 * (months of 2023, apart from the results fixture).
 */
import { addResponses, respondents, type Answers } from "../../support/results-fixture";
import { prisma } from "~/utils/db.server";

const add = (version: number, month: string, people: Answers[], wave: "closure" | "followup" = "closure") =>
  addResponses(people.map((answers) => ({ version, wave, month, answers })));

async function main() {
  if ((await prisma.response.count({ where: { month: { startsWith: "2023-" } } })) > 0) return; // loaded already
  await add(1, "2023-02", respondents(20, {
    method_satisfaction: { yes: 6, partly: 10, no: 4 },
    violence_stopped: { yes: 12, reduced: 6, no: 2 },
  }));
  await add(2, "2023-05", respondents(20, {
    role: { subjected: 12, perpetrator: 8 },
    method_satisfaction: { yes: 12, partly: 6, no: 2 },
    violence_stopped: { yes: 13, reduced: 5, no: 2 },
  }));
  await add(3, "2023-09", respondents(20, {
    role: { subjected: 11, perpetrator: 9 },
    method_satisfaction: { yes: 19, partly: 1 },
    violence_stopped: { yes: 14, reduced: 4, no: 2 },
  }));
  await add(3, "2023-11", respondents(8, { violence_stopped: { yes: 4, no: 4 } }), "followup");
  await prisma.$disconnect();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
