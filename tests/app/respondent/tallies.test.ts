import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { WITHHELD_ATTRIBUTE, type IssueRequest } from "~/codes/attributes";
import { generateCode, hashCode } from "~/codes/code.server";
import { countHandedOut, issueCodes } from "~/codes/issue.server";
import { TALLIES_FRESH_MS } from "~/codes/recent-tallies";
import { activateCode, printStock } from "~/codes/stock.server";
import { submitResponse } from "~/respondent/submit.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { dayOf, monthOf } from "~/utils/months";
import { codeRow } from "../../support/codes";

const FEEL_BETTER = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];

// Submits reuse the tallies another submit read in the last TALLIES_FRESH_MS (recent-tallies.ts).
// The clock the cache reads stands still in these tests unless a test moves it, so whether a
// tally is reused never depends on how fast the machine is.
describe("the tallies a submit decides its attributes by", () => {
  let clock = 0;
  beforeEach(() => {
    clock += 10 * TALLIES_FRESH_MS; // nothing kept by an earlier test is fresh
    vi.spyOn(performance, "now").mockImplementation(() => clock);
  });
  afterEach(() => vi.restoreAllMocks());

  async function unit(slug: string) {
    await seedReferenceSurvey();
    const { id } = await createUnit({ slug, name: slug });
    const issue = (count: number, more: Partial<IssueRequest> = {}) =>
      issueCodes({ survey: "brukarenkat", wave: "closure", count, lang: "ar", confirmDraftLanguage: true, unitId: id, ...more });
    return { id, issue };
  }
  /** What the next saved response stored. */
  const submitted = async (code: string) => {
    const before = new Set((await prisma.response.findMany({ select: { id: true } })).map((r) => r.id));
    expect((await submitResponse(await codeRow(code), FEEL_BETTER, "ar")).status).toBe("saved");
    return (await prisma.response.findMany()).find((r) => !before.has(r.id))!;
  };

  it("count a code handed out in this process for the very next submit", async () => {
    const { issue } = await unit("tallies-here");
    const codes = await issue(4);
    // four Arabic codes: fewer than k, the language is withheld (and that tally is now kept)
    expect((await submitted(codes[0]!.code)).lang).toBe(WITHHELD_ATTRIBUTE);
    await issue(1);
    expect((await submitted(codes[1]!.code)).lang).toBe("ar");
  });

  it("count a printed slip handed out in this process for the very next submit", async () => {
    const { id } = await unit("tallies-stock");
    const slips = await printStock({ survey: "brukarenkat", lang: "ar", count: 6, confirmDraftLanguage: true, unitId: id });
    const handOut = (i: number) => activateCode({ code: slips[i]!.code, wave: "closure", unitId: id });
    for (const i of [0, 1, 2, 3]) await handOut(i);
    expect((await submitted(slips[0]!.code)).lang).toBe(WITHHELD_ATTRIBUTE);
    await handOut(4);
    expect((await submitted(slips[1]!.code)).lang).toBe("ar");
  });

  it("keep each unit's tallies apart", async () => {
    const few = await unit("tallies-few");
    const many = await unit("tallies-many");
    const fewCodes = await few.issue(4);
    const manyCodes = await many.issue(5);
    // in one moment: the unit with four codes withholds, the one with five keeps, either order
    expect((await submitted(fewCodes[0]!.code)).lang).toBe(WITHHELD_ATTRIBUTE);
    expect((await submitted(manyCodes[0]!.code)).lang).toBe("ar");
    expect((await submitted(fewCodes[1]!.code)).lang).toBe(WITHHELD_ATTRIBUTE);
  });

  it("keep each wave's tallies apart", async () => {
    const { issue } = await unit("tallies-waves");
    const closure = await issue(5);
    const followup = await issue(4, { wave: "followup", validFrom: dayOf(new Date()) });
    expect((await submitted(closure[0]!.code)).lang).toBe("ar");
    expect((await submitted(followup[0]!.code)).lang).toBe(WITHHELD_ATTRIBUTE);
    expect((await submitted(closure[1]!.code)).lang).toBe("ar");
  });

  /** Codes handed out as another process (the CLI) would: this process is not told. */
  async function handOutElsewhere(like: string, count: number, change: { referral: string }) {
    const template = await codeRow(like);
    const codes = Array.from({ length: count }, generateCode);
    const attributes = { ...template, ...change };
    await prisma.$transaction([
      prisma.surveyCode.createMany({ data: codes.map((code) => ({ ...attributes, hash: hashCode(code, process.env.TOKEN_SECRET!) })) }),
      countHandedOut(prisma, { ...attributes, opensMonth: monthOf(template.validFrom) }, count),
    ]);
    return codes;
  }

  it("count more codes of a kept combination handed out by another process once the fresh time has passed", async () => {
    const { id, issue } = await unit("tallies-elsewhere");
    const codes = await issue(4);
    expect((await submitted(codes[0]!.code)).lang).toBe(WITHHELD_ATTRIBUTE);
    await prisma.codeCount.updateMany({ where: { unitId: id, lang: "ar" }, data: { issued: { increment: 1 } } });
    clock += TALLIES_FRESH_MS;
    expect((await submitted(codes[1]!.code)).lang).toBe("ar");
  });

  it("read again at once for a code whose own combination the kept tally does not count", async () => {
    const { issue } = await unit("tallies-new-combination");
    const codes = await issue(5);
    expect((await submitted(codes[0]!.code)).referral).toBeNull();
    const police = await handOutElsewhere(codes[1]!.code, 5, { referral: "police" });
    // the same moment: the kept tally has no police codes, so it is not used for this one
    expect((await submitted(police[0]!)).referral).toBe("police");
  });
});
