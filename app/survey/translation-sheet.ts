import type { LanguageReadiness } from "./readiness";

/**
 * A translator's sheet for one version and one language: one row per text the client sees,
 * the source beside the target, and a state column that marks missing and stale texts. Plain
 * rows here; app/survey/translation-sheet.server.ts reads and writes them as XLSX.
 */

export const STATE_STALE = "stale";
export const STATE_MISSING = "missing";

export type SheetRow = { place: string; source: string; target: string; state: string };

export function sheetHeader(sourceLanguage: string, lang: string): string[] {
  return ["place", sourceLanguage, lang, "state"];
}

export function sheetRows(texts: Iterable<[string, Record<string, string>]>, sourceLanguage: string, lang: string, readiness: LanguageReadiness): SheetRow[] {
  const rows: SheetRow[] = [];
  for (const [place, text] of texts)
    rows.push({
      place,
      source: text[sourceLanguage] ?? "",
      target: text[lang] ?? "",
      state: readiness.missing.includes(place) ? STATE_MISSING : readiness.stale.includes(place) ? STATE_STALE : "",
    });
  return rows;
}

/**
 * One thing wrong with a filled-in sheet, at its row number in the sheet (1 is the header; 0 for
 * the file as a whole). Routes word it in the staff member's language (surveys:sheet.problems.*).
 */
export type SheetProblem = {
  row: number;
  code: "notWorkbook" | "noSheet" | "columns" | "unknownPlace" | "twice" | "sourceChanged" | "control" | "tooLong" | "emptied";
  params: Record<string, string | number>;
};

export type SheetImport =
  | { ok: true; texts: Record<string, string>; stillStale: string[] }
  | { ok: false; errors: SheetProblem[] };

// control characters other than line breaks, or U+FFFD from a lossy conversion
const CONTROL = /(?![\n\r\t])[\p{Cc}\uFFFD]/u;
const MAX_TEXT = 2000;

/**
 * Checks a filled-in sheet against the version as it is now. Every bad row is named (by its row
 * number in the sheet): an unknown place, a place given twice, a source text that changed since
 * the export, a text too long or with control characters, an emptied target. All or nothing: any
 * error, no text. An empty target is accepted only where the language has no text yet (it stays
 * missing); a row still marked stale keeps its mark unless its text changed or the translator
 * cleared the mark.
 */
export function readSheet(
  header: string[],
  rows: string[][],
  expected: { sourceLanguage: string; lang: string; texts: Map<string, Record<string, string>>; stale: readonly string[] },
): SheetImport {
  const errors: SheetProblem[] = [];
  const want = sheetHeader(expected.sourceLanguage, expected.lang);
  if (want.some((h, i) => (header[i] ?? "").trim() !== h)) return { ok: false, errors: [{ row: 1, code: "columns", params: { columns: want.join(", ") } }] };
  const texts: Record<string, string> = {};
  const stillStale: string[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const [place = "", source = "", target = "", state = ""] = cells.map((c) => c ?? "");
    const problem = (code: SheetProblem["code"], params: SheetProblem["params"] = {}) => void errors.push({ row, code, params: { place, ...params } });
    if (cells.every((c) => !c?.trim())) return;
    const text = expected.texts.get(place.trim());
    if (!text) return problem("unknownPlace");
    if (seen.has(place)) return problem("twice");
    seen.add(place);
    if ((text[expected.sourceLanguage] ?? "") !== source)
      return problem("sourceChanged", { lang: expected.sourceLanguage });
    const value = target.trim();
    if (CONTROL.test(value)) return problem("control");
    if ([...value].length > MAX_TEXT) return problem("tooLong", { max: MAX_TEXT });
    // emptying a cell never removes a text the client sees: it is a slip, not a decision
    if (!value && text[expected.lang]?.trim()) return problem("emptied", { lang: expected.lang });
    if (!value) return;
    const changed = value !== (text[expected.lang] ?? "");
    // an unchanged text still marked stale stays stale; with the mark cleared it is confirmed
    if (!changed && state.trim() === STATE_STALE) stillStale.push(place);
    else if (changed || expected.stale.includes(place)) texts[place] = value;
  });
  return errors.length ? { ok: false, errors } : { ok: true, texts, stillStale };
}
