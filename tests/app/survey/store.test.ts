import { beforeEach, describe, expect, it } from "vitest";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import type { SurveyDefinition } from "~/survey/definition";
import {
  createDraft,
  exportSurvey,
  getVersion,
  importSurvey,
  listSurveys,
  markReviewed,
  newestPublishedVersion,
  publishVersion,
  SurveyImportError,
  SurveyStateError,
  updateDraft,
} from "~/survey/store.server";
import { addChoice, editQuestion } from "~/survey/versions";
import { parseSurveyDefinition } from "~/survey/validate";
import { prisma } from "~/utils/db.server";
import { reference, referenceJson } from "./reference";

/** Everything the survey tables hold, to show that an operation changed nothing. */
async function snapshot() {
  return {
    surveys: await prisma.survey.findMany({ orderBy: { slug: "asc" } }),
    versions: await prisma.surveyVersion.findMany({ orderBy: [{ surveyId: "asc" }, { version: "asc" }] }),
    translations: await prisma.translationStatus.findMany({ orderBy: [{ surveyVersionId: "asc" }, { lang: "asc" }] }),
  };
}

function parse(json: unknown): SurveyDefinition {
  const result = parseSurveyDefinition(JSON.stringify(json));
  if (!result.ok) throw new Error(result.errors.join("; "));
  return result.definition;
}

async function reviews(version: number) {
  return (await getVersion("brukarenkat", version))!.reviews;
}

beforeEach(async () => {
  await prisma.survey.deleteMany();
});

