import { describe, expect, it } from "vitest";
import { WITHHELD_ATTRIBUTE } from "~/codes/attributes";
import { issueCodes } from "~/codes/issue.server";
import { activateCode, printStock } from "~/codes/stock.server";
import { TALLIES_FRESH_MS } from "~/codes/recent-tallies";
import { submitResponse } from "~/respondent/submit.server";
import { createUnit } from "~/units/units.server";
import { prisma } from "~/utils/db.server";
import { codeRow } from "../../support/codes";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";

const FEEL_BETTER = [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }];

// Submits reuse the tallies another submit read a moment ago (recent-tallies.ts): these check
// that a code handed out still counts for the submits that follow it.
describe("the tallies a submit decides its attributes by", () => {
  async function unitWithCodes(slug: string, count: number) {
    await seedReferenceSurvey();
    const unit = await createUnit({ slug, name: slug });
    const issue = (n: number) => issueCodes({ survey: "brukarenkat", wave: "closure", count: n, lang: "ar", confirmDraftLanguage: true, unitId: unit.id });
    return { unit, issue, codes: await issue(count) };
  }
  const storedLang = async (code: string) => {
    const before = new Set((await prisma.response.findMany({ select: { id: true } })).map((r) => r.id));
    expect((await submitResponse(await codeRow(code), FEEL_BETTER, "ar")).status).toBe("saved");
    const [stored] = (await prisma.response.findMany()).filter((r) => !before.has(r.id));
    return stored!.lang;
  };

  it("count a code handed out in this process for the very next submit", async () => {
    const { issue, codes } = await unitWithCodes("tallies-here", 4);
    // four Arabic codes: fewer than k, the language is withheld (and that tally is now kept)
    expect(await storedLang(codes[0]!.code)).toBe(WITHHELD_ATTRIBUTE);
    await issue(1);
    expect(await storedLang(codes[1]!.code)).toBe("ar");
  });

  it("count a printed slip handed out in this process for the very next submit", async () => {
    await seedReferenceSurvey();
    const unit = await createUnit({ slug: "tallies-stock", name: "tallies-stock" });
    const slips = await printStock({ survey: "brukarenkat", lang: "ar", count: 6, confirmDraftLanguage: true, unitId: unit.id });
    const handOut = (i: number) => activateCode({ code: slips[i]!.code, wave: "closure", unitId: unit.id });
    for (const i of [0, 1, 2, 3]) await handOut(i);
    expect(await storedLang(slips[0]!.code)).toBe(WITHHELD_ATTRIBUTE);
    await handOut(4);
    expect(await storedLang(slips[1]!.code)).toBe("ar");
  });

  it("count a code handed out by another process once the fresh time has passed", async () => {
    const { unit, codes } = await unitWithCodes("tallies-elsewhere", 4);
    expect(await storedLang(codes[0]!.code)).toBe(WITHHELD_ATTRIBUTE);
    // another process (the CLI) counting a fifth code: this process is not told
    await prisma.codeCount.updateMany({ where: { unitId: unit.id, lang: "ar" }, data: { issued: { increment: 1 } } });
    await new Promise((resolve) => setTimeout(resolve, TALLIES_FRESH_MS));
    expect(await storedLang(codes[1]!.code)).toBe("ar");
  });
});
