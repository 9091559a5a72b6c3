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

// a month alone in a cell (2025-03): Excel opens it as the date 2025-03-01, shown "mar-25"
const YEAR_MONTH = /^(\d{4})-(\d{2})$/;

/**
 * A month stays the text it is: a non-breaking hyphen (U+2011) looks the same, and Excel and
 * LibreOffice parse no date from it. Days are left alone: they are dates.
 */
export function keepMonthText(text: string): string {
  return text.replace(YEAR_MONTH, "$1\u2011$2");
}

/** keepMonthText undone: what a month read back from one of our CSVs (or its Excel copy) was. */
export function plainMonths(text: string): string {
  return text.replace(/(\d{4})\u2011(\d{2})/g, "$1-$2");
}

function field(cell: CsvCell, lang: string): string {
  if (cell === null) return "";
  // our own numbers stay numbers: never prefixed, only localised
  const text = typeof cell === "string" ? keepMonthText(neutraliseFormula(cell)) : formatDecimal(cell.number, lang, cell.digits ?? 0);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(rows: CsvCell[][], lang: string): string {
  return "\uFEFF" + rows.map((row) => row.map((c) => field(c, lang)).join(";")).join("\r\n") + "\r\n";
}
