/**
 * The language levels (decision 0031): responses per language and how many have an attribute
 * withheld, as releases count them for free text and `attributesWithheld`, must equal a count of
 * the Response rows for any filter, unit parts or none, whether the levels job has built no
 * month, some or all of them. Runs on both databases (vitest.postgresql.config.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { CLIENT_GROUPS, REFERRALS } from "~/codes/attributes";
import { chosenVersions, loadSurvey, responseFilter, type ReportQuery } from "~/results/aggregate.server";
import { LANGUAGE_DIMENSION_LEVELS, LANGUAGE_LEVEL, LANGUAGE_SUMMED_LEVEL } from "~/results/levels";
import { monthsBetween, rolling12, tertialToDate } from "~/results/period";
import { buildDimensionLevels, countResponsesByLang, type LangRow, type ResponseFilter } from "~/results/queries.sql.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { WAVES } from "~/survey/definition";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG } from "../../support/results-fixture";
import { randomAnswers, randomGroups, seeded } from "../../support/random-answers";

const rnd = seeded(20261128);
const MONTHS = monthsBetween("2024-01", "2025-12");
const WITHHELD = "withheld";
let otherUnit = "";

beforeAll(async () => {
  await seedReferenceSurvey();
  otherUnit = (await createUnit({ slug: "other", name: "other" })).id;
  const loaded = await loadSurvey(SLUG);
  await addResponses(
    Array.from({ length: 160 }, () => {
      const { def } = rnd.pick(loaded.definitions);
      const wave = rnd.chance(0.7) ? "closure" : "followup";
      return {
        version: def.version,
        wave,
        month: rnd.pick(MONTHS),
        unitId: rnd.chance(0.3) ? otherUnit : undefined,
        // "withheld": too few codes shared the language, client group or referral (decision 0011)
        lang: rnd.pick(["sv", "ar", "ti", WITHHELD]),
        clientGroup: rnd.chance(0.7) ? rnd.pick([...CLIENT_GROUPS, WITHHELD]) : null,
        referral: rnd.chance(0.7) ? rnd.pick([...REFERRALS, WITHHELD]) : null,
        answers: randomAnswers(rnd, def, wave),
      };
    }),
  );
}, 300_000);


/** The levels as the job leaves them: built up to a month, or not at all. */
async function levelsThrough(through: string | null) {
  await prisma.$executeRawUnsafe(`DELETE FROM "AnswerCount" WHERE "level" >= 2`);
  if (through) await buildDimensionLevels(through);
}

const sorted = (rows: LangRow[]) => rows.map((r) => JSON.stringify(r)).sort();
const withheldOf = (rows: string[]) => rows.reduce((sum, r) => sum + (JSON.parse(r) as LangRow).withheld, 0);

