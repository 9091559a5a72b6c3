import { describe, expect, it } from "vitest";
import { ensureFirstAdmin, seedReferenceSurvey } from "~/setup/bootstrap.server";
import { versionDefinition } from "~/survey/store.server";
import { prisma } from "~/utils/db.server";
import { checkCredentials } from "~/auth/session.server";

describe("first start", () => {
  it("seeds the three reference versions with all eleven client languages, translations as drafts", async () => {
    expect(await seedReferenceSurvey()).toBe("brukarenkat");
    const versions = await prisma.surveyVersion.findMany({ orderBy: { version: "asc" }, include: { translations: true } });
    expect(versions.map((v) => [v.version, v.status])).toEqual([[1, "published"], [2, "published"], [3, "published"]]);
    const v3 = versionDefinition(versions[2]!);
    const stopped = v3.questions.find((q) => q.key === "violence_stopped")!;
    expect(Object.keys(stopped.text).sort()).toEqual(["am", "ar", "az", "el", "en", "es", "fa", "so", "sv", "ti", "tr"]);
    expect(stopped.text.sv).toBe("Har våldet upphört?");
    const status = Object.fromEntries(versions[2]!.translations.map((t) => [t.lang, t.status]));
    expect(status).toMatchObject({ sv: "reviewed", en: "reviewed", ar: "draft", ti: "draft", so: "draft" });
  });

  it("changes nothing when started again", async () => {
    await seedReferenceSurvey();
    const before = await prisma.surveyVersion.findMany({ select: { id: true, questions: true, updatedAt: true } });
    expect(await seedReferenceSurvey()).toBeNull();
    expect(await prisma.surveyVersion.findMany({ select: { id: true, questions: true, updatedAt: true } })).toEqual(before);
  });

  it("creates the first admin once, with a password that works", async () => {
    const admin = await ensureFirstAdmin("first@example.se");
    expect(admin?.password).toHaveLength(20);
    expect(await checkCredentials("first@example.se", admin!.password)).not.toBeNull();
    expect(await ensureFirstAdmin("second@example.se")).toBeNull();
  });
});
