/**
 * Reading downloads the way a spreadsheet does, so tests assert on what a colleague in Excel
 * sees: CSV cells split on `;` with quotes honoured (after the BOM), numbers read with the
 * language's decimal separator, and XLSX sheets with their values, formats and frozen rows.
 */
import ExcelJS from "exceljs";

/** The CSV's rows of cells, as Excel with `;` as list separator reads them. */
export function readCsvLikeExcel(doc: string): string[][] {
  if (!doc.startsWith("\uFEFF")) throw new Error("no byte order mark: Excel would not read the file as UTF-8");
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = "";
  let quoted = false;
  for (let i = 1; i < doc.length; i++) {
    const ch = doc[i]!;
    if (quoted) {
      if (ch !== '"') cell += ch;
      else if (doc[i + 1] === '"') {
        cell += '"';
        i++;
      } else quoted = false;
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === ";") {
      row.push(cell);
      cell = "";
    } else if (ch === "\r" && doc[i + 1] === "\n") {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = "";
      i++;
    } else cell += ch;
  }
  if (row.length + cell.length > 0) throw new Error("the document does not end with CRLF");
  return rows;
}

/** A number cell as Excel in that language reads it: "85,7" in Swedish; null for an empty cell, NaN for text. */
export function csvNumber(cell: string | undefined, lang: string): number | null {
  if (cell === undefined || cell === "") return null;
  const plain = lang === "sv" ? cell.replace(",", ".") : cell;
  return /^-?\d+(\.\d+)?$/.test(plain) ? Number(plain) : NaN;
}

const MONTH_NAMES = "jan|feb|mar|mars|apr|april|maj|may|jun|juni|jul|juli|aug|sep|sept|okt|oct|nov|dec";
/**
 * Cell texts Excel's General format opens as a date (its day, month and year patterns, with -, /
 * or . between, or a month's name): a month of a report becomes "mar-25", a block "1/2" a day.
 */
const EXCEL_DATE = [
  /^\d{4}[-/.]\d{1,2}([-/.]\d{1,2})?$/,
  /^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?$/,
  new RegExp(`^(\\d{1,2}[- ])?(${MONTH_NAMES})\\.?[- ]\\d{2,4}$`, "i"),
];

/** Whether Swedish Excel (decimal comma) would turn this CSV cell into a date when it opens the file. */
export const excelReadsAsDate = (cell: string): boolean => EXCEL_DATE.some((p) => p.test(cell.trim()));

/** The CSV's tables: runs of rows between blank lines. */
export function csvBlocks(rows: string[][]): string[][][] {
  const blocks: string[][][] = [[]];
  for (const r of rows) {
    if (r.length === 1 && r[0] === "") blocks.push([]);
    else blocks.at(-1)!.push(r);
  }
  return blocks.filter((b) => b.length > 0);
}

export type SheetCell = { value: ExcelJS.CellValue; numFmt: string | undefined; type: ExcelJS.ValueType };
export type Sheet = { name: string; frozenRows: number; rows: SheetCell[][] };

/** Every sheet of an XLSX file: name, how many rows are frozen at the top, and each cell. */
export async function readXlsx(data: ArrayBuffer | Buffer): Promise<Sheet[]> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(data as ArrayBuffer);
  return wb.worksheets.map((ws) => {
    const view = ws.views[0];
    const rows: SheetCell[][] = [];
    for (let r = 1; r <= ws.rowCount; r++) {
      const row = ws.getRow(r);
      const cells: SheetCell[] = [];
      for (let c = 1; c <= row.cellCount; c++) {
        const cell = row.getCell(c);
        cells.push({ value: cell.value, numFmt: cell.numFmt, type: cell.type });
      }
      rows.push(cells);
    }
    return { name: ws.name, frozenRows: view?.state === "frozen" ? (view.ySplit ?? 0) : 0, rows };
  });
}

/** A sheet's cell values only, row by row. */
export const values = (sheet: Sheet): unknown[][] => sheet.rows.map((r) => r.map((c) => c.value));
