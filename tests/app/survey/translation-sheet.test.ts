import { beforeEach, describe, expect, it } from "vitest";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { languageReadiness } from "~/survey/readiness";
import { readSheet } from "~/survey/translation-sheet";
import { createDraft, getVersion, importTranslationTexts, updateDraft } from "~/survey/store.server";
import { readTranslationSheet, writeTranslationSheet } from "~/survey/translation-sheet.server";
import { editQuestion } from "~/survey/versions";
import { prisma } from "~/utils/db.server";
import { sheetFile, sheetRowsOf } from "../../support/translator-sheet";

const version = async (n: number) => (await getVersion("brukarenkat", n))!;

/** A filled-in sheet as the upload hands it to the reader. */
const sheet = async (grid: string[][]) => new Uint8Array(await sheetFile(grid)).buffer as ArrayBuffer;

beforeEach(async () => {
  await prisma.survey.deleteMany();
  await seedReferenceSurvey();
  await createDraft("brukarenkat");
  await updateDraft("brukarenkat", 4, (qs) => editQuestion(qs, { key: "violence_stopped", lang: "sv", text: "Har våldet upphört helt?" }), ["sv"]);
});

describe("a translator's round trip", () => {
  it("exports every text the client sees, source beside target, the stale one marked, and imports it back", async () => {
    const grid = await sheetRowsOf(await writeTranslationSheet(await version(4), "ti"));
    expect(grid[0]).toEqual(["place", "sv", "ti", "state"]);
    const v4 = await version(4);
    expect(grid.length - 1).toBe(languageReadiness(v4.survey, v4.version, "ti", v4.reviews.ti).total);
    expect(grid.find((r) => r[0] === "title")![2]).toMatch(/[\u1200-\u137F]/);
    const stale = grid.filter((r) => r[3] === "stale");
    expect(stale.map((r) => [r[0], r[1]])).toEqual([["violence_stopped.text", "Har våldet upphört helt?"]]);

    // the translator replaces the stale text and leaves the rest
    stale[0]![2] = "ዓመጽ ብምሉኡ ደው ኢሉ ድዩ?";
    stale[0]![3] = "";
    const read = await readTranslationSheet(v4, "ti", await sheet(grid));
    if (!read.ok) throw new Error(read.errors.join("; "));
    expect(Object.keys(read.texts)).toEqual(["violence_stopped.text"]); // unchanged rows change nothing
    await importTranslationTexts("brukarenkat", 4, "ti", read.texts);
    const after = await version(4);
    expect(languageReadiness(after.survey, after.version, "ti", after.reviews.ti)).toMatchObject({ stale: [], missing: [], offered: true, reviewed: false });
    expect(after.version.questions.find((q) => q.key === "violence_stopped")!.text).toMatchObject({ sv: "Har våldet upphört helt?", ti: "ዓመጽ ብምሉኡ ደው ኢሉ ድዩ?" });
  });

  it("a row left marked stale with its old text stays stale", async () => {
    const v4 = await version(4);
    const grid = await sheetRowsOf(await writeTranslationSheet(v4, "ar"));
    const read = await readTranslationSheet(v4, "ar", await sheet(grid));
    expect(read).toMatchObject({ ok: true, texts: {}, stillStale: ["violence_stopped.text"] });
  });

  it("names each bad row and changes nothing", async () => {
    const v4 = await version(4);
    const grid = await sheetRowsOf(await writeTranslationSheet(v4, "ti"));
    const before = JSON.stringify(await prisma.surveyVersion.findMany());
    grid[2]![0] = "role.options.nobody"; // not a text of this version
    grid[3]![1] = "changed source"; // the Swedish text is not what was exported
    grid.push([...grid[5]!]); // the same place twice
    grid[6]![2] = "ok text"; // a good row does not save a bad file
    const read = await readTranslationSheet(v4, "ti", await sheet(grid));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual([
      { row: 3, code: "unknownPlace", params: { place: "role.options.nobody" } },
      { row: 4, code: "sourceChanged", params: { place: grid[3]![0], lang: "sv" } },
      { row: grid.length, code: "twice", params: { place: grid[5]![0] } },
    ]);
    expect(JSON.stringify(await prisma.surveyVersion.findMany())).toBe(before);
  });

  it("refuses a sheet for another language and a file that is not a workbook", async () => {
    const v4 = await version(4);
    const grid = await sheetRowsOf(await writeTranslationSheet(v4, "am"));
    expect(await readTranslationSheet(v4, "ti", await sheet(grid))).toEqual({ ok: false, errors: [{ row: 1, code: "columns", params: { columns: "place, sv, ti, state" } }] });
    expect(await readTranslationSheet(v4, "ti", new TextEncoder().encode("place;sv\n").buffer as ArrayBuffer)).toEqual({ ok: false, errors: [{ row: 0, code: "notWorkbook", params: {} }] });
  });
});

describe("reading sheet rows", () => {
  const expected = { sourceLanguage: "sv", lang: "ti", texts: new Map([["a.text", { sv: "Ja", ti: "እወ" }]]), stale: ["a.text"] };
  const header = ["place", "sv", "ti", "state"];
  it("refuses control characters and over-long texts, naming the row", () => {
    expect(readSheet(header, [["a.text", "Ja", "bad\u0007bell", ""]], expected)).toEqual({ ok: false, errors: [{ row: 2, code: "control", params: { place: "a.text" } }] });
    expect(readSheet(header, [["a.text", "Ja", "x".repeat(2001), ""]], expected)).toEqual({ ok: false, errors: [{ row: 2, code: "tooLong", params: { place: "a.text", max: 2000 } }] });
  });
  it("an emptied target is a named error; where the language has no text yet, empty stays missing", () => {
    expect(readSheet(header, [["a.text", "Ja", "  ", ""]], expected)).toEqual({ ok: false, errors: [{ row: 2, code: "emptied", params: { place: "a.text", lang: "ti" } }] });
    const missing = { ...expected, texts: new Map([["a.text", { sv: "Ja" }]]), stale: [] };
    expect(readSheet(header, [["a.text", "Ja", "", "missing"]], missing)).toEqual({ ok: true, texts: {}, stillStale: [] });
  });
  it("a stale row with its mark cleared confirms the text; kept marked, it stays stale", () => {
    expect(readSheet(header, [["a.text", "Ja", "እወ", ""]], expected)).toEqual({ ok: true, texts: { "a.text": "እወ" }, stillStale: [] });
    expect(readSheet(header, [["a.text", "Ja", "እወ", "stale"]], expected)).toEqual({ ok: true, texts: {}, stillStale: ["a.text"] });
  });
});
