import { beforeEach, describe, expect, it } from "vitest";
import { DraftLanguageError, IssueError, issueCodes } from "~/codes/issue.server";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { changedPlaces, languageReadiness, nextStale, pageLanguage } from "~/survey/readiness";
import {
  clientLanguageReadiness,
  confirmTranslations,
  createDraft,
  getVersion,
  markReviewed,
  publishVersion,
  updateDraft,
} from "~/survey/store.server";
import { editQuestion } from "~/survey/versions";
import { prisma } from "~/utils/db.server";

const OTHERS = ["en", "es", "tr", "el", "ti", "am", "az", "ar", "fa", "so"];
const reword = (text: string) => (qs: Parameters<typeof editQuestion>[0]) =>
  editQuestion(qs, { key: "violence_stopped", lang: "sv", text });

async function version(n: number) {
  return (await getVersion("brukarenkat", n))!;
}

beforeEach(async () => {
  await prisma.survey.deleteMany();
  await seedReferenceSurvey();
});

describe("which languages a version is offered in", () => {
  it("offers every seeded language of the reference versions, counting title, indicator labels and every choice", async () => {
    const v3 = await version(3);
    const rows = clientLanguageReadiness(v3);
    expect(rows.map((r) => r.lang)).toEqual(OTHERS);
    for (const r of rows) expect(r, r.lang).toMatchObject({ missing: [], stale: [], offered: true });
    const ti = rows.find((r) => r.lang === "ti")!;
    const texts = v3.version.questions.reduce((n, q) => n + 1 + (q.options?.length ?? 0) + (q.rows?.length ?? 0), 0);
    expect(ti.total).toBe(texts + 1 + v3.survey.indicators.length); // + title + indicator labels
    expect(ti.reviewed).toBe(false);
  });

  it("a language lacking one option text, or only the survey title, is not offered", async () => {
    const v3 = await version(3);
    const noTitle = { ...v3.survey, title: { sv: v3.survey.title.sv! } };
    expect(languageReadiness(noTitle, v3.version, "ti")).toMatchObject({ missing: ["title"], offered: false });
    const questions = v3.version.questions.map((q) =>
      q.key === "violence_stopped" ? { ...q, options: q.options!.map((o, i) => (i ? o : { ...o, text: { sv: o.text.sv! } })) } : q,
    );
    expect(languageReadiness(v3.survey, { questions }, "ar")).toMatchObject({
      missing: [`violence_stopped.options.${questions.find((q) => q.key === "violence_stopped")!.options![0]!.key}`],
      offered: false,
    });
  });

  it("a page never falls back per text: an unready language falls back whole, to the code's language or the source", () => {
    expect(pageLanguage("ti", ["sv", "ar"], "ar", "sv")).toBe("ar");
    expect(pageLanguage("ti", ["sv", "ar"], "ti", "sv")).toBe("sv");
    expect(pageLanguage("ar", ["sv", "ar"], "ti", "sv")).toBe("ar");
  });
});

