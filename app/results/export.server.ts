/**
 * Downloads of the result pages as tables: each table is a sheet of its own in XLSX (header row
 * frozen, percentages as real percentages) and a block of the one CSV (csv.ts: UTF-8 with BOM,
 * ';', decimal comma in Swedish). Every column has a name; hidden cells stay empty and carry the
 * reason, exactly as on the page.
 */
// i18n-namespace: results
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { languageLabel } from "~/i18n/languages";
import { localized } from "~/survey/definition";
import { csvDocument, type CsvCell } from "./csv";
import type { QuestionTable } from "./report";
import type { ReachData, ReviewData } from "./review.server";
import { answeredOfLabel, hiddenLabel, reachHiddenLabel, reachLabel } from "./review-labels";
import { importedTables } from "./imported-export.server";

/** One wave's table of a question or of a matrix row. */
type Part = Pick<QuestionTable, "answered" | "suppressed" | "reason" | "options"> | undefined;

/** A number with its kind: counts are integers, percentages 0–100 with one decimal. */
export type Cell = string | null | { count: number | null } | { percent: number | null };

/** One table of a download: a sheet of its own in XLSX, a block of the CSV. */
export type Table = {
  /** the sheet's name (made unique and short enough when written) */
  name: string;
  /** lines above the header: what the table shows */
  title: string[];
  /** a name for every column */
  header: string[];
  /** each as wide as the header */
  rows: Cell[][];
  /** lines under the table: what is hidden and why */
  notes: string[];
};

export const count = (n: number | null | undefined): Cell => ({ count: n ?? null });
export const pct = (p: number | null | undefined): Cell => ({ percent: p ?? null });
/** A share 0–1 as a percentage cell, rounded to one decimal like every table. */
export const share = (s: number | null | undefined): Cell => ({ percent: s === null || s === undefined ? null : Math.round(s * 1000) / 10 });

export function table(name: string, t: Omit<Table, "name" | "notes" | "title"> & Partial<Pick<Table, "title" | "notes">>): Table {
  return { name, title: t.title ?? [name], header: t.header, rows: t.rows, notes: t.notes ?? [] };
}

/** A table whose rows are wider than its header, or with a nameless column, is a bug: no file gets one. */
export function checked(tables: Table[]): Table[] {
  for (const tb of tables) {
    if (tb.header.some((h) => !h.trim())) throw new Error(`table "${tb.name}" has a column without a name`);
    const wrong = tb.rows.find((r) => r.length !== tb.header.length);
    if (wrong) throw new Error(`table "${tb.name}" has a row of ${wrong.length} cells under ${tb.header.length} columns`);
  }
  return tables;
}

/**
 * Where an install has several units, the unit (or the pooled organisation) a download covers, by
 * name and with its label: a file on a shared drive must say whose figures it holds.
 */
export type DownloadOf = { unit?: { label: string; name: string } };

export const unitRows = (of: DownloadOf): Cell[][] => (of.unit ? [[of.unit.label, of.unit.name]] : []);

