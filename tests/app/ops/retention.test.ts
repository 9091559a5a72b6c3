import { describe, expect, it } from "vitest";
import { runRetention } from "~/ops/retention.server";
import { submitResponse } from "~/respondent/submit.server";
import { hashCode } from "~/codes/code.server";
import { codeCounts } from "~/codes/dashboard.server";
import { prisma } from "~/utils/db.server";
import { freshCodes, plain, codeRow } from "../../support/codes";

describe("retention", () => {
  it("deletes expired code rows but keeps responses and every monthly count", async () => {
    const codes = await freshCodes(10, { clientGroup: "subjected" });
    const secret = process.env.TOKEN_SECRET!;
    for (const c of codes.slice(0, 4))
      await submitResponse(await codeRow(c.code), [{ questionKey: "feel_better", rowKey: "", optionKey: "yes", text: null }], "sv");
    // three codes expire unused
    await prisma.surveyCode.updateMany({
      where: { hash: { in: codes.slice(4, 7).map((c) => hashCode(plain(c.code), secret)) } },
      data: { expiresAt: new Date(Date.now() - 1000) },
    });
    const before = await codeCounts();
    const responsesBefore = await prisma.response.count();

    const result = await runRetention();
    expect(result).toEqual({ deletedExpired: 3 }); // the four used ones went with their submits
    expect(await prisma.surveyCode.count()).toBe(3); // the still-open ones
    expect(await prisma.response.count()).toBe(responsesBefore);
    // issued, answered and expired per month are what they were: response rates do not change
    expect(await codeCounts()).toEqual(before);
    expect(before[0]).toMatchObject({ issued: 10, answered: 4, expired: 3 });

    // running again changes nothing
    expect(await runRetention()).toEqual({ deletedExpired: 0 });
    expect(await codeCounts()).toEqual(before);
  });
});
