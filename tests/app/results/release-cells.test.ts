/**
 * The release cells every report is cut from (decision 0011) must follow the database, also when
 * a write keeps the closed months' total response count: an `aggregates rebuild` after a restore
 * or a correction moves responses between months or groups without adding any.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSurvey } from "~/results/aggregate.server";
import { rebuildAnswerCounts } from "~/results/queries.sql.server";
import { loadReleases } from "~/results/release.server";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";

let unitId = "";

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
  await importAttackSurvey();
  unitId = (await createUnit({ slug: "cells", name: "cells" })).id;
  await addResponses(
    Array.from({ length: 7 }, () => ({ slug: ATTACK_SLUG, unitId, version: 3, month: "2026-01", referral: "police", answers: { helped: "yes" } })),
  );
});

afterAll(() => {
  vi.useRealTimers();
});

const monthsOf = async () => {
  const { rows } = await loadReleases(await loadSurvey(ATTACK_SLUG), 5, new Date(), { unitIds: [unitId] });
  const n: Record<string, number> = {};
  for (const r of rows) n[r.month] = (n[r.month] ?? 0) + r.n;
  return n;
};

describe("release cells", () => {
  it("are read again after a rebuild that moves responses without changing their number", async () => {
    expect(await monthsOf()).toEqual({ "2026-01": 7 });
    const moved = await prisma.response.findMany({ where: { unitId }, select: { id: true }, take: 3 });
    await prisma.response.updateMany({ where: { id: { in: moved.map((m) => m.id) } }, data: { month: "2026-03" } });
    await rebuildAnswerCounts();
    // a block of 7 in January would still be shown where the database now holds 4 and 3
    expect(await monthsOf()).toEqual({ "2026-01": 4, "2026-03": 3 });
  });
});
