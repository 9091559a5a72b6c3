/** Loads the results fixture into tests/e2e/results.spec.ts's own database (in its beforeAll). */
import { addCodeCount, addResponses, respondents } from "../../support/results-fixture";
import { prisma } from "~/utils/db.server";

export const FIXTURE_MONTH = "2025-03";

const comments = [
  "Jag har lärt mig nya strategier för att lösa konflikter",
  "Att veta att ni finns ett samtal bort gör mig starkare",
  // one long unbreakable "word" (a pasted formula or link) ran 9 px past a phone's edge
  '=HYPERLINK("http://evil.example","klicka")',
];

async function main() {
  if ((await prisma.response.count({ where: { month: FIXTURE_MONTH } })) > 0) return; // loaded already
  const closure = respondents(14, {
    method_satisfaction: { yes: 12, partly: 2 },
    violence_stopped: { yes: 10, reduced: 3, no: 1 },
    gender: { woman: 8, man: 6 },
  });
  comments.forEach((text, i) => (closure[i]!.comments = { text }));
  await addResponses(closure.map((answers) => ({ version: 3, month: FIXTURE_MONTH, answers })));
  await addResponses(
    respondents(3, { violence_stopped: { yes: 3 } }).map((answers) => ({ version: 3, wave: "followup", month: FIXTURE_MONTH, answers })),
  );
  await addResponses(respondents(6, { violence_stopped: { yes: 4, no: 2 } }).map((answers) => ({ version: 3, month: "2025-01", answers })));
  // five in February: a release block of its own, so March (14) is one too (decision 0011)
  await addResponses(respondents(5, { violence_stopped: { yes: 4, no: 1 } }).map((answers) => ({ version: 3, month: "2025-02", answers })));
  await addCodeCount({ version: 3, validMonth: "2025-01", issued: 8, answered: 6, referral: "self" });
  await addCodeCount({ version: 3, validMonth: "2025-02", issued: 6, answered: 5, referral: "self" });
  await addCodeCount({ version: 3, validMonth: FIXTURE_MONTH, issued: 16, answered: 14, referral: "self" });
  await addCodeCount({ version: 3, validMonth: FIXTURE_MONTH, issued: 4, answered: 0, referral: "police" });
  await addCodeCount({ version: 3, wave: "followup", validMonth: FIXTURE_MONTH, issued: 5, answered: 3 });
  await prisma.$disconnect();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
