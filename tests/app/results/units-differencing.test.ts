/**
 * Organisational units (decision 0023) against the differencing attacker: two units' own reports
 * and the pooled organisation report, with a third unit of three respondents. Every nested pair
 * of permitted reports — pooled minus a unit, a unit minus a shorter period of itself, pooled
 * minus pooled — must differ by 0 or ≥ k, and the small unit must never be counted at all.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { parseCommandArgs } from "~/cli/framework";
import { report } from "~/cli/commands/report";
import { buildDimensionLevels } from "~/results/queries.sql.server";
import { loadSurvey } from "~/results/aggregate.server";
import { loadReleases } from "~/results/release.server";
import { buildReleaseSummaries } from "~/results/release-summaries-build.server";
import { createUnit, listUnits } from "~/units/units.server";
import { addResponses, type ResponseSpec } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";
import { differencingAttack, periodsOf, type AttackQuery, type CoveredBlock, type Respondent } from "../../support/differencing";

const k = 5;

async function cli(argv: string[]): Promise<Record<string, unknown>> {
  const lines: string[] = [];
  await report.run(parseCommandArgs(report, [...argv, "--json"]), { stdout: (t) => lines.push(t), stdin: async () => "" });
  return JSON.parse(lines.join("\n"));
}

const argsOf = (q: AttackQuery) => [
  "--survey", ATTACK_SLUG, "--from", q.from, "--to", q.to,
  ...(q.wave ? ["--wave", q.wave] : []),
  ...q.versions.flatMap((v) => ["--version", String(v)]),
  ...(q.referral ? ["--referral", q.referral] : []),
  ...(q.unit ? ["--unit", q.unit] : []),
];

const people: Respondent[] = [];
const unitIds = new Map<string, string>();
function person(unit: string, month: string, referral: string, version = 3): ResponseSpec {
  people.push({ unit, month, version, referral, wave: "closure" });
  return { slug: ATTACK_SLUG, unitId: unitIds.get(unit)!, version, month, referral, answers: { helped: "yes" } };
}
const times = (n: number, make: () => ResponseSpec) => Array.from({ length: n }, make);

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
  await importAttackSurvey();
  for (const slug of ["north", "south", "east"]) unitIds.set(slug, (await createUnit({ slug, name: slug })).id);
  await addResponses([
    // north: January 5 (a block), February 2 + March 3 (a block), April 6 (a block, one on version 4)
    ...times(5, () => person("north", "2026-01", "police")),
    ...times(2, () => person("north", "2026-02", "self")),
    ...times(3, () => person("north", "2026-03", "police")),
    ...times(5, () => person("north", "2026-04", "police")),
    person("north", "2026-04", "self", 4),
    // south: January–April together make its one block of 7
    ...times(2, () => person("south", "2026-01", "police")),
    person("south", "2026-02", "self"),
    person("south", "2026-03", "police"),
    ...times(3, () => person("south", "2026-04", "self")),
    // east: three respondents in February, never released
    ...times(3, () => person("east", "2026-02", "police")),
  ]);
});

afterAll(() => {
  vi.useRealTimers();
});

async function attackEveryUnitAndPool() {
  const months = ["2025-12", "2026-01", "2026-02", "2026-03", "2026-04", "2026-05", "2026-06"];
  const filters: Omit<AttackQuery, "from" | "to" | "wave">[] = [{ versions: [] }, { versions: [3] }, { versions: [3, 4] }, { versions: [], referral: "police" }];
  const queries: AttackQuery[] = [];
  for (const p of periodsOf(months))
    for (const unit of ["north", "south", "east", undefined])
      for (const f of filters) queries.push({ ...p, wave: "closure", ...f, ...(unit ? { unit } : {}) });
  const result = await differencingAttack(
    people,
    queries,
    async (q) => {
      const out = await cli(argsOf(q));
      if (out.withheld) return { withheld: true };
      // a pooled report names the unit blocks it sums; a unit's report covers its whole period
      return { withheld: false, responses: out.responses as number | null, ...(q.unit ? {} : { blocks: out.blocks as CoveredBlock[] }) };
    },
    k,
  );
  expect(result.permitted).toBeGreaterThan(40);
  expect(result.pairs).toBeGreaterThan(200);
  expect(result.withheld).toBeGreaterThan(100);
  const east = people.flatMap((p, i) => (p.unit === "east" ? [i] : []));
  expect(east.filter((i) => result.seen.has(i))).toEqual([]);
  // pooled reports were permitted and differenced against each unit's own
  expect(people.some((p, i) => p.unit === "south" && result.seen.has(i))).toBe(true);
}

describe("units: unit reports and the pooled organisation report", () => {
  it("releases each unit on its own blocks; the pooled report sums only whole unit blocks", async () => {
    expect(await cli(["--survey", ATTACK_SLUG, "--wave", "closure", "--from", "2026-01", "--to", "2026-03", "--unit", "north"])).toMatchObject({ responses: 10 });
    // south's January alone is not a whole block of south
    expect(await cli(["--survey", ATTACK_SLUG, "--wave", "closure", "--from", "2026-01", "--to", "2026-01", "--unit", "south"])).toMatchObject({ withheld: true });
    expect(await cli(["--survey", ATTACK_SLUG, "--wave", "closure", "--from", "2026-01", "--to", "2026-05", "--unit", "east"])).toMatchObject({ withheld: true });
    // pooled January–March: north's two blocks (10); south's block reaches April, east waits
    const pooled = await cli(["--survey", ATTACK_SLUG, "--wave", "closure", "--from", "2026-01", "--to", "2026-03"]);
    expect(pooled).toMatchObject({ responses: 10 });
    const year = await cli(["--survey", ATTACK_SLUG, "--wave", "closure", "--from", "2026-01", "--to", "2026-05"]);
    expect(year).toMatchObject({ responses: 23 });
    expect((year.blocks as CoveredBlock[]).some((b) => b.unit === "east")).toBe(false);
  });

  it("an unknown unit is a usage error, not an empty report", async () => {
    await expect(cli(["--survey", ATTACK_SLUG, "--unit", "nowhere"])).rejects.toThrow(/no unit "nowhere"/);
  });

  it("the differencing attacker learns nothing about fewer than k, and nothing at all about the small unit", attackEveryUnitAndPool, 300_000);

  // filtered reports read the one-dimension levels once they are built (decision 0028): those keep the unit too
  it("holds the same with the report levels built for the closed months", async () => {
    expect(await buildDimensionLevels("2026-05")).toBeGreaterThan(0);
    await attackEveryUnitAndPool();
  }, 300_000);

  // pooled reports without a group filter (every version, or some) then read each unit's stored blocks
  it("holds the same with the release summaries built (decision 0034)", async () => {
    expect(await buildReleaseSummaries("2026-05")).toBeGreaterThan(0);
    const loaded = await loadSurvey(ATTACK_SLUG);
    expect((await loadReleases(loaded, k, undefined, { unitIds: (await listUnits()).map((u) => u.id) }, [])).summaries).toBeDefined();
    await attackEveryUnitAndPool();
  }, 300_000);
});
