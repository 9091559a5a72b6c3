/**
 * The units-summed level (decision 0033): a pooled report's cells read as the level summed over
 * every unit minus the months its unit parts leave out must equal the parts read unit by unit,
 * for any parts (units left out, months cut at either end, waves missing), whether the job has
 * built no month, some or all of them. Runs on both databases (vitest.postgresql.config.ts).
 */
import { beforeAll, describe, expect, it } from "vitest";
import { loadSurvey } from "~/results/aggregate.server";
import { UNITS_SUMMED_LEVEL } from "~/results/levels";
import { addMonths, monthsBetween } from "~/results/period";
import {
  buildDimensionLevels,
  countCells,
  type CellFilter,
  type CellRow,
  type UnitPart,
} from "~/results/queries.sql.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { WAVES } from "~/survey/definition";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses, SLUG } from "../../support/results-fixture";
import { randomAnswers, seeded } from "../../support/random-answers";

const rnd = seeded(20261129);
const MONTHS = monthsBetween("2024-01", "2025-12");
const units: string[] = [];
const int = (n: number) => Math.floor(rnd.next() * n);

beforeAll(async () => {
  await seedReferenceSurvey();
  units.push((await prisma.unit.findFirstOrThrow({ where: { slug: "default" } })).id);
  for (const slug of ["north", "south", "east", "west"]) units.push((await createUnit({ slug, name: slug })).id);
  const loaded = await loadSurvey(SLUG);
  await addResponses(
    Array.from({ length: 240 }, () => {
      const { def } = rnd.pick(loaded.definitions);
      const wave = rnd.chance(0.7) ? "closure" : "followup";
      return { version: def.version, wave, month: rnd.pick(MONTHS), unitId: rnd.pick(units), answers: randomAnswers(rnd, def, wave) };
    }),
  );
}, 300_000);

/** The levels as the job leaves them: built up to a month, or not at all. */
async function levelsThrough(through: string | null) {
  await prisma.$executeRawUnsafe(`DELETE FROM "AnswerCount" WHERE "level" >= 2`);
  if (through) await buildDimensionLevels(through);
}

/**
 * A pooled scope's parts as releases make them: per unit and wave a span inside the period, or
 * none; sometimes one wave only for every unit (no unit has a released follow-up block).
 */
function randomParts(from: string, to: string): UnitPart[] {
  const months = monthsBetween(from, to);
  const parts: UnitPart[] = [];
  const waves = rnd.chance(0.3) ? [rnd.pick(WAVES)] : WAVES;
  for (const unitId of rnd.chance(0.3) ? units.slice(0, 3) : units)
    for (const wave of waves) {
      if (rnd.chance(0.15)) continue;
      // most units' blocks cover the period; some stop short of either end
      const a = rnd.chance(0.7) ? 0 : int(months.length);
      const b = rnd.chance(0.7) ? months.length - 1 : a + int(months.length - a);
      parts.push({ unitId, wave, from: months[a]!, to: months[b]! });
    }
  return parts;
}

const sorted = (rows: CellRow[]) => rows.map((r) => JSON.stringify(r)).sort();

describe("the units-summed level", () => {
  it("gives a pooled report the cells of its parts, for random parts, built for no month, some or all", async () => {
    const loaded = await loadSurvey(SLUG);
    const all = loaded.definitions.map((d) => d.id);
    const filters: CellFilter[] = Array.from({ length: 60 }, () => {
      const from = rnd.pick(MONTHS);
      const to = rnd.chance(0.3) ? "2026-03" : addMonths(from, int(18));
      return {
        versionIds: rnd.chance(0.7) ? all : [rnd.pick(all)],
        from,
        to,
        waves: rnd.chance(0.8) ? null : [rnd.pick(WAVES)],
        dims: [],
        byMonth: rnd.chance(0.3),
        questionKeys: rnd.chance(0.8) ? undefined : ["role", "satisfied"],
        parts: randomParts(from, to),
      };
    });
    await levelsThrough(null);
    const fromUnits: string[][] = [];
    for (const f of filters) fromUnits.push(sorted(await countCells(f)));
    for (const through of ["2024-06", "2025-05", "2025-12"]) {
      await levelsThrough(through);
      expect(await prisma.answerCount.count({ where: { level: UNITS_SUMMED_LEVEL } })).toBeGreaterThan(0);
      for (const [i, f] of filters.entries()) expect(sorted(await countCells(f)), `${through} ${JSON.stringify(f)}`).toEqual(fromUnits[i]);
    }
    // what was compared: counts in most filters
    expect(fromUnits.filter((rows) => rows.length > 0).length).toBeGreaterThan(40);
  });

  it("is what a pooled read uses, and takes away a unit the parts leave out", async () => {
    await levelsThrough("2025-12");
    const loaded = await loadSurvey(SLUG);
    const whole = { versionIds: loaded.definitions.map((d) => d.id), from: "2024-01", to: "2025-12", waves: null, dims: [], byMonth: false } as const;
    const pooled = (unitIds: string[]) => ({ ...whole, parts: unitIds.flatMap((unitId) => WAVES.map((wave) => ({ unitId, wave, from: whole.from, to: whole.to }))) });
    const total = async (f: CellFilter) => (await countCells(f)).filter((r) => r.questionKey === "").reduce((sum, r) => sum + r.n, 0);
    const responses = (unitIds: string[]) => prisma.response.count({ where: { unitId: { in: unitIds } } });
    // every unit but the last: the last one's answers are taken away from the sum, not added
    const some = units.slice(0, -1);
    expect(await total(pooled(some))).toBe(await responses(some));
    expect(await total(pooled(units))).toBe(await responses(units));
    // a count changed in the level shows in the pooled read: the level is what it reads
    const row = await prisma.answerCount.findFirstOrThrow({ where: { level: UNITS_SUMMED_LEVEL, questionKey: "" } });
    await prisma.answerCount.updateMany({ where: { ...row }, data: { n: row.n + 100 } });
    expect(await total(pooled(units))).toBe((await responses(units)) + 100);
    // a level that holds less than the units it leaves out is refused, not shown
    await prisma.answerCount.updateMany({ where: { level: UNITS_SUMMED_LEVEL, questionKey: "" }, data: { n: 0 } });
    await expect(countCells(pooled(some))).rejects.toThrow(/units-summed level/);
  });
});