describe("the language levels", () => {
  it("count languages and withheld attributes as Response does, for random filters, built for no month, some or all", async () => {
    const loaded = await loadSurvey(SLUG);
    const defaultUnit = (await prisma.unit.findFirstOrThrow({ where: { slug: "default" } })).id;
    const parts = (f: { from: string; to: string }, units: string[]) => units.flatMap((unitId) => WAVES.map((wave) => ({ unitId, wave, from: f.from, to: f.to })));
    const query = (q: Omit<ReportQuery, "survey">): ResponseFilter => responseFilter({ survey: SLUG, ...q }, chosenVersions(loaded, q.versions));
    const whole = query({ period: { from: "2024-01", to: "2025-12" }, wave: null });
    const filters: ResponseFilter[] = [
      whole,
      { ...whole, parts: parts(whole, [defaultUnit, otherUnit]) },
      { ...whole, parts: parts(whole, [otherUnit]) },
      // a group stored as "withheld", alone and beside another group: the per-group levels keep
      // the other one only as "withheld" or ""
      query({ period: { from: whole.from, to: whole.to }, wave: null, groups: { clientGroup: WITHHELD } }),
      query({ period: { from: whole.from, to: whole.to }, wave: null, groups: { referral: WITHHELD } }),
      query({ period: { from: whole.from, to: whole.to }, wave: null, groups: { referral: WITHHELD, role: "subjected" } }),
      ...Array.from({ length: 80 }, () => {
        const m = rnd.pick(MONTHS);
        const f = query({
          period: rnd.pick([{ from: m, to: m }, tertialToDate(m), rolling12(m), { from: "2023-06", to: "2026-03" }]),
          wave: rnd.chance(0.3) ? null : rnd.pick(WAVES),
          versions: rnd.pick([null, [3], [1, 2]]),
          groups: randomGroups(rnd, { role: 0.25, gender: 0.25, clientGroup: 0.2, referral: 0.2 }),
        });
        // a page's unit parts (one unit, or pooled), or none as the CLI without --unit
        return rnd.chance(0.5) ? { ...f, parts: parts(f, rnd.pick([[defaultUnit], [otherUnit], [defaultUnit, otherUnit]])) } : f;
      }),
    ];
    await levelsThrough(null);
    const fromResponses: string[][] = [];
    for (const f of filters) fromResponses.push(sorted(await countResponsesByLang(f)));
    for (const through of ["2024-12", "2025-12"]) {
      await levelsThrough(through);
      expect(await prisma.answerCount.count({ where: { level: LANGUAGE_LEVEL } })).toBeGreaterThan(0);
      expect(await prisma.answerCount.count({ where: { level: LANGUAGE_SUMMED_LEVEL } })).toBeGreaterThan(0);
      for (const level of Object.values(LANGUAGE_DIMENSION_LEVELS)) expect(await prisma.answerCount.count({ where: { level } }), `level ${level}`).toBeGreaterThan(0);
      for (const [i, f] of filters.entries()) expect(sorted(await countResponsesByLang(f)), `${through} ${JSON.stringify(f)}`).toEqual(fromResponses[i]);
    }
    // the levels are what is read: a count changed in one shows (level 8 without a group filter, the
    // group's own language level with one, 7 with two)
    type RowWhere = NonNullable<Parameters<typeof prisma.answerCount.findFirstOrThrow>[0]>["where"];
    const bumped = async (where: RowWhere, f: ResponseFilter) => {
      const row = await prisma.answerCount.findFirstOrThrow({ where });
      const total = async () => (await countResponsesByLang(f)).reduce((sum, r) => sum + r.n, 0);
      const before = await total();
      await prisma.answerCount.updateMany({ where: { ...row }, data: { n: row.n + 100 } });
      return (await total()) - before;
    };
    expect(await bumped({ level: LANGUAGE_SUMMED_LEVEL, unitId: defaultUnit }, whole)).toBe(100);
    const group = CLIENT_GROUPS[0];
    const byGroup = query({ period: { from: whole.from, to: whole.to }, wave: null, groups: { clientGroup: group } });
    expect(await bumped({ level: LANGUAGE_DIMENSION_LEVELS.clientGroup, unitId: defaultUnit, clientGroup: group }, byGroup)).toBe(100);
    const referral = REFERRALS[0];
    const byReferral = query({ period: { from: whole.from, to: whole.to }, wave: null, groups: { referral } });
    expect(await bumped({ level: LANGUAGE_DIMENSION_LEVELS.referral, unitId: defaultUnit, referral }, byReferral)).toBe(100);
    const byTwo = query({ period: { from: whole.from, to: whole.to }, wave: null, groups: { clientGroup: group, referral } });
    expect(await bumped({ level: LANGUAGE_LEVEL, unitId: defaultUnit, clientGroup: group, referral }, byTwo)).toBe(100);
    // what was compared: counts in most filters, and withheld ones where there are
    expect(fromResponses.filter((rows) => rows.length > 0).length).toBeGreaterThan(50);
    const withheldResponses = await prisma.response.count({
      where: { OR: [{ lang: WITHHELD }, { clientGroup: WITHHELD }, { referral: WITHHELD }] },
    });
    expect(withheldResponses).toBeGreaterThan(10);
    expect(withheldOf(fromResponses[0]!)).toBe(withheldResponses);
    expect(withheldOf(fromResponses[1]!)).toBe(withheldResponses);
  });
});
