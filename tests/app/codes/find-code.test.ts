import { describe, expect, it } from "vitest";
import { findCodeByHash } from "~/codes/lookup.sql.server";
import { prisma } from "~/utils/db.server";
import { codeRow, freshCodes } from "../../support/codes";

/** The submit fast path's read of a code on either database (also run on PostgreSQL). */
describe("the fast path's lookup of a code by its keyed hash", () => {
  it("is field for field what Prisma reads for the same code, with its version's last change", async () => {
    const [handedOut] = await freshCodes(1, { lang: "ar", clientGroup: "subjected", referral: "police", confirmDraftLanguage: true });
    const expected = await codeRow(handedOut!.code);
    const read = await findCodeByHash(expected.hash);
    expect(read?.code).toStrictEqual(expected);
    const version = await prisma.surveyVersion.findUniqueOrThrow({ where: { id: expected.surveyVersionId } });
    expect(read?.versionUpdatedAt).toBe(version.updatedAt.getTime());
  });

  it("finds nothing for a hash no code has, nor for a used code", async () => {
    expect(await findCodeByHash("no-such-hash")).toBeNull();
    const [used] = await freshCodes(1);
    const row = await codeRow(used!.code);
    await prisma.surveyCode.delete({ where: { hash: row.hash } });
    expect(await findCodeByHash(row.hash)).toBeNull();
  });
});
