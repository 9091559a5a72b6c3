/**
 * The one CSV writer of every download: UTF-8 with a BOM, `;` between cells, CRLF line ends and
 * a decimal comma in Swedish (what Excel in a Swedish municipality opens correctly), quoting
 * where a cell needs it, and text that Excel or LibreOffice would run as a formula made inert.
 * Why not a library: docs/decisions/0013-one-csv-writer.md.
 */
import { formatDecimal } from "./format";

/** Text (from people or translations: always neutralised) or a number this app computed. */
export type CsvCell = string | null | { number: number | null; digits?: number };

// = + - @ start a formula, tab and CR are skipped before one; the full-width forms are read the same way
const FORMULA_START = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;

/** A leading apostrophe makes the cell text in Excel and LibreOffice, and shows what happened. */
export function neutraliseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function field(cell: CsvCell, lang: string): string {
  if (cell === null) return "";
  // our own numbers stay numbers: never prefixed, only localised
  const text = typeof cell === "string" ? neutraliseFormula(cell) : formatDecimal(cell.number, lang, cell.digits ?? 0);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(rows: CsvCell[][], lang: string): string {
  return "\uFEFF" + rows.map((row) => row.map((c) => field(c, lang)).join(";")).join("\r\n") + "\r\n";
}