describe("seeding and importing", () => {
  it("seeds the three reference versions as published, sv and en reviewed, the nine translations as drafts", async () => {
    expect(await seedReferenceSurvey()).toBe("brukarenkat");
    const [survey] = await listSurveys();
    expect(survey!.versions.map((v) => [v.version, v.status])).toEqual([
      [1, "published"],
      [2, "published"],
      [3, "published"],
    ]);
    const seeded = await reviews(3);
    expect(Object.keys(seeded).sort()).toEqual(["am", "ar", "az", "el", "en", "es", "fa", "so", "sv", "ti", "tr"]);
    expect(Object.entries(seeded).filter(([, r]) => r.status === "reviewed").map(([l]) => l).sort()).toEqual(["en", "sv"]);
    // seeding again does nothing
    expect(await seedReferenceSurvey()).toBeNull();
  });

  it("importing the unchanged reference file twice changes nothing", async () => {
    const first = await importSurvey(reference());
    expect(first.created).toEqual([1, 2, 3]);
    const before = await snapshot();
    const again = await importSurvey(reference());
    expect(again).toEqual({ slug: "brukarenkat", created: [], published: [], translated: [], unchanged: [1, 2, 3] });
    expect(await snapshot()).toEqual(before);
  });

  it("a plain import records the default language as reviewed and other languages as draft", async () => {
    await importSurvey(reference());
    expect((await reviews(1)).sv!.status).toBe("reviewed");
    expect((await reviews(1)).en!.status).toBe("draft");
  });

  it("export writes the same format back: round-trip equal", async () => {
    await importSurvey(reference());
    expect(await exportSurvey("brukarenkat")).toEqual(referenceJson());
    const only2 = await exportSurvey("brukarenkat", 2);
    expect(only2!.versions.map((v) => v.version)).toEqual([2]);
    expect(await exportSurvey("brukarenkat", 9)).toBeNull();
    expect(await exportSurvey("nope")).toBeNull();
  });

  it("refuses a structural change to a published version and changes nothing", async () => {
    await importSurvey(reference());
    const before = await snapshot();
    for (const change of [
      (d: ReturnType<typeof referenceJson>) => d.versions[0].questions[0].options.pop(),
      (d: ReturnType<typeof referenceJson>) => (d.versions[0].questions[3].waves = ["closure"]),
      (d: ReturnType<typeof referenceJson>) => d.versions[0].questions.reverse(),
      (d: ReturnType<typeof referenceJson>) => (d.versions[0].questions[4].maxLength = 100),
      (d: ReturnType<typeof referenceJson>) => (d.versions[0].questions[1].text.sv = "Ny formulering?"),
      (d: ReturnType<typeof referenceJson>) => (d.versions[0].questions[1].options[0].text.sv = "Ja"),
    ]) {
      const json = referenceJson();
      change(json);
      const error = await importSurvey(parse(json)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SurveyImportError);
      expect((error as Error).message).toMatch(/version 1 of "brukarenkat" is published .* new version number/);
    }
    expect(await snapshot()).toEqual(before);
  });

  it("a rejected file changes nothing, even when its earlier versions would have been new", async () => {
    await importSurvey(reference());
    const json = referenceJson();
    json.versions.push({ ...structuredClone(json.versions[2]), version: 4 });
    json.versions[0].questions[0].type = "multi";
    const before = await snapshot();
    await expect(importSurvey(parse(json))).rejects.toThrow(SurveyImportError);
    expect(await snapshot()).toEqual(before);
  });

  it("adds translations to a published version; those languages go to draft, others stay", async () => {
    await importSurvey(reference(), { reviewedLanguages: ["sv", "en"] });
    const json = referenceJson();
    const q = json.versions[2].questions[7];
    q.text.ar = "هل توقف العنف؟";
    q.options[0].text.ar = "نعم، تماما";
    json.versions[2].questions[0].text.en = "I was in touch with the team because I";
    const summary = await importSurvey(parse(json));
    expect(summary.translated).toEqual([{ version: 3, languages: ["ar", "en"] }]);
    expect(summary.unchanged).toEqual([1, 2]);
    const v3 = (await getVersion("brukarenkat", 3))!;
    expect(v3.version.questions[7]!.text).toEqual({ sv: "Har våldet upphört?", en: "Has the violence stopped?", ar: "هل توقف العنف؟" });
    expect(v3.reviews.ar!.status).toBe("draft");
    expect(v3.reviews.en!.status).toBe("draft");
    expect(v3.reviews.sv!.status).toBe("reviewed");
    expect(v3.status).toBe("published");

    // the sv/en reference file again: Arabic is kept and nothing else changes except en back
    const before = await snapshot();
    const back = await importSurvey(reference());
    expect(back.translated).toEqual([{ version: 3, languages: ["en"] }]);
    const after = (await getVersion("brukarenkat", 3))!;
    expect(after.version.questions[7]!.text.ar).toBe("هل توقف العنف؟");
    // and once more: now truly nothing changes
    const steady = await snapshot();
    expect((await importSurvey(reference())).unchanged).toEqual([1, 2, 3]);
    expect(await snapshot()).toEqual(steady);
    expect(before).not.toEqual(steady);
  });

  it("importing the sv/en file into a database that also has Arabic changes nothing", async () => {
    await seedReferenceSurvey();
    const json = referenceJson();
    json.versions[0].questions[0].text.ar = "كيف كانت تجربتك؟";
    json.title.ar = "استبيان";
    await importSurvey(parse(json));
    const before = await snapshot();
    expect((await importSurvey(reference())).unchanged).toEqual([1, 2, 3]);
    expect(await snapshot()).toEqual(before);
  });

  it("refuses to change the default language of an existing survey", async () => {
    await importSurvey(reference());
    const json = referenceJson();
    json.defaultLanguage = "en";
    await expect(importSurvey(parse(json))).rejects.toThrow(/default language of a survey cannot change/);
  });
});

