/**
 * The monthly review and the reach tables as a grid of cells, written as CSV (UTF-8 with BOM,
 * ';', decimal comma in Swedish: what Excel in a Swedish municipality opens correctly) or XLSX.
 * Hidden cells stay empty and carry the reason, exactly as on the page.
 */
// i18n-namespace: results
import ExcelJS from "exceljs";
import type { TFunction } from "i18next";
import { localized } from "~/survey/definition";
import { csvDocument, type CsvCell } from "./csv";
import { percentOf } from "./format";
import type { ReachData, ReviewData } from "./review.server";
import { hiddenLabel, reachLabel } from "./review-labels";

/** A number with its kind: counts are integers, percentages 0–100 with one decimal. */
export type Cell = string | null | { count: number | null } | { percent: number | null };
export type Grid = Cell[][];

const count = (n: number | null | undefined): Cell => ({ count: n ?? null });
const pct = (p: number | null | undefined): Cell => ({ percent: p ?? null });
const share = (s: number | null | undefined): Cell => ({ percent: s === null || s === undefined ? null : Math.round(s * 1000) / 10 });

export function reviewGrid(data: NonNullable<ReviewData>, t: TFunction, lang: string): Grid {
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const k = data.minGroupSize;
  const versions = data.params.version.length
    ? t("review.versionsSome", { list: data.params.version.join(", ") })
    : t("review.versionsAll");
  const g: Grid = [
    [`${t("review.title")}: ${text(data.survey.title)}`],
    [t("review.period", { from: data.period.from, to: data.period.to }), versions],
    [t("review.minGroup", { count: k })],
    [],
    [t("review.headline")],
    [
      t("filters.wave"),
      t("review.periodColumn"),
      t("review.responses"),
      t("review.issued"),
      t("review.responseRate"),
      t("review.indicator"),
      t("review.n"),
      t("review.share"),
      t("review.interval"),
      "",
      t("review.target"),
      t("review.status"),
    ],
  ];
  for (const h of data.headlines) {
    const r = h.report;
    for (const ind of r.indicators.length ? r.indicators : [null])
      g.push([
        t(`waves.${h.wave}`),
        `${t(`periods.${h.label}`)} (${h.period.from} – ${h.period.to})`,
        count(r.responses),
        count(r.issued),
        share(r.responseRate),
        ind ? text(data.indicators.find((i) => i.key === ind.key)?.label ?? {}) || ind.key : "",
        count(ind?.n),
        share(ind?.value),
        share(ind?.ci95?.[0]),
        share(ind?.ci95?.[1]),
        share(ind?.target),
        ind ? t(`review.statuses.${ind.status}`) : "",
      ]);
  }
  const waveHeader = (label: string): Cell[] => [
    label,
    ...data.columns.flatMap((c) => [`${t(`waves.${c.wave}`)}: ${t("review.count")}`, `${t(`waves.${c.wave}`)}: ${t("review.percent")}`]),
  ];
  for (const q of data.questions) {
    g.push([], [text(q.text)]);
    const tables = data.columns.map((c) => c.report.questions.find((x) => x.key === q.key));
    const hiddenNote = () => {
      const hidden = tables.filter((x) => x?.suppressed);
      if (hidden.length)
        g.push([
          `${t("review.hidden")}: ${hiddenLabel(hidden[0]!.reason, k, t)}`,
        ]);
    };
    if (q.type === "text") {
      g.push([t("review.answeredCount"), ...tables.map((x) => count(x?.answered))]);
      continue;
    }
    const optionRows = (cells: (key: string) => Cell[], answered: Cell[]) => {
      for (const o of q.options) g.push([text(o.text), ...cells(o.key)]);
      g.push([t("review.total"), ...answered]);
    };
    if (q.type === "matrix") {
      for (const row of q.rows) {
        g.push([text(row.text)], waveHeader(t("review.option")));
        const rows = tables.map((x) => x?.rows?.find((r) => r.key === row.key));
        optionRows(
          (key) => rows.flatMap((r) => { const c = r?.options.find((o) => o.key === key); return [count(c?.count), pct(c?.percent)]; }),
          rows.flatMap((r) => [count(r?.answered), pct(r && !r.suppressed && r.answered ? 100 : null)]),
        );
      }
    } else {
      g.push(waveHeader(t("review.option")));
      optionRows(
        (key) => tables.flatMap((x) => { const c = x?.options?.find((o) => o.key === key); return [count(c?.count), pct(c?.percent)]; }),
        tables.flatMap((x) => [count(x?.answered), pct(x && !x.suppressed && x.answered ? 100 : null)]),
      );
    }
    g.push([
      t("review.answeredOf"),
      ...tables.flatMap((x) => [
        x && !x.suppressed ? t("review.answeredOfValue", { answered: x.answered, respondents: x.respondents }) : null,
        pct(x && !x.suppressed ? percentOf(x.answered ?? 0, x.respondents ?? 0) : null),
      ]),
    ]);
    hiddenNote();
  }
  return g;
}

export function reachGrid(data: NonNullable<ReachData>, t: TFunction): Grid {
  const g: Grid = [
    [t("reach.title")],
    [t("review.period", { from: data.period.from, to: data.period.to })],
    [t("reach.intro", { count: data.minGroupSize })],
  ];
  for (const table of data.tables) {
    g.push([], [t(`reach.by.${table.by}`)], [t("reach.group"), t("reach.issued"), t("reach.answered"), t("reach.rate")]);
    for (const row of table.rows)
      g.push([
        reachLabel(table.by, row.key, t),
        count(row.issued),
        count(row.answered),
        share(row.rate),
        row.suppressed ? `${t("review.hidden")}: ${hiddenLabel(row.reason, data.minGroupSize, t)}` : null,
      ]);
    g.push([t("review.total"), count(table.total.issued), count(table.total.answered), share(table.total.rate)]);
  }
  return g;
}

/** The grid for the one CSV writer: counts as integers, percentages with one decimal. */
export function toCsv(grid: Grid, lang: string): string {
  const csvCell = (cell: Cell): CsvCell =>
    cell === null || typeof cell === "string" ? cell : "count" in cell ? { number: cell.count } : { number: cell.percent, digits: 1 };
  return csvDocument(grid.map((row) => row.map(csvCell)), lang);
}

export async function toXlsx(grid: Grid, sheetName: string): Promise<Buffer> {
  const wb = new ExcelJS.Workbook();
  wb.creator = "Brukarröst";
  const ws = wb.addWorksheet(sheetName.slice(0, 31));
  for (const row of grid) {
    const added = ws.addRow(row.map((c) => (c === null ? null : typeof c === "string" ? c : "count" in c ? c.count : c.percent)));
    row.forEach((c, i) => {
      if (c && typeof c === "object" && "percent" in c) added.getCell(i + 1).numFmt = "0.0";
    });
  }
  ws.getColumn(1).width = 60;
  for (let i = 2; i <= 12; i++) ws.getColumn(i).width = 16;
  return Buffer.from(await wb.xlsx.writeBuffer());
}
