/**
 * The imported periods of a review as a table of its download: one row per period, marked as
 * imported totals in its period cell, hidden like any small group. Its header is not one the
 * importer reads (imported.ts), so a download of an install with imported periods imports again
 * as its own periods only.
 */
// i18n-namespace: results
import type { TFunction } from "i18next";
import { localized } from "~/survey/definition";
import { count, share, table, type Cell, type Table } from "./export.server";
import type { ImportedReport } from "./imported.server";

type Data = {
  imported: ImportedReport[];
  indicators: { key: string; label: Record<string, string>; short?: Record<string, string> }[];
  survey: { defaultLanguage: string };
  minGroupSize: number;
};

export function importedTables(data: Data, t: TFunction, lang: string): Table[] {
  if (data.imported.length === 0) return [];
  const text = (x: Record<string, string> | undefined) => (x ? localized(x, lang, data.survey.defaultLanguage) : "");
  const names = data.indicators.map((i) => text(i.short) || text(i.label) || i.key);
  const header = [
    t("history:columns.period"), t("history:columns.wave"), t("history:columns.version"), t("history:columns.responses"), t("history:columns.issued"),
    ...names.flatMap((n) => [`${n}: ${t("review.n")}`, `${n}: ${t("review.share")}`]),
  ];
  const rows = data.imported.map((x): Cell[] => {
    const lead: Cell[] = [`${x.from} – ${x.to} (${t("history:marker")})`, t(`waves.${x.wave}`), count(x.version)];
    if (!x.report) return [...lead, null, null, ...names.flatMap((): Cell[] => [null, null])];
    return [
      ...lead,
      count(x.report.responses),
      count(x.report.issued),
      ...data.indicators.flatMap((i): Cell[] => {
        const r = x.report!.indicators.find((v) => v.key === i.key);
        return [count(r?.n), share(r?.value)];
      }),
    ];
  });
  const notes = [t("history:reviewIntro")];
  if (data.imported.some((x) => x.withheld)) notes.push(t("history:withheld", { count: data.minGroupSize }));
  if (data.imported.some((x) => !x.report && !x.withheld)) notes.push(t("history:notFilterable"));
  return [table(t("history:reviewTitle"), { header, rows, notes })];
}