describe("drafts", () => {
  beforeEach(async () => {
    await seedReferenceSurvey();
  });

  it("a new draft copies the newest version, with its review state; only one draft at a time", async () => {
    expect(await createDraft("brukarenkat")).toBe(4);
    const v4 = (await getVersion("brukarenkat", 4))!;
    const v3 = (await getVersion("brukarenkat", 3))!;
    expect(v4.status).toBe("draft");
    expect(v4.version.questions).toEqual(v3.version.questions);
    expect(v4.reviews.en!.status).toBe("reviewed");
    await expect(createDraft("brukarenkat")).rejects.toThrow(SurveyStateError);
    // codes keep going to the newest *published* version while a draft exists
    expect((await newestPublishedVersion("brukarenkat"))!.version.version).toBe(3);
    expect(await newestPublishedVersion("nope")).toBeNull();
  });

  it("edits a draft; an edited language needs review again, a default-language edit makes all stale", async () => {
    await createDraft("brukarenkat");
    await updateDraft(
      "brukarenkat",
      4,
      (qs) => editQuestion(qs, { key: "gender", lang: "en", text: "I am …" }),
      ["en"],
    );
    expect((await reviews(4)).en!.status).toBe("draft");
    await markReviewed("brukarenkat", 4, "en");
    expect((await reviews(4)).en!.status).toBe("reviewed");
    await updateDraft(
      "brukarenkat",
      4,
      (qs) => addChoice(qs, "gender", "options", { key: "nonbinary", lang: "sv", text: "Icke-binär" }),
      ["sv"],
    );
    expect((await reviews(4)).en!.status).toBe("draft");
    expect((await reviews(4)).sv!.status).toBe("reviewed");
    // en now misses the new option's text: it cannot be marked reviewed
    await expect(markReviewed("brukarenkat", 4, "en")).rejects.toMatchObject({ code: "incomplete", details: ["1"] });
  });

  it("refuses to edit a published version", async () => {
    const before = await snapshot();
    await expect(
      updateDraft("brukarenkat", 3, (qs) => editQuestion(qs, { key: "gender", lang: "sv", text: "Kön" }), ["sv"]),
    ).rejects.toMatchObject({ code: "published" });
    expect(await snapshot()).toEqual(before);
  });

  it("publishes a valid draft once, and refuses an invalid one with the problems", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, (qs) => qs.map((q) => (q.key === "gender" ? { ...q, options: [] } : q)));
    await expect(publishVersion("brukarenkat", 4)).rejects.toMatchObject({
      code: "invalid",
      details: ['version 4.questions[1] "gender": a single question needs options'],
    });
    expect((await getVersion("brukarenkat", 4))!.status).toBe("draft");
    await updateDraft("brukarenkat", 4, (qs) =>
      addChoice(qs, "gender", "options", { key: "woman", lang: "sv", text: "Kvinna" }),
    );
    // the new option exists only in Swedish: publishing takes the decision to go without the others
    await publishVersion("brukarenkat", 4, ["en", "es", "tr", "el", "ti", "am", "az", "ar", "fa", "so"]);
    const v4 = (await getVersion("brukarenkat", 4))!;
    expect(v4.status).toBe("published");
    expect(v4.publishedAt).not.toBeNull();
    await expect(publishVersion("brukarenkat", 4)).rejects.toMatchObject({ code: "published" });
  });

  it("refuses to publish a draft whose indicator option is gone", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, (qs) =>
      qs.map((q) => (q.key === "violence_stopped" ? { ...q, options: q.options!.filter((o) => o.key !== "yes") } : q)),
    );
    await expect(publishVersion("brukarenkat", 4)).rejects.toMatchObject({
      details: ['indicators[0] "violence_stopped": option "yes" is not an option of "violence_stopped" in version 4'],
    });
  });

  it("a half-edited draft does not block importing translations", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, (qs) =>
      qs.map((q) => (q.key === "violence_stopped" ? { ...q, options: [] } : q)),
    );
    const json = referenceJson();
    json.versions[2].questions[0].text.ar = "كنت على اتصال بالفريق لأنني";
    expect((await importSurvey(parse(json))).translated).toEqual([{ version: 3, languages: ["ar"] }]);
  });

  it("refuses indicators that no longer fit a published version the file does not carry", async () => {
    const json = referenceJson();
    // a new version 9 whose indicator option exists only in 9, not in the stored 1–3
    json.versions = [{ ...json.versions[2], version: 9 }];
    json.versions[0].questions[7].options.push({ key: "reduced_a_lot", text: { sv: "Minskat mycket" } });
    json.indicators[0].success = ["reduced_a_lot"];
    await expect(importSurvey(parse(json))).rejects.toThrow(
      'indicators[0] "violence_stopped": option "reduced_a_lot" is not an option of "violence_stopped" in version 1',
    );
  });

  it("an imported file replaces a draft of the same number and publishes it", async () => {
    await createDraft("brukarenkat");
    const json = referenceJson();
    json.versions = [{ ...json.versions[2], version: 4, label: "2016" }];
    const summary = await importSurvey(parse(json));
    expect(summary.published).toEqual([4]);
    const v4 = (await getVersion("brukarenkat", 4))!;
    expect(v4).toMatchObject({ status: "published", version: { label: "2016" } });
  });
});
