import { describe, expect, it } from "vitest";
import { submitResponse } from "~/respondent/submit.server";
import { prisma } from "~/utils/db.server";
import { dayOf } from "~/utils/months";
import { codeRow, freshCodes } from "../../support/codes";

const DAY = 86_400_000;

// The claim itself, called directly: the route refuses these codes before submitting, so only a
// code that changes state between the page and the claim reaches these branches.
describe("the claim", () => {
  it("leaves a follow-up code that opens tomorrow unused and says it is not yet valid", async () => {
    const [c] = await freshCodes(1, { wave: "followup", validFrom: dayOf(new Date(Date.now() + DAY)) });
    const row = await codeRow(c!.code);
    expect(await submitResponse(row, [], "sv")).toEqual({ status: "notYetValid" });
    expect(await prisma.surveyCode.count({ where: { hash: row.hash } })).toBe(1);
    expect(await prisma.response.count({ where: { surveyVersionId: row.surveyVersionId } })).toBe(0);
    // on its first day the same code is claimed
    expect(await submitResponse(row, [], "sv", new Date(row.validFrom.getTime() + 1000))).toEqual({ status: "saved" });
    expect(await prisma.surveyCode.count({ where: { hash: row.hash } })).toBe(0);
  });

  it("calls an expired or already used code unusable, not 'not yet valid'", async () => {
    const [expired, used] = await freshCodes(2);
    const expiredRow = await codeRow(expired!.code);
    expect(await submitResponse(expiredRow, [], "sv", new Date(expiredRow.expiresAt.getTime() + 1000))).toEqual({ status: "unusable" });
    const usedRow = await codeRow(used!.code);
    expect(await submitResponse(usedRow, [], "sv")).toEqual({ status: "saved" });
    expect(await submitResponse(usedRow, [], "sv")).toEqual({ status: "unusable" });
  });
});
