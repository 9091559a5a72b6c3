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

export type SheetImport =
  | { ok: true; texts: Record<string, string>; stillStale: string[] }
  | { ok: false; errors: string[] };

// control characters other than line breaks, or U+FFFD from a lossy conversion
const CONTROL = /(?![\n\r\t])[\p{Cc}\uFFFD]/u;
const MAX_TEXT = 2000;

/**
 * Checks a filled-in sheet against the version as it is now. Every bad row is named (by its row
 * number in the sheet): an unknown place, a place given twice, a source text that changed since
 * the export, a text too long or with control characters. All or nothing: any error, no text.
 * An empty target leaves the text as it is; a row still marked stale keeps its mark unless its
 * text changed or the translator cleared the mark.
 */
export function readSheet(
  header: string[],
  rows: string[][],
  expected: { sourceLanguage: string; lang: string; texts: Map<string, Record<string, string>>; stale: readonly string[] },
): SheetImport {
  const errors: string[] = [];
  const want = sheetHeader(expected.sourceLanguage, expected.lang);
  if (want.some((h, i) => (header[i] ?? "").trim() !== h))
    return { ok: false, errors: [`row 1: the columns must be ${want.join(", ")} (this sheet is for another language or not a translation sheet)`] };
  const texts: Record<string, string> = {};
  const stillStale: string[] = [];
  const seen = new Set<string>();
  rows.forEach((cells, i) => {
    const row = i + 2;
    const [place = "", source = "", target = "", state = ""] = cells.map((c) => c ?? "");
    if (cells.every((c) => !c?.trim())) return;
    const text = expected.texts.get(place.trim());
    if (!text) return void errors.push(`row ${row}: "${place}" is not a text of this version`);
    if (seen.has(place)) return void errors.push(`row ${row}: "${place}" is given twice`);
    seen.add(place);
    if ((text[expected.sourceLanguage] ?? "") !== source)
      return void errors.push(`row ${row}: the ${expected.sourceLanguage} text of "${place}" has changed since the export; export the sheet again`);
    const value = target.trim();
    if (CONTROL.test(value)) return void errors.push(`row ${row}: "${place}" contains control characters`);
    if ([...value].length > MAX_TEXT) return void errors.push(`row ${row}: "${place}" is longer than ${MAX_TEXT} characters`);
    if (!value) return;
    const changed = value !== (text[expected.lang] ?? "");
    // an unchanged text still marked stale stays stale; with the mark cleared it is confirmed
    if (!changed && state.trim() === STATE_STALE) stillStale.push(place);
    else if (changed || expected.stale.includes(place)) texts[place] = value;
  });
  return errors.length ? { ok: false, errors } : { ok: true, texts, stillStale };
}
