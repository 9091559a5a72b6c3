/**
 * An organisation of a few hundred units (decision 0023): the pooled report sums each unit's own
 * released blocks, whatever shape they have, and leaves out a unit that never reached k. On
 * SQLite such a report once failed outright ("query parameter limit exceeded": four bound values
 * per unit and wave, past the 999 Prisma assumed for SQLite). bench/units.ts times it at 1M.
 */
import { beforeAll, describe, expect, it, vi, afterAll } from "vitest";
import { parseCommandArgs } from "~/cli/framework";
import { report } from "~/cli/commands/report";
import { loadSurvey } from "~/results/aggregate.server";
import { loadReleases, unitReleases } from "~/results/release.server";
import { createUnit, listUnits } from "~/units/units.server";
import { addResponses, type ResponseSpec } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";

const UNITS = 260;
const slugOf = (i: number) => `u-${String(i).padStart(3, "0")}`;

async function cli(argv: string[]): Promise<{ responses: number | null; blocks: unknown[] }> {
  const lines: string[] = [];
  await report.run(parseCommandArgs(report, ["--survey", ATTACK_SLUG, ...argv, "--json"]), { stdout: (t) => lines.push(t), stdin: async () => "" });
  return JSON.parse(lines.join("\n"));
}

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
  await importAttackSurvey();
  const specs: ResponseSpec[] = [];
  const add = (unitId: string, month: string, n: number) => {
    for (let i = 0; i < n; i++) specs.push({ slug: ATTACK_SLUG, unitId, version: 3, month, answers: { helped: i % 2 ? "yes" : "no" } });
  };
  for (let i = 0; i < UNITS; i++) {
    const { id } = await createUnit({ slug: slugOf(i), name: slugOf(i) });
    // even units: one block in January; odd units: February 2 + March 3, one block of two months
    if (i % 2 === 0) add(id, "2026-01", 5);
    else {
      add(id, "2026-02", 2);
      add(id, "2026-03", 3);
    }
  }
  // three respondents of one more unit: never released, pooled or not
  add((await createUnit({ slug: "tiny", name: "tiny" })).id, "2026-02", 3);
  await addResponses(specs);
}, 600_000);

afterAll(() => {
  vi.useRealTimers();
});

describe(`a pooled report of ${UNITS} units`, () => {
  it("counts every unit's released block and nothing of the unit below k", async () => {
    expect((await cli(["--from", "2026-01", "--to", "2026-04"])).responses).toBe(UNITS * 5);
  });

  it("takes only the blocks wholly inside the period, per unit", async () => {
    // February–March holds the odd units' blocks; the even units' January block lies outside
    expect((await cli(["--from", "2026-02", "--to", "2026-03"])).responses).toBe((UNITS / 2) * 5);
  });

  it("gives one unit its own report", async () => {
    expect((await cli(["--from", "2026-01", "--to", "2026-04", "--unit", slugOf(1)])).responses).toBe(5);
  });

  it("cuts each unit's releases from the pooled ones exactly as the unit's own (the unit comparison reads once for all)", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const units = await listUnits();
    const pooled = await loadReleases(loaded, undefined, undefined, { unitIds: units.map((u) => u.id) });
    const sorted = (rows: unknown[]) => rows.map((r) => JSON.stringify(r)).sort();
    for (const slug of [slugOf(0), slugOf(1), "tiny", "default"]) {
      const unitId = units.find((u) => u.slug === slug)!.id;
      const own = await loadReleases(loaded, undefined, undefined, { unitIds: [unitId] });
      const cut = unitReleases(pooled, unitId);
      expect(cut.byWave).toEqual(own.byWave);
      expect([...cut.byUnit]).toEqual([...own.byUnit]);
      expect(sorted(cut.rows)).toEqual(sorted(own.rows));
      expect(cut.scope).toEqual(own.scope);
    }
    expect(() => unitReleases(pooled, "no-such-unit")).toThrow();
  });
});
