/**
 * Published result tables before the app (imported totals; docs/decisions/0026-imported-totals.md):
 * reading the layout of our own review download (export.server.ts, csv.ts) back into counts per
 * period, wave and question. Plain TypeScript, no database: the file's cells in, either periods
 * of whole counts or problems that each name a cell. Never individual responses, never free text.
 */
// i18n-namespace: history
import svResults from "../../locales/sv/results.json";
import enResults from "../../locales/en/results.json";
import { WAVES, type VersionDefinition, type Wave } from "~/survey/definition";
import { plainMonths } from "./csv";
import { isMonth } from "./period";

/** One row of a file: where it is (line of a CSV, row of a sheet) and its cells as text. */
export type SheetRow = { ref: number; cells: string[] };
/** A CSV is one sheet whose tables are separated by blank lines; an XLSX has a table per sheet. */
export type Sheet = { name: string | null; rows: SheetRow[] };

/** Where a problem is, in the words of the file: line (or sheet and row), column, table, row label. */
export type CellRef = { sheet: string | null; line: number; column?: string; table?: string; row?: string };
export type ProblemCode =
  | "no_tables"
  | "no_period"
  | "no_version"
  | "unknown_version"
  | "no_responses"
  | "not_a_count"
  | "not_a_percent"
  | "percent_impossible"
  | "percent_ambiguous"
  | "percent_mismatch"
  | "missing_cell"
  | "sum_mismatch"
  | "answered_over_responses"
  | "issued_under_responses"
  | "unknown_question"
  | "unknown_option"
  | "unknown_row"
  | "total_required"
  | "overlaps_live"
  | "overlaps_imported"
  | "not_a_workbook"
  | "too_many_cells";
export type ImportProblem = { code: ProblemCode; cell?: CellRef; values?: Record<string, string | number> };

/** One imported count: optionKey "" is the table's Total (those who answered the question or row). */
export type ImportedCountRow = { questionKey: string; rowKey: string; optionKey: string; n: number };
export type ParsedPeriod = {
  wave: Wave;
  version: number;
  from: string;
  to: string;
  issued: number | null;
  responses: number;
  counts: ImportedCountRow[];
  /** question tables the file hid (too few in its own export): not imported */
  hiddenTables: string[];
};
export type ParseResult = { periods: ParsedPeriod[]; problems: ImportProblem[]; ignoredTables: string[] };

// ---------------------------------------------------------------- reading cells