export function reviewTables(data: NonNullable<ReviewData>, t: TFunction, lang: string, of: DownloadOf = {}): Table[] {
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const k = data.minGroupSize;
  const waveName = (w: string) => t(`waves.${w}`);
  const indicator = (key: string) => {
    const ind = data.indicators.find((i) => i.key === key);
    const full = (ind && text(ind.label)) || key;
    return { full, short: (ind?.short && text(ind.short)) || full };
  };
  // short names in the rows, the full wording once in the first table
  const explained = data.indicators.map((i) => indicator(i.key)).filter((n) => n.short !== n.full);
  const about = table(t("export.about"), {
    title: [`${t("review.title")}: ${text(data.survey.title)}`],
    header: [t("export.item"), t("export.value")],
    rows: [
      [t("export.survey"), text(data.survey.title)],
      ...unitRows(of),
      [t("review.periodColumn"), `${data.period.from} – ${data.period.to}`],
      [t("export.versions"), data.params.version.length ? t("review.versionsSome", { list: data.params.version.join(", ") }) : t("review.versionsAll")],
      [t("export.minGroup"), count(k)],
      ...data.columns.map((c): Cell[] => [`${waveName(c.wave)}: ${t("review.responses")}`, count(c.report.responses)]),
      // with the responses, what a published table needs to be imported again (history import)
      ...data.columns.map((c): Cell[] => [`${waveName(c.wave)}: ${t("review.issued")}`, count(c.report.issued)]),
      ...data.columns.map((c): Cell[] => [
        `${waveName(c.wave)}: ${t("export.attributesWithheld")}`,
        c.report.attributesWithheld === null ? t("release.attributesWithheldSome", { count: k }) : count(c.report.attributesWithheld ?? 0),
      ]),
      ...data.withheld.map((w): Cell[] => [waveName(w.wave), t(`release.withheld.${w.withheld.code}`, { wave: waveName(w.wave), count: k })]),
      // the tables name an indicator by its short name; its full wording once, here
      ...explained.map((n): Cell[] => [`${t("review.indicator")}: ${n.short}`, n.full]),
    ],
    notes: [
      t("review.minGroup", { count: k }),
      ...(data.latestBlock ? [t("release.latestBlock", { from: data.period.from, to: data.period.to, count: k })] : []),
    ],
  });

  const interval = [t("review.intervalLow"), t("review.intervalHigh")];
  const headline = table(t("review.headline"), {
    header: [
      t("filters.wave"), t("review.periodColumn"), t("review.responses"), t("review.issued"), t("review.responseRate"),
      t("review.indicator"), t("review.n"), t("review.share"), ...interval, t("review.target"), t("review.status"),
    ],
    rows: data.headlines.flatMap((h) =>
      (h.report.indicators.length ? h.report.indicators : [null]).map((ind): Cell[] => [
        waveName(h.wave),
        `${t(`periods.${h.label}`)} (${h.period.from} – ${h.period.to})${h.moved ? " *" : ""}`,
        count(h.report.responses),
        count(h.report.issued),
        share(h.report.responseRate),
        ind ? indicator(ind.key).short : null,
        count(ind?.n),
        share(ind?.value),
        share(ind?.ci95?.[0]),
        share(ind?.ci95?.[1]),
        share(ind?.target),
        ind ? t(`review.statuses.${ind.status}`) : null,
      ]),
    ),
    // as the page says it: a label shown on other months than its own
    notes: data.headlines.some((h) => h.moved) ? [t("review.headlineAdjusted", { count: k })] : [],
  });

  const trend = table(t("export.trend"), {
    header: [t("review.indicator"), t("filters.wave"), t("release.blockColumn"), t("review.n"), t("review.share"), ...interval],
    rows: data.series.flatMap((s) =>
      s.points.map((p): Cell[] => [
        indicator(s.indicator).short,
        waveName(s.wave),
        (p.month === p.to ? p.month : `${p.month} – ${p.to}`) + (p.imported ? ` (${t("history:marker")})` : ""),
        count(p.suppressed ? null : p.n),
        share(p.value),
        share(p.ci95?.[0]),
        share(p.ci95?.[1]),
      ]),
    ),
  });

  const withWaves = (what: string) => data.columns.map((c) => `${waveName(c.wave)}: ${what}`);
  const waveColumns = data.columns.flatMap((c) => [`${waveName(c.wave)}: ${t("review.count")}`, `${waveName(c.wave)}: ${t("review.percent")}`]);
  const tables: Table[] = [about, headline, trend, ...importedTables(data, t, lang)];
  const textQuestions = data.questions.filter((q) => q.type === "text");
  data.questions.forEach((q, i) => {
    // no wave shown (each withheld, said in the first table): no question tables
    if (q.type === "text" || data.columns.length === 0) return;
    const cols = data.columns.map((c) => c.report.questions.find((x) => x.key === q.key));
    const notes: string[] = [];
    const hidden = (what: string, parts: Part[]) =>
      parts.forEach((p, j) => {
        if (p?.suppressed) notes.push(`${[withWaves(t("review.hidden"))[j], what].filter(Boolean).join(" – ")}: ${hiddenLabel(p.reason, k, t)}`);
      });
    const rowsFor = (parts: Part[], lead: string[]): Cell[][] => [
      ...q.options.map((o): Cell[] => [
        ...lead,
        text(o.text),
        ...parts.flatMap((p) => {
          const c = p?.options?.find((x) => x.key === o.key);
          return [count(c?.count), pct(c?.percent)];
        }),
      ]),
      [...lead, t("review.total"), ...parts.flatMap((p) => [count(p?.answered), pct(p && !p.suppressed && p.answered ? 100 : null)])],
    ];
    const matrix = q.type === "matrix";
    const rows: Cell[][] = [];
    if (matrix)
      for (const row of q.rows) {
        const parts = cols.map((x) => x?.rows?.find((r) => r.key === row.key));
        hidden(text(row.text), parts);
        rows.push(...rowsFor(parts, [text(row.text)]));
      }
    else {
      hidden("", cols);
      rows.push(...rowsFor(cols, []));
    }
    // as the page says it: a wave that does not ask the question, and the answered count alone
    // where how many were asked is withheld
    data.columns.forEach((c, j) => {
      const x = cols[j];
      if (!x) notes.push(t("review.notAskedInWave", { wave: waveName(c.wave) }));
      else if (!x.suppressed) notes.push(`${withWaves(t("review.answeredOf"))[j]} ${answeredOfLabel(x, lang, t)}`);
    });
    tables.push(
      table(`${i + 1}. ${text(q.text)}`, {
        title: [text(q.text)],
        header: [...(matrix ? [t("export.row")] : []), t("review.option"), ...waveColumns],
        rows,
        notes,
      }),
    );
  });
  if (textQuestions.length && data.columns.length)
    tables.push(
      table(t("export.texts"), {
        header: [t("export.question"), ...withWaves(t("review.answeredCount"))],
        rows: textQuestions.map((q) => [text(q.text), ...data.columns.map((c) => count(c.report.questions.find((x) => x.key === q.key)?.answered))]),
        notes: [t("export.textsNotInFile")],
      }),
    );
  return checked(tables);
}