describe("stale translations", () => {
  it("rewording a Swedish question marks it stale in the ten other languages, which are then not offered", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, reword("Har våldet upphört helt?"), ["sv"]);
    const rows = clientLanguageReadiness(await version(4));
    for (const r of rows) expect(r, r.lang).toMatchObject({ stale: ["violence_stopped.text"], missing: [], offered: false });
    // the published version 3 is untouched
    expect(clientLanguageReadiness(await version(3)).every((r) => r.offered)).toBe(true);
  });

  it("stale counts until the translator confirms or replaces the text; only then can the language be reviewed", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, reword("Har våldet upphört helt?"), ["sv"]);
    await expect(markReviewed("brukarenkat", 4, "ti")).rejects.toMatchObject({ code: "incomplete" });
    await confirmTranslations("brukarenkat", 4, "ti", ["violence_stopped.text"]);
    await updateDraft("brukarenkat", 4, (qs) => editQuestion(qs, { key: "violence_stopped", lang: "ar", text: "هل توقف العنف تمامًا؟" }), ["ar"]);
    const rows = clientLanguageReadiness(await version(4));
    expect(rows.filter((r) => r.offered).map((r) => r.lang)).toEqual(["ti", "ar"]);
    await markReviewed("brukarenkat", 4, "ti");
    expect(languageReadiness((await version(4)).survey, (await version(4)).version, "ti", (await version(4)).reviews.ti)).toMatchObject({
      offered: true,
      reviewed: true,
    });
  });

  it("confirming names the texts: a text that went stale after the page was shown stays stale", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, reword("Har våldet upphört helt?"), ["sv"]);
    await updateDraft("brukarenkat", 4, (qs) => editQuestion(qs, { key: "gender", lang: "sv", text: "Vilket kön har du?" }), ["sv"]);
    await confirmTranslations("brukarenkat", 4, "es", ["violence_stopped.text"]);
    expect((await version(4)).reviews.es!.stale).toEqual(["gender.text"]);
  });

  it("pure rules: changed places per language, and how a language's stale list moves", () => {
    const q = (sv: string, ti: string) => [{ key: "a", type: "text" as const, waves: ["closure" as const], text: { sv, ti } }];
    expect(changedPlaces(q("x", "y"), q("z", "y"), "sv")).toEqual(["a.text"]);
    expect(changedPlaces(q("x", "y"), q("x", "y"), "sv")).toEqual([]);
    expect(nextStale(["a.text", "b.text"], [], ["a.text"])).toEqual(["b.text"]);
    expect(nextStale([], ["a.text"], ["a.text"])).toEqual(["a.text"]); // one edit rewording both stays stale
  });
});

describe("publishing asks what to do about languages that are not ready", () => {
  it("refuses without a decision, refuses a decision about other languages, publishes with the exact list", async () => {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, reword("Har våldet upphört helt?"), ["sv"]);
    await confirmTranslations("brukarenkat", 4, "en", ["violence_stopped.text"]);
    const notReady = OTHERS.filter((l) => l !== "en");
    await expect(publishVersion("brukarenkat", 4)).rejects.toMatchObject({ code: "languagesUndecided", details: notReady });
    await expect(publishVersion("brukarenkat", 4, ["ti"])).rejects.toMatchObject({ code: "languagesUndecided" });
    expect((await version(4)).status).toBe("draft");
    await publishVersion("brukarenkat", 4, notReady);
    expect((await version(4)).status).toBe("published");
  });
});

describe("codes are made only in languages the version offers", () => {
  async function publishWithStaleTigrinya() {
    await createDraft("brukarenkat");
    await updateDraft("brukarenkat", 4, reword("Har våldet upphört helt?"), ["sv"]);
    for (const l of OTHERS.filter((l) => l !== "ti")) await confirmTranslations("brukarenkat", 4, l, ["violence_stopped.text"]);
    await publishVersion("brukarenkat", 4, ["ti"]);
  }

  it("refuses a language with stale texts, names the reason, and stores no code", async () => {
    await publishWithStaleTigrinya();
    const request = { survey: "brukarenkat", wave: "closure" as const, count: 3, lang: "ti", confirmDraftLanguage: true };
    await expect(issueCodes(request)).rejects.toThrow(/not offered in "ti" \(0 texts missing, 1 stale\)/);
    expect(await prisma.surveyCode.count()).toBe(0);
    expect(await prisma.codeCount.count()).toBe(0);
  });

  it("a draft language needs confirmation; a reviewed one does not", async () => {
    const base = { survey: "brukarenkat", wave: "closure" as const, count: 1 };
    await expect(issueCodes({ ...base, lang: "ar" })).rejects.toBeInstanceOf(DraftLanguageError);
    expect(await prisma.surveyCode.count()).toBe(0);
    expect(await issueCodes({ ...base, lang: "ar", confirmDraftLanguage: true })).toHaveLength(1);
    expect(await issueCodes({ ...base, lang: "en" })).toHaveLength(1);
    await expect(issueCodes({ ...base, lang: "xx" })).rejects.toBeInstanceOf(IssueError);
  });
});