/** Delimited text as our CSV writer makes it (';', quotes, BOM), or with ',' or tabs from elsewhere. */
export function readCsv(text: string): Sheet {
  const body = text.replace(/^\uFEFF/, "");
  // a title line has no separator: look at the first lines, and prefer ';' (ours; a decimal comma is no separator)
  const head = body.split(/\r?\n/).slice(0, 20).join("\n");
  const sep = head.includes(";") ? ";" : head.includes("\t") ? "\t" : ",";
  const rows: SheetRow[] = [];
  let cells: string[] = [];
  let cell = "";
  let quoted = false;
  let line = 1;
  let rowStart = 1;
  const endRow = () => {
    cells.push(cell);
    rows.push({ ref: rowStart, cells: cells.length === 1 && cells[0] === "" ? [] : cells });
    cells = [];
    cell = "";
    rowStart = line;
  };
  for (let i = 0; i < body.length; i++) {
    const ch = body[i]!;
    if (quoted) {
      if (ch === '"' && body[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        cell += ch;
      }
    } else if (ch === '"' && cell === "") quoted = true;
    else if (ch === sep) {
      cells.push(cell);
      cell = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && body[i + 1] === "\n") i++;
      line++;
      endRow();
    } else cell += ch;
  }
  if (cell !== "" || cells.length) endRow();
  // our writer makes text that looks like a formula inert with a leading apostrophe
  return { name: null, rows: rows.map((r) => ({ ref: r.ref, cells: r.cells.map((c) => c.replace(/^'(?=[=+\-@])/, "").trim()) })) };
}

// ---------------------------------------------------------------- numbers

/** A whole count as typed: "18", "1 204"; null for an empty cell or a dash, undefined when it is not one. */
export function parseCount(text: string): number | null | undefined {
  const t = text.replace(/[\s\u00A0\u202F]/g, "");
  if (t === "" || t === "–" || t === "-") return null;
  return /^\d{1,7}$/.test(t) ? Number(t) : undefined;
}

/** A percentage as written, kept exact: "85,7 %" → 857 tenths (digits 1). */
export type WrittenPercent = { scaled: number; digits: number; text: string };
export function parsePercent(text: string): WrittenPercent | null | undefined {
  const t = text.replace(/[\s\u00A0\u202F]/g, "").replace(/%$/, "");
  if (t === "" || t === "–" || t === "-") return null;
  const m = /^(\d{1,3})(?:[.,](\d{1,3}))?$/.exec(t);
  if (!m) return undefined;
  const digits = m[2]?.length ?? 0;
  const scaled = Number(m[1]) * 10 ** digits + Number(m[2] ?? 0);
  if (scaled > 100 * 10 ** digits) return undefined;
  return { scaled, digits, text: t.replace(".", ",") };
}

/**
 * The rounding rule of imported percentages: a percentage p written with d decimals stands for
 * the counts c in 0…n with round(100·c/n, d) = p, rounding half up (format.ts rounds the same way).
 * Those counts are one run lo…hi, solved for in integer arithmetic (85,7 and 14,3 of 21 are never
 * lost to float error) rather than searched: a file's Total can be 9 999 999 on every table.
 * null when no whole count fits.
 */
export function countsForPercent(p: WrittenPercent, n: number): { lo: number; hi: number } | null {
  if (n <= 0) return null;
  const scale = 100 * 10 ** p.digits;
  // floor((2·scale·c + n) / 2n) = p  ⇔  2np − n ≤ 2·scale·c ≤ 2n(p+1) − n − 1
  const lo = Math.max(0, Math.ceil((2 * n * p.scaled - n) / (2 * scale)));
  const hi = Math.min(n, Math.floor((2 * n * (p.scaled + 1) - n - 1) / (2 * scale)));
  return lo <= hi ? { lo, hi } : null;
}

/** The counts of a run as a refusal names them: "149, 150, 151", or "4950000–5049999" when many. */
const countsText = ({ lo, hi }: { lo: number; hi: number }) =>
  hi - lo < 5 ? Array.from({ length: hi - lo + 1 }, (_, i) => lo + i).join(", ") : `${lo}–${hi}`;

// ---------------------------------------------------------------- labels of our own download

type ResultsLabels = typeof svResults;
const LABELS: ResultsLabels[] = [svResults, enResults as ResultsLabels];
const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim().toLowerCase();
const anyLabel = (pick: (l: ResultsLabels) => string) => new Set(LABELS.map((l) => norm(pick(l))));

const ITEM = anyLabel((l) => l.export.item);
const OPTION = anyLabel((l) => l.review.option);
const ROW = anyLabel((l) => l.export.row);
const QUESTION = anyLabel((l) => l.export.question);
const PERIOD = anyLabel((l) => l.review.periodColumn);
const VERSIONS = anyLabel((l) => l.export.versions);
const TOTAL = anyLabel((l) => l.review.total);
const RESPONSES = anyLabel((l) => l.review.responses);
const ISSUED = anyLabel((l) => l.review.issued);
const COUNT = anyLabel((l) => l.review.count);
const PERCENT = anyLabel((l) => l.review.percent);
const ANSWERED_COUNT = anyLabel((l) => l.review.answeredCount);
const ANSWERED_OF = anyLabel((l) => l.review.answeredOf);

function waveOf(label: string): Wave | undefined {
  return WAVES.find((w) => LABELS.some((l) => norm(l.waves[w]) === norm(label)) || w === norm(label));
}

/** "Avslut: Antal" → closure and the count column; a header without a wave is the file's one wave. */
function waveColumn(header: string, defaultWave: Wave): { wave: Wave; what: "count" | "percent" | "answered" } | null {
  const at = header.lastIndexOf(":");
  const wave = at < 0 ? defaultWave : waveOf(header.slice(0, at));
  const what = norm(at < 0 ? header : header.slice(at + 1));
  if (!wave) return null;
  if (COUNT.has(what)) return { wave, what: "count" };
  if (PERCENT.has(what)) return { wave, what: "percent" };
  if (ANSWERED_COUNT.has(what)) return { wave, what: "answered" };
  return null;
}

// ---------------------------------------------------------------- tables

type Block = { sheet: string | null; title: string[]; header: SheetRow; rows: SheetRow[]; notes: string[] };

/**
 * Title lines, a header (the first row with two named cells), its rows up to a blank or a one-cell
 * line, and the one-cell lines under it (notes) up to a blank line.
 */
export function blocksOf(sheets: Sheet[]): Block[] {
  const blocks: Block[] = [];
  for (const sheet of sheets) {
    let i = 0;
    const rows = sheet.rows;
    while (i < rows.length) {
      const title: string[] = [];
      while (i < rows.length && rows[i]!.cells.filter(Boolean).length < 2) {
        const text = rows[i]!.cells.filter(Boolean).join(" ");
        if (text) title.push(text);
        else title.length = 0;
        i++;
      }
      if (i >= rows.length) break;
      const header = rows[i++]!;
      const body: SheetRow[] = [];
      while (i < rows.length && rows[i]!.cells.length >= 2 && rows[i]!.cells.some(Boolean)) body.push(rows[i++]!);
      const notes: string[] = [];
      // an XLSX sheet has a blank row between its table and its notes; one-cell rows that lead to
      // a header are the next table's title (a sheet of several tables, saved from our CSV in Excel)
      if (sheet.name !== null && i < rows.length && !rows[i]!.cells.some(Boolean)) {
        let j = i + 1;
        while (j < rows.length && rows[j]!.cells.filter(Boolean).length === 1) j++;
        if (j >= rows.length || !rows[j]!.cells.some(Boolean)) i++;
      }
      while (i < rows.length && rows[i]!.cells.filter(Boolean).length === 1) notes.push(rows[i++]!.cells.filter(Boolean)[0]!);
      blocks.push({ sheet: sheet.name, title, header, rows: body, notes });
    }
  }
  return blocks;
}

const choiceKey = (choices: { key: string; text: Record<string, string | undefined> }[] | undefined, label: string) =>
  choices?.find((c) => c.key === label || Object.values(c.text).some((x) => x && norm(x) === norm(label)))?.key;

function questionFor(def: VersionDefinition, title: string[]) {
  for (const line of title) {
    const plain = line.replace(/^\d+\.\s*/, "");
    const q = def.questions.find((x) => x.key === plain || Object.values(x.text).some((t) => t && norm(t) === norm(plain)));
    if (q) return q;
  }
  return undefined;
}

export type ParseOptions = {
  /** the version the tables were answered on, when the file does not name exactly one */
  version?: number;
  /** the wave of columns that name none (a hand-made file with "Antal" and "%") */
  wave?: Wave;
};

/**
 * Reads a file's tables against the survey's published versions. Every problem is collected, each
 * naming its cell, so one upload shows all that must be corrected.
 */
export function parseImport(sheets: Sheet[], versions: VersionDefinition[], opts: ParseOptions = {}): ParseResult {
  const problems: ImportProblem[] = [];
  const ignoredTables: string[] = [];
  // a month our CSV writer kept as text (csv.ts: keepMonthText), as the file or its Excel copy has it
  const blocks = blocksOf(sheets.map((s) => ({ ...s, rows: s.rows.map((r) => ({ ...r, cells: r.cells.map(plainMonths) })) })));
  const defaultWave = opts.wave ?? "closure";
  const at = (b: Block, r: SheetRow, col?: number, row?: string): CellRef => ({
    sheet: b.sheet,
    line: r.ref,
    ...(col !== undefined ? { column: b.header.cells[col] ?? "" } : {}),
    ...(b.title[0] ? { table: b.title[b.title.length - 1]! } : {}),
    ...(row ? { row } : {}),
  });

  // the first table: period, version, and per wave the responses and codes handed out
  const about = blocks.find((b) => ITEM.has(norm(b.header.cells[0] ?? "")));
  let period: { from: string; to: string } | null = null;
  let versionNumbers: number[] = [];
  const responses = new Map<Wave, { n: number; ref: CellRef }>();
  const issued = new Map<Wave, { n: number; ref: CellRef }>();
  if (!about) problems.push({ code: "no_tables" });
  else
    for (const r of about.rows) {
      const label = r.cells[0] ?? "";
      const value = r.cells[1] ?? "";
      if (PERIOD.has(norm(label))) period = periodOf(value);
      else if (VERSIONS.has(norm(label))) versionNumbers = [...value.matchAll(/\d+/g)].map((m) => Number(m[0]));
      else {
        const colon = label.lastIndexOf(":");
        const wave = colon < 0 ? defaultWave : waveOf(label.slice(0, colon));
        const what = norm(colon < 0 ? label : label.slice(colon + 1));
        const into = RESPONSES.has(what) ? responses : ISSUED.has(what) ? issued : null;
        if (!wave || !into) continue;
        const n = parseCount(value);
        if (n === undefined) problems.push({ code: "not_a_count", cell: at(about, r, 1, label), values: { text: value } });
        else if (n !== null) into.set(wave, { n, ref: at(about, r, 1, label) });
      }
    }
  if (about && !period) problems.push({ code: "no_period", cell: { sheet: about.sheet, line: about.header.ref, table: about.title[0] } });
  const versionNumber = opts.version ?? (versionNumbers.length === 1 ? versionNumbers[0] : undefined);
  const def = versionNumber === undefined ? undefined : versions.find((v) => v.version === versionNumber);
  if (about && versionNumber === undefined) problems.push({ code: "no_version" });
  else if (about && !def) problems.push({ code: "unknown_version", values: { version: versionNumber! } });
  for (const [wave, r] of issued) {
    const resp = responses.get(wave);
    if (resp && r.n < resp.n) problems.push({ code: "issued_under_responses", cell: r.ref, values: { issued: r.n, responses: resp.n } });
  }
  if (!about || !period || !def) return { periods: [], problems, ignoredTables };

  const counts = new Map<Wave, ImportedCountRow[]>();
  const hidden = new Map<Wave, string[]>();
  const needResponses = (wave: Wave, ref: CellRef) => {
    const r = responses.get(wave);
    if (!r && !problems.some((p) => p.code === "no_responses" && p.values?.wave === wave))
      problems.push({ code: "no_responses", cell: ref, values: { wave } });
    return r?.n;
  };

  for (const b of blocks) {
    if (b === about) continue;
    const first = norm(b.header.cells[0] ?? "");
    if (QUESTION.has(first)) {
      // free-text questions: how many answered (the texts are never in a file)
      b.header.cells.forEach((h, col) => {
        const c = col > 0 ? waveColumn(h, defaultWave) : null;
        if (!c || c.what !== "answered") return;
        for (const r of b.rows) {
          const q = questionFor(def, [r.cells[0] ?? ""]);
          const n = parseCount(r.cells[col] ?? "");
          if (!q) problems.push({ code: "unknown_question", cell: at(b, r, 0, r.cells[0]), values: { text: r.cells[0] ?? "" } });
          else if (n === undefined) problems.push({ code: "not_a_count", cell: at(b, r, col, r.cells[0]), values: { text: r.cells[col] ?? "" } });
          else if (n !== null) list(counts, c.wave).push({ questionKey: q.key, rowKey: "", optionKey: "", n });
        }
      });
      continue;
    }
    const matrix = ROW.has(first);
    if (!OPTION.has(first) && !(matrix && OPTION.has(norm(b.header.cells[1] ?? "")))) {
      if (b.title[0]) ignoredTables.push(b.title[b.title.length - 1]!);
      continue;
    }
    const q = questionFor(def, b.title);
    if (!q) {
      problems.push({ code: "unknown_question", cell: { sheet: b.sheet, line: b.header.ref, table: b.title[b.title.length - 1] }, values: { text: b.title.join(" ") } });
      continue;
    }
    const labelCol = matrix ? 1 : 0;
    const columns = new Map<Wave, { count?: number; percent?: number }>();
    b.header.cells.forEach((h, col) => {
      if (col <= labelCol) return;
      const c = waveColumn(h, defaultWave);
      if (!c || c.what === "answered") return;
      const m = columns.get(c.wave) ?? {};
      m[c.what] = col;
      columns.set(c.wave, m);
    });
    // a matrix table is one part per row; every other table is one part
    const parts = new Map<string, SheetRow[]>();
    for (const r of b.rows) {
      const rowKey = matrix ? choiceKey(q.rows, r.cells[0] ?? "") : "";
      if (rowKey === undefined) {
        problems.push({ code: "unknown_row", cell: at(b, r, 0, r.cells[0]), values: { text: r.cells[0] ?? "" } });
        continue;
      }
      list(parts, rowKey).push(r);
    }
    for (const [wave, cols] of columns) {
      const read: ImportedCountRow[] = [];
      for (const [rowKey, rows] of parts) {
        const result = readPart({ b, rows, labelCol, cols, q, rowKey, at, respondents: () => needResponses(wave, at(b, rows[0]!)) });
        // not push(...): a table of 150 000 rows would pass that many arguments and overflow the stack
        for (const p of result.problems) problems.push(p);
        if (result.hidden) list(hidden, wave).push(rowKey ? `${q.key}.${rowKey}` : q.key);
        else for (const c of result.counts) read.push(c);
      }
      // a matrix's own answered count (people, not row answers) is in its note: "Avslut: Besvarad av 21 av 22"
      if (matrix && read.length) {
        const rowTotals = [...parts.keys()].map((rk) => read.filter((c) => c.rowKey === rk).reduce((s, c) => s + c.n, 0));
        read.push({ questionKey: q.key, rowKey: "", optionKey: "", n: notedAnswered(b.notes, wave, defaultWave) ?? Math.max(0, ...rowTotals) });
      }
      for (const c of read) list(counts, wave).push(c);
    }
  }

  const periods: ParsedPeriod[] = [];
  for (const wave of WAVES) {
    const r = responses.get(wave);
    if (!r && !counts.has(wave)) continue;
    if (!r) continue; // already a problem where its tables needed it
    const waveCounts = counts.get(wave) ?? [];
    for (const c of waveCounts)
      if (c.optionKey === "" && c.n > r.n)
        problems.push({ code: "answered_over_responses", cell: r.ref, values: { question: c.questionKey, answered: c.n, responses: r.n } });
    periods.push({ wave, version: def.version, ...period, issued: issued.get(wave)?.n ?? null, responses: r.n, counts: waveCounts, hiddenTables: hidden.get(wave) ?? [] });
  }
  return { periods: problems.length ? [] : periods, problems, ignoredTables };
}

function list<K, V>(m: Map<K, V[]>, k: K): V[] {
  let l = m.get(k);
  if (!l) m.set(k, (l = []));
  return l;
}

/** The answered count in a note "<wave>: <answered by> 21 <of> 22 (95,5 %)" of our export. */
function notedAnswered(notes: string[], wave: Wave, defaultWave: Wave): number | undefined {
  for (const note of notes) {
    const colon = note.indexOf(":");
    if ((colon < 0 ? defaultWave : waveOf(note.slice(0, colon))) !== wave) continue;
    const rest = norm(note.slice(colon + 1));
    const label = [...ANSWERED_OF].find((l) => rest.startsWith(l));
    const n = label && /(\d+)\D+\d+/.exec(rest.slice(label.length))?.[1];
    if (n) return Number(n);
  }
  return undefined;
}

/** "2015-01 – 2015-12", "2015-03", or a year "2015". */
export function periodOf(text: string): { from: string; to: string } | null {
  const months = [...text.matchAll(/\d{4}-\d{2}/g)].map((m) => m[0]).filter(isMonth);
  if (months.length === 2 && months[0]! <= months[1]!) return { from: months[0]!, to: months[1]! };
  if (months.length === 1) return { from: months[0]!, to: months[0]! };
  const year = /^\s*(\d{4})\s*$/.exec(text)?.[1];
  return year ? { from: `${year}-01`, to: `${year}-12` } : null;
}

type PartInput = {
  b: Block;
  rows: SheetRow[];
  labelCol: number;
  cols: { count?: number; percent?: number };
  q: VersionDefinition["questions"][number];
  rowKey: string;
  at: (b: Block, r: SheetRow, col?: number, row?: string) => CellRef;
  respondents: () => number | undefined;
};

/** One question's (or matrix row's) table of one wave: whole counts, with every percentage checked. */
function readPart({ b, rows, labelCol, cols, q, rowKey, at, respondents }: PartInput) {
  const problems: ImportProblem[] = [];
  const cell = (r: SheetRow, col: number | undefined) => (col === undefined ? "" : (r.cells[col] ?? ""));
  const totalRow = rows.find((r) => TOTAL.has(norm(r.cells[labelCol] ?? "")));
  const optionRows = rows.filter((r) => r !== totalRow);
  // a table the file itself hid (too few): nothing to import, and nothing to refuse
  if ([...rows].every((r) => !cell(r, cols.count) && !cell(r, cols.percent))) return { problems, counts: [], hidden: true };

  let total: number | null = null;
  if (totalRow) {
    const t = parseCount(cell(totalRow, cols.count));
    if (t === undefined) problems.push({ code: "not_a_count", cell: at(b, totalRow, cols.count, totalRow.cells[labelCol]), values: { text: cell(totalRow, cols.count) } });
    else total = t;
  }
  const parsed = optionRows.map((r) => {
    const label = r.cells[labelCol] ?? "";
    const key = choiceKey(q.options, label);
    if (!key) problems.push({ code: "unknown_option", cell: at(b, r, labelCol, label), values: { text: label } });
    const count = parseCount(cell(r, cols.count));
    const percent = parsePercent(cell(r, cols.percent));
    if (count === undefined) problems.push({ code: "not_a_count", cell: at(b, r, cols.count, label), values: { text: cell(r, cols.count) } });
    if (percent === undefined) problems.push({ code: "not_a_percent", cell: at(b, r, cols.percent, label), values: { text: cell(r, cols.percent) } });
    return { r, label, key, count: count ?? null, percent: percent ?? null };
  });
  if (problems.length) return { problems, counts: [], hidden: false };
  const needsTotal = q.type !== "single";
  // percentages are of those who answered (the Total row); without one, of the period's responses
  const base = total ?? (parsed.some((p) => p.count === null) ? respondents() : undefined);
  if (needsTotal && total === null) {
    problems.push({ code: "total_required", cell: at(b, rows[0]!, labelCol) });
    return { problems, counts: [], hidden: false };
  }
  const counts: ImportedCountRow[] = [];
  for (const p of parsed) {
    let n = p.count;
    if (p.percent && base !== undefined) {
      const fits = countsForPercent(p.percent, base);
      const where = at(b, p.r, cols.percent, p.label);
      if (n !== null && !(fits && fits.lo <= n && n <= fits.hi)) problems.push({ code: "percent_mismatch", cell: where, values: { percent: p.percent.text, count: n, n: base } });
      else if (n === null && !fits) problems.push({ code: "percent_impossible", cell: where, values: { percent: p.percent.text, n: base } });
      else if (n === null && fits!.hi > fits!.lo) problems.push({ code: "percent_ambiguous", cell: where, values: { percent: p.percent.text, n: base, counts: countsText(fits!) } });
      else if (n === null) n = fits!.lo;
    }
    if (n === null) {
      if (!p.percent) problems.push({ code: "missing_cell", cell: at(b, p.r, cols.count, p.label) });
      continue;
    }
    if (p.key) counts.push({ questionKey: q.key, rowKey, optionKey: p.key, n });
  }
  const sum = counts.reduce((s, c) => s + c.n, 0);
  const answered = total ?? sum;
  if (!needsTotal && !problems.length && sum !== answered)
    problems.push({ code: "sum_mismatch", cell: at(b, totalRow ?? rows[0]!, cols.count, totalRow?.cells[labelCol]), values: { sum, total: answered } });
  // a matrix row's answered count is the sum of its cells; one Total per question is stored for the rest
  if (!rowKey) counts.push({ questionKey: q.key, rowKey, optionKey: "", n: answered });
  return { problems, counts: problems.length ? [] : counts, hidden: false };
}

// ---------------------------------------------------------------- messages

export type Translate = (key: string, params?: Record<string, unknown>) => string;

// i18n-uses: history:problems.* history:where.* history:moreProblems results:waves.*
/** A problem in the staff language (t over the history namespace), led by the cell it names. */
export function problemText(p: ImportProblem, t: Translate): string {
  const c = p.cell;
  const where = c
    ? [
        c.sheet ? t("where.sheet", { sheet: c.sheet, line: c.line }) : t("where.line", { line: c.line }),
        c.column ? t("where.column", { column: c.column }) : "",
        c.table ? t("where.table", { table: c.table }) : "",
        c.row ? t("where.row", { row: c.row }) : "",
      ]
        .filter(Boolean)
        .join(", ")
    : "";
  const values: Record<string, unknown> = { ...p.values };
  if (typeof values.wave === "string") values.wave = t(`results:waves.${values.wave}`);
  const text = t(`problems.${p.code}`, values);
  return where ? `${where}: ${text}` : text;
}

/** At most `max` problems, then how many more: a file of 100 000 wrong cells is one page, not 100 000 lines. */
export function problemTexts(problems: ImportProblem[], t: Translate, max = 50): string[] {
  const shown = problems.slice(0, max).map((p) => problemText(p, t));
  return problems.length > max ? [...shown, t("moreProblems", { count: problems.length - max })] : shown;
}
