/**
 * The release cells every report is cut from (decision 0011) must follow the database, also when
 * a write keeps the closed months' total response count: an `aggregates rebuild` after a restore
 * or a correction moves responses between months or groups without adding any. A page reads them
 * only by the group dimensions it filters on; a report filtering on another must never pass.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { loadSurvey } from "~/results/aggregate.server";
import { rebuildAnswerCounts } from "~/results/queries.sql.server";
import { isWithheld, loadReleases, runReleasedReport } from "~/results/release.server";
import { GROUP_DIMS } from "~/results/levels";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { addResponses } from "../../support/results-fixture";
import { ATTACK_SLUG, importAttackSurvey } from "../../support/attack-survey";

let unitId = "";
let mixedId = "";
let wideId = "";

beforeAll(async () => {
  vi.useFakeTimers({ toFake: ["Date"] });
  vi.setSystemTime(new Date("2026-06-15T10:00:00Z"));
  await importAttackSurvey();
  unitId = (await createUnit({ slug: "cells", name: "cells" })).id;
  mixedId = (await createUnit({ slug: "mixed", name: "mixed" })).id;
  const mixed = (month: string, referral: string, clientGroup: string, n: number) =>
    Array.from({ length: n }, (_, i) => ({ slug: ATTACK_SLUG, unitId: mixedId, version: 3, month, referral, clientGroup, answers: { helped: i % 2 ? "yes" : "no" } }));
  wideId = (await createUnit({ slug: "wide", name: "wide" })).id;
  const wide = (month: string, referral: string, n: number) =>
    Array.from({ length: n }, () => ({ slug: ATTACK_SLUG, unitId: wideId, version: 3, month, referral, answers: { helped: "yes" } }));
  await addResponses([...wide("2026-02", "police", 6), ...wide("2026-02", "social", 5), ...wide("2026-03", "police", 5), ...wide("2026-03", "social", 6)]);
  await addResponses([
    ...mixed("2026-02", "police", "subjected", 6),
    ...mixed("2026-02", "social", "subjected", 2),
    ...mixed("2026-03", "police", "perpetrator", 5),
    ...mixed("2026-03", "social", "subjected", 5),
  ]);
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

describe("release cells narrowed to a page's filter dimensions", () => {
  const scope = () => ({ unitIds: [mixedId] });
  const query = (groups = {}) => ({ survey: ATTACK_SLUG, period: { from: "2026-02", to: "2026-03" }, wave: null, groups, unitScope: scope() });

  it("cut the same blocks and give the same report as all four dimensions", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const all = await loadReleases(loaded, 5, new Date(), scope(), GROUP_DIMS);
    const none = await loadReleases(loaded, 5, new Date(), scope(), []);
    expect(none.byWave).toEqual(all.byWave);
    // four rows (one per month and referral and group) summed to one per month
    expect(none.rows.map((r) => [r.month, r.referral, r.clientGroup, r.n]).sort()).toEqual([
      ["2026-02", "", "", 8],
      ["2026-03", "", "", 10],
    ]);
    const report = await runReleasedReport(query(), loaded, none);
    expect(report).toEqual(await runReleasedReport(query(), loaded, all));
    expect(isWithheld(report) ? null : report.report.responses).toBe(18);
  });

  it("decide a filter as all four dimensions do, when they keep the filter's", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const referral = await loadReleases(loaded, 5, new Date(), scope(), ["referral"]);
    const all = await loadReleases(loaded, 5, new Date(), scope(), GROUP_DIMS);
    for (const groups of [{ referral: "police" }, { referral: "social" }]) {
      const r = await runReleasedReport(query(groups), loaded, referral);
      expect(r).toEqual(await runReleasedReport(query(groups), loaded, all));
      // February's 2 by social services make every referral filter of this period a small cell
      expect(isWithheld(r) && r.code).toBe("filter");
    }
  });

  it("show a filter all four dimensions show, when they keep the filter's", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const wide = { unitIds: [wideId] };
    const q = { ...query({ referral: "police" }), unitScope: wide };
    const referral = await runReleasedReport(q, loaded, await loadReleases(loaded, 5, new Date(), wide, ["referral"]));
    expect(referral).toEqual(await runReleasedReport(q, loaded, await loadReleases(loaded, 5, new Date(), wide, GROUP_DIMS)));
    // every referral holds k in each month: the police's 11 are shown
    expect(isWithheld(referral) ? referral.reason : referral.report.responses).toBe(11);
  });

  it("refuse a report filtering on a dimension they summed, instead of checking it against nobody", async () => {
    const loaded = await loadSurvey(ATTACK_SLUG);
    const referralOnly = await loadReleases(loaded, 5, new Date(), scope(), ["referral"]);
    await expect(runReleasedReport(query({ clientGroup: "subjected" }), loaded, referralOnly)).rejects.toThrow(/clientGroup/);
    const none = await loadReleases(loaded, 5, new Date(), scope(), []);
    await expect(runReleasedReport(query({ referral: "police" }), loaded, none)).rejects.toThrow(/referral/);
  });
});
