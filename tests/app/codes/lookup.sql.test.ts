import { describe, expect, it } from "vitest";
import { codeRowByHash } from "~/codes/lookup.sql.server";
import { prisma } from "~/utils/db.server";
import { codeRow, freshCodes } from "../../support/codes";

describe("the fast path's read of a code row", () => {
  it("is field for field what Prisma reads for the same code, handed out and in stock", async () => {
    const [handedOut] = await freshCodes(1, { lang: "ar", clientGroup: "subjected", referral: "police", confirmDraftLanguage: true });
    const expected = await codeRow(handedOut!.code);
    const read = codeRowByHash(expected.hash);
    expect(read?.code).toStrictEqual(expected);
    const version = await prisma.surveyVersion.findUniqueOrThrow({ where: { id: expected.surveyVersionId } });
    expect(read?.versionUpdatedAt).toBe(version.updatedAt.getTime());

    const stock = await prisma.surveyCode.update({ where: { hash: expected.hash }, data: { stock: true, wave: "", validMonth: "", clientGroup: null, referral: null } });
    expect(codeRowByHash(stock.hash)?.code).toStrictEqual(stock);
  });

  it("finds nothing for a hash no code has", () => {
    expect(codeRowByHash("no-such-hash")).toBeNull();
  });
});
