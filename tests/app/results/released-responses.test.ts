/**
 * "Nothing shown to staff may tell whether one client answered" (docs/privacy.md). The survey
 * list, a version's page and `surveys list` counted every response live, this month's included:
 * hand a client a code, watch 41 become 42. They now count what the reports may show (released
 * blocks of closed months, each version a filtered report). Attacked as staff would: read all
 * three, let one client answer through the real submit path, read them again.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { surveysList } from "~/cli/commands/surveys";
import { loadSurvey } from "~/results/aggregate.server";
import { runComparison } from "~/results/compare.server";
import { isWithheld, loadReleases, runReleasedReport } from "~/results/release.server";
import { WAVES } from "~/survey/definition";
import { monthOf } from "~/utils/months";
import { releasedResponsesByVersion } from "~/results/released-responses.server";
import { submitResponse } from "~/respondent/submit.server";
import { loader as listLoader } from "~/routes/admin.surveys._index";
import { loader as versionLoader } from "~/routes/admin.surveys.$slug.$version._index";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { runCommand } from "../../support/cli-output";
import { codeRow, freshCodes } from "../../support/codes";
import { addResponses, SLUG } from "../../support/results-fixture";
import { args, staffDesk } from "../../support/staff-requests";

const { login, get } = staffDesk();
const MANAGER = "released-counts@example.se";
const FEEL_BETTER = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];

const answered = (version: number, n: number, month: string) => Array.from({ length: n }, () => ({ version, month, answers: { method_satisfaction: "yes" } }));

/** The same counts from the reports themselves: the survey pages count without reading them. */
async function fromReports(unitScope?: { unitIds: string[] }): Promise<Record<number, number | null>> {
  const loaded = await loadSurvey(SLUG);
  const releases = await loadReleases(loaded, undefined, undefined, unitScope, []);
  const out: Record<number, number | null> = {};
  for (const { def } of loaded.definitions) {
    let total: number | null = 0;
    for (const wave of WAVES) {
      const blocks = releases.byWave[wave].blocks;
      if (!blocks.some((b) => b.n > 0) || total === null) continue;
      const period = { from: blocks[0]!.from, to: blocks.at(-1)!.to };
      const r = await runReleasedReport({ survey: SLUG, period, wave, versions: [def.version], groups: {}, unitScope }, loaded, releases);
      total = isWithheld(r) ? null : total + (r.report.responses ?? 0);
    }
    out[def.version] = total;
  }
  return out;
}

/** What staff can read of the reference survey's response counts, per version. */
async function shown() {
  const { surveys } = await listLoader(args(get(MANAGER, "/admin/surveys")));
  const list = surveys.find((s) => s.slug === SLUG)!.versions.map((v) => [v.version, v.responses]);
  const page = (await versionLoader(args(get(MANAGER, `/admin/surveys/${SLUG}/3`), { slug: SLUG, version: "3" }))).responses;
  const cli = (JSON.parse(await runCommand(surveysList, { json: true })) as { slug: string; versions: { version: number; responses: number | null }[] }[])
    .find((s) => s.slug === SLUG)!
    .versions.map((v) => [v.version, v.responses]);
  return { list, page, cli };
}

beforeAll(async () => {
  await freshCodes(0);
  await login(MANAGER, "manager");
  // January: eight answers to version 3 and six to version 2 (k = 5)
  await addResponses([...answered(3, 8, "2026-01"), ...answered(2, 6, "2026-01")]);
});

describe("response counts on the survey pages", () => {
  it("count the released blocks of closed months, per version, on all three", async () => {
    expect(Object.fromEntries(await releasedResponsesByVersion(SLUG))).toEqual({ 1: 0, 2: 6, 3: 8 });
    expect(await fromReports()).toEqual({ 1: 0, 2: 6, 3: 8 });
    const { list, page, cli } = await shown();
    expect(list).toEqual([[1, 0], [2, 6], [3, 8]]);
    expect(page).toBe(8);
    expect(cli).toEqual(list);
  });

  it("do not move when one client answers, however many codes were handed out", async () => {
    const before = await shown();
    const codes = await freshCodes(6);
    const responses = await prisma.response.count();
    expect((await submitResponse(await codeRow(codes[0]!.code), FEEL_BETTER, "sv")).status).toBe("saved");
    expect(await prisma.response.count()).toBe(responses + 1);
    expect(await shown()).toEqual(before);
    // nor when five more do: this month is not closed
    for (const c of codes.slice(1)) await submitResponse(await codeRow(c.code), FEEL_BETTER, "sv");
    expect(await shown()).toEqual(before);
  });

  it("withhold a version whose own count, with the block's total, would give away a few", async () => {
    // February: seven answers to version 3 and two to version 2: the review shows February's nine,
    // so version 3's seven would leave version 2's two; both are withheld, as a filtered report is
    await addResponses([...answered(3, 7, "2026-02"), ...answered(2, 2, "2026-02")]);
    const { list, page, cli } = await shown();
    expect(list).toEqual([[1, 0], [2, null], [3, null]]);
    expect(await fromReports()).toEqual({ 1: 0, 2: null, 3: null });
    expect(page).toBeNull();
    expect(cli).toEqual(list);
  });
});

describe("the version comparison's versions with answers", () => {
  it("are the same before and after a client answers this month", async () => {
    const month = monthOf(new Date());
    const outcome = () =>
      runComparison({ survey: SLUG, wave: "closure", versions: "answered", from: month, to: month }).then(
        (r) => JSON.stringify(r),
        (e: Error) => e.message,
      );
    const before = await outcome();
    const [code] = await freshCodes(1);
    expect((await submitResponse(await codeRow(code!.code), FEEL_BETTER, "sv")).status).toBe("saved");
    expect(await outcome()).toBe(before);
    expect(before).not.toContain("only version");
  });

  it("say nothing about single months inside a block: the period is checked against whole blocks first", async () => {
    // May to July is one block of five: four answers to version 3 in May, one to version 2 in July
    await addResponses([...answered(3, 4, "2026-05"), ...answered(2, 1, "2026-07")]);
    const compare = (month: string) =>
      runComparison({ survey: SLUG, wave: "closure", versions: "answered", from: month, to: month }).then(
        (r) => JSON.stringify(r),
        (e: Error) => e.message,
      );
    for (const month of ["2026-05", "2026-06", "2026-07"]) {
      const outcome = await compare(month);
      expect(outcome, month).toContain('"withheld":true');
      expect(outcome, month).not.toContain("only version");
    }
  });

  it("do not count another unit's answers still waiting in a pooled comparison", async () => {
    const north = (await createUnit({ slug: "north", name: "North" })).id;
    const south = (await createUnit({ slug: "south", name: "South" })).id;
    const unitScope = { unitIds: [north, south] };
    await addResponses(answered(3, 6, "2026-08").map((r) => ({ ...r, unitId: north })));
    const compare = () =>
      runComparison({ survey: SLUG, wave: "closure", versions: [2, 3], from: "2026-08", to: "2026-08", unitScope }).then(
        (r) => JSON.stringify(r),
        (e: Error) => e.message,
      );
    const before = await compare();
    // pooled and per unit, the survey pages' counts are what the reports count
    for (const scope of [unitScope, { unitIds: [north] }]) expect(Object.fromEntries(await releasedResponsesByVersion(SLUG, scope))).toEqual(await fromReports(scope));
    // one answer to version 2 in south: a block of its own still waiting for four more
    await addResponses(answered(2, 1, "2026-08").map((r) => ({ ...r, unitId: south })));
    expect(await compare()).toBe(before);
  });
});
