import ExcelJS from "exceljs";
import { languageReadiness, versionTexts } from "./readiness";
import type { StoredVersion } from "./store.server";
import { readSheet, sheetHeader, sheetRows, STATE_STALE, type SheetImport } from "./translation-sheet";

/** The sheet's file name: brukarenkat-v4-ti.xlsx */
export const sheetName = (v: StoredVersion, lang: string) => `${v.survey.slug}-v${v.version.version}-${lang}.xlsx`;

/** One version's texts for one language as XLSX: source beside target, missing and stale marked. */
export async function writeTranslationSheet(v: StoredVersion, lang: string): Promise<Buffer> {
  const source = v.survey.defaultLanguage;
  const readiness = languageReadiness(v.survey, v.version, lang, v.reviews[lang]);
  const wb = new ExcelJS.Workbook();
  wb.creator = "Brukarröst";
  const ws = wb.addWorksheet(`v${v.version.version} ${lang}`);
  ws.addRow(sheetHeader(source, lang)).font = { bold: true };
  for (const r of sheetRows(versionTexts(v.survey, v.version.questions), source, lang, readiness)) {
    const row = ws.addRow([r.place, r.source, r.target, r.state]);
    if (r.state) row.getCell(4).font = { bold: true, color: { argb: r.state === STATE_STALE ? "FF8A6D00" : "FFA4161A" } };
  }
  ws.getColumn(1).width = 36;
  ws.getColumn(2).width = 60;
  ws.getColumn(3).width = 60;
  ws.getColumn(4).width = 10;
  for (const c of [2, 3]) ws.getColumn(c).alignment = { wrapText: true, vertical: "top" };
  ws.views = [{ state: "frozen", ySplit: 1 }];
  return Buffer.from(await wb.xlsx.writeBuffer());
}

const cellText = (value: ExcelJS.CellValue): string => {
  if (value === null || value === undefined) return "";
  if (typeof value === "object" && "richText" in value) return value.richText.map((r) => r.text).join("");
  if (typeof value === "object" && "text" in value) return String(value.text);
  return String(value);
};

/** Reads a filled-in sheet; a file that is not an XLSX workbook is one error, never a crash. */
export async function readTranslationSheet(v: StoredVersion, lang: string, file: ArrayBuffer): Promise<SheetImport> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(file);
  } catch {
    return { ok: false, errors: [{ row: 0, code: "notWorkbook", params: {} }] };
  }
  const ws = wb.worksheets[0];
  if (!ws) return { ok: false, errors: [{ row: 0, code: "noSheet", params: {} }] };
  const grid: string[][] = [];
  ws.eachRow({ includeEmpty: true }, (row, n) => {
    grid[n - 1] = [1, 2, 3, 4].map((c) => cellText(row.getCell(c).value));
  });
  const [header = [], ...rows] = Array.from(grid, (r) => r ?? []);
  return readSheet(header, rows, {
    sourceLanguage: v.survey.defaultLanguage,
    lang,
    texts: new Map(versionTexts(v.survey, v.version.questions)),
    stale: languageReadiness(v.survey, v.version, lang, v.reviews[lang]).stale,
  });
}
