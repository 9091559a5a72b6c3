import ExcelJS from "exceljs";
import { beforeEach, describe, expect, it } from "vitest";
import { seedReferenceSurvey } from "~/setup/bootstrap.server";
import { languageReadiness } from "~/survey/readiness";
import { readSheet } from "~/survey/translation-sheet";
import { createDraft, getVersion, importTranslationTexts, updateDraft } from "~/survey/store.server";
import { readTranslationSheet, writeTranslationSheet } from "~/survey/translation-sheet.server";
import { editQuestion } from "~/survey/versions";
import { prisma } from "~/utils/db.server";

const version = async (n: number) => (await getVersion("brukarenkat", n))!;

async function rows(buffer: Buffer): Promise<string[][]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(new Uint8Array(buffer).buffer as ArrayBuffer);
  const out: string[][] = [];
  wb.worksheets[0]!.eachRow((row) => out.push([1, 2, 3, 4].map((c) => String(row.getCell(c).value ?? ""))));
  return out;
}

async function sheet(grid: string[][]): Promise<ArrayBuffer> {
  const wb = new ExcelJS.Workbook();
  const ws = wb.addWorksheet("x");
  for (const r of grid) ws.addRow(r);
  const buf = await wb.xlsx.writeBuffer();
  return buf as ArrayBuffer;
}

beforeEach(async () => {
  await prisma.survey.deleteMany();
  await seedReferenceSurvey();
  await createDraft("brukarenkat");
  await updateDraft("brukarenkat", 4, (qs) => editQuestion(qs, { key: "violence_stopped", lang: "sv", text: "Har våldet upphört helt?" }), ["sv"]);
});

describe("a translator's round trip", () => {
  it("exports every text the client sees, source beside target, the stale one marked, and imports it back", async () => {
    const grid = await rows(await writeTranslationSheet(await version(4), "ti"));
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
    const grid = await rows(await writeTranslationSheet(v4, "ar"));
    const read = await readTranslationSheet(v4, "ar", await sheet(grid));
    expect(read).toMatchObject({ ok: true, texts: {}, stillStale: ["violence_stopped.text"] });
  });

  it("names each bad row and changes nothing", async () => {
    const v4 = await version(4);
    const grid = await rows(await writeTranslationSheet(v4, "ti"));
    const before = JSON.stringify(await prisma.surveyVersion.findMany());
    grid[2]![0] = "role.options.nobody"; // not a text of this version
    grid[3]![1] = "changed source"; // the Swedish text is not what was exported
    grid.push([...grid[5]!]); // the same place twice
    grid[6]![2] = "ok text"; // a good row does not save a bad file
    const read = await readTranslationSheet(v4, "ti", await sheet(grid));
    expect(read.ok).toBe(false);
    expect(!read.ok && read.errors).toEqual([
      'row 3: "role.options.nobody" is not a text of this version',
      expect.stringMatching(/^row 4: the sv text of ".+" has changed since the export/),
      expect.stringMatching(new RegExp(`^row ${grid.length}: ".+" is given twice$`)),
    ]);
    expect(JSON.stringify(await prisma.surveyVersion.findMany())).toBe(before);
  });

  it("refuses a sheet for another language and a file that is not a workbook", async () => {
    const v4 = await version(4);
    const grid = await rows(await writeTranslationSheet(v4, "am"));
    expect(await readTranslationSheet(v4, "ti", await sheet(grid))).toMatchObject({ ok: false, errors: [expect.stringMatching(/^row 1: the columns must be place, sv, ti, state/)] });
    expect(await readTranslationSheet(v4, "ti", new TextEncoder().encode("place;sv\n").buffer as ArrayBuffer)).toEqual({ ok: false, errors: ["the file is not an XLSX workbook"] });
  });
});

describe("reading sheet rows", () => {
  const expected = { sourceLanguage: "sv", lang: "ti", texts: new Map([["a.text", { sv: "Ja", ti: "እወ" }]]), stale: ["a.text"] };
  const header = ["place", "sv", "ti", "state"];
  it("refuses control characters and over-long texts, naming the row", () => {
    expect(readSheet(header, [["a.text", "Ja", "bad\u0007bell", ""]], expected)).toEqual({ ok: false, errors: ['row 2: "a.text" contains control characters'] });
    expect(readSheet(header, [["a.text", "Ja", "x".repeat(2001), ""]], expected)).toEqual({ ok: false, errors: ['row 2: "a.text" is longer than 2000 characters'] });
  });
  it("a stale row with its mark cleared confirms the text; kept marked, it stays stale", () => {
    expect(readSheet(header, [["a.text", "Ja", "እወ", ""]], expected)).toEqual({ ok: true, texts: { "a.text": "እወ" }, stillStale: [] });
    expect(readSheet(header, [["a.text", "Ja", "እወ", "stale"]], expected)).toEqual({ ok: true, texts: {}, stillStale: ["a.text"] });
  });
});