export function reachTables(data: NonNullable<ReachData>, t: TFunction, lang: string, of: DownloadOf = {}): Table[] {
  const k = data.minGroupSize;
  const about = table(t("export.about"), {
    title: [t("reach.title")],
    header: [t("export.item"), t("export.value")],
    rows: [...unitRows(of), [t("review.periodColumn"), `${data.period.from} – ${data.period.to}`], [t("export.minGroup"), count(k)]],
    notes: [t("reach.intro", { count: k })],
  });
  const tables = data.tables
    .filter((tb) => tb.rows.length > 0)
    .map((tb) => {
      // a column for why a row is hidden only where one is: no empty columns
      const anyHidden = tb.rows.some((r) => r.suppressed);
      return table(t(`reach.by.${tb.by}`), {
        header: [t("reach.group"), t("reach.issued"), t("reach.answered"), t("reach.answeredOnPaper"), t("reach.rate"), ...(anyHidden ? [t("review.hidden")] : [])],
        rows: [
          ...tb.rows.map((r): Cell[] => [
            reachLabel(tb.by, r.key, t, undefined, (code) => languageLabel(code, lang)),
            count(r.issued),
            count(r.answered),
            count(r.answeredOnPaper),
            share(r.rate),
            ...(anyHidden ? [r.suppressed ? reachHiddenLabel(r.reason, k, t) : null] : []),
          ]),
          [t("review.total"), count(tb.total.issued), count(tb.total.answered), count(tb.total.answeredOnPaper), share(tb.total.rate), ...(anyHidden ? [null] : [])],
        ],
      });
    });
  return checked([about, ...tables]);
}

const csvCell = (cell: Cell): CsvCell =>
  cell === null || typeof cell === "string" ? cell : "count" in cell ? { number: cell.count } : { number: cell.percent, digits: 1 };

const isPercent = (c: Cell | undefined) => !!c && typeof c === "object" && "percent" in c;

/**
 * A CSV cell holds 45,5 for 45.5 %: without a unit a reader cannot tell a share from a count, so a
 * column of percentages says "(%)" in its name. (XLSX shows them formatted as percentages.)
 */
function csvHeader(tb: Table): string[] {
  return tb.header.map((h, i) => (!h.includes("%") && tb.rows.some((r) => isPercent(r[i])) ? `${h} (%)` : h));
}

/** All tables one after another in the one CSV writer: title, header, rows, notes, a blank line. */
export function toCsv(tables: Table[], lang: string): string {
  const rows: CsvCell[][] = [];
  tables.forEach((tb, i) => {
    if (i > 0) rows.push([]);
    rows.push(...tb.title.map((line) => [line]), csvHeader(tb), ...tb.rows.map((r) => r.map(csvCell)), ...tb.notes.map((n) => [n]));
  });
  return csvDocument(rows, lang);
}

/** Excel's rules for a sheet name: at most 31 characters, none of \ / ? * [ ] :, unique regardless of case. */
export function sheetName(wanted: string, taken: Set<string>): string {
  const clean = wanted.replace(/[\\/?*[\]:]/g, " ").replace(/\s+/g, " ").replace(/^'+|'+$/g, "").trim() || "Sheet";
  for (let n = 1; ; n++) {
    const suffix = n === 1 ? "" : ` (${n})`;
    const name = clean.slice(0, 31 - suffix.length).trimEnd() + suffix;
    if (!taken.has(name.toLowerCase())) {
      taken.add(name.toLowerCase());
      return name;
    }
  }
}

/** Percentages as Excel keeps them (0.455 shown as 45,5 %), so they sum and chart as shares. */
const PERCENT_FORMAT = "0.0 %";

export async function toXlsx(tables: Table[]): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Brukarröst";
  const taken = new Set<string>();
  for (const tb of tables) {
    const headerRow = tb.title.length + 1;
    const ws = wb.addWorksheet(sheetName(tb.name, taken), { views: [{ state: "frozen", ySplit: headerRow, xSplit: 0 }] });
    for (const line of tb.title) ws.addRow([line]).font = { bold: true };
    ws.addRow(tb.header).font = { bold: true };
    for (const row of tb.rows) {
      const added = ws.addRow(
        // whole per-mille first: 14.3 / 100 would be 0.14300000000000002
        row.map((c) => (c === null || typeof c === "string" ? c : "count" in c ? c.count : c.percent === null ? null : Math.round(c.percent * 10) / 1000)),
      );
      row.forEach((c, i) => {
        if (isPercent(c)) added.getCell(i + 1).numFmt = PERCENT_FORMAT;
      });
    }
    if (tb.notes.length) ws.addRow([]);
    for (const note of tb.notes) ws.addRow([note]);
    tb.header.forEach((h, i) => {
      const longest = Math.max(h.length, ...tb.rows.map((r) => (typeof r[i] === "string" ? (r[i] as string).length : 8)));
      ws.getColumn(i + 1).width = Math.min(60, Math.max(10, longest + 2));
    });
  }
  return Buffer.from(await wb.xlsx.writeBuffer());
}
