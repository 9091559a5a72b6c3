import { describe, expect, it } from "vitest";
import { issueCodes } from "~/codes/issue.server";
import { CLIENT_GROUPS, REFERRALS } from "~/codes/attributes";
import { submitResponse } from "~/respondent/submit.server";
import { loadSurvey } from "~/results/aggregate.server";
import { rebuildAnswerCounts } from "~/results/queries.sql.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { WAVES } from "~/survey/definition";
import { prisma } from "~/utils/db.server";
import { codeRow } from "../../support/codes";
import { addResponses, SLUG } from "../../support/results-fixture";
import { answerRows, randomAnswers, seeded } from "../../support/random-answers";

const cube = () =>
  prisma.$queryRawUnsafe<Record<string, unknown>[]>(
    `SELECT * FROM "AnswerCount" ORDER BY "level", "surveyVersionId", "wave", "month", "clientGroup", "referral", "role", "gender", "questionKey", "rowKey", "optionKey"`,
  );

describe("pre-aggregated answer counts", () => {
  it("equal a recount from the raw rows after random submissions", async () => {
    await seedReferenceSurvey();
    const rnd = seeded(8);
    const loaded = await loadSurvey(SLUG);
    const newest = loaded.definitions.at(-1)!.def;
    // real submissions, in three months, with and without group and referral
    for (const [day, count] of [["2026-01-20", 25], ["2026-02-10", 30], ["2026-03-05", 20]] as const) {
      const now = new Date(`${day}T10:00:00Z`);
      for (let i = 0; i < count; i++) {
        const wave = rnd.pick(WAVES);
        const [code] = await issueCodes(
          {
            survey: SLUG,
            wave,
            count: 1,
            lang: "sv",
            validFrom: day, // a follow-up needs its day; these open at once
            ...(rnd.chance(0.7) ? { clientGroup: rnd.pick(CLIENT_GROUPS) } : {}),
            ...(rnd.chance(0.7) ? { referral: rnd.pick(REFERRALS) } : {}),
          },
          now,
        );
        const result = await submitResponse(await codeRow(code!.code), answerRows(randomAnswers(rnd, newest, wave)), "sv", now);
        expect(result.status).toBe("saved");
      }
    }
    // and older versions, stored directly as the fixture does
    await addResponses(
      Array.from({ length: 60 }, () => {
        const { def } = rnd.pick(loaded.definitions);
        const wave = rnd.pick(WAVES);
        return {
          version: def.version,
          wave,
          month: rnd.pick(["2025-11", "2025-12", "2026-01"]),
          clientGroup: rnd.chance(0.6) ? rnd.pick(CLIENT_GROUPS) : null,
          referral: rnd.chance(0.6) ? rnd.pick(REFERRALS) : null,
          answers: randomAnswers(rnd, def, wave),
        };
      }),
    );
    const kept = await cube();
    expect(kept.length).toBeGreaterThan(100);
    expect(await rebuildAnswerCounts()).toBe(135);
    expect(await cube()).toEqual(kept);

    // level 0 is level 1 summed over the groups; questionKey "" counts responses
    const total = await prisma.$queryRawUnsafe<{ level: number; n: number }[]>(
      `SELECT "level", SUM("n") AS "n" FROM "AnswerCount" WHERE "questionKey" = '' GROUP BY "level" ORDER BY "level"`,
    );
    expect(total.map((t) => Number(t.n))).toEqual([135, 135]);
  }, 120_000); // 75 real submits, each with its WAL checkpoint
});
