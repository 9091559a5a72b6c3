/**
 * The comparison as a grid of cells for CSV and XLSX (export.server.ts writes them): the same
 * tables, hidden cells and verdicts as /admin/compare.
 */
// i18n-namespace: compare
import type { TFunction } from "i18next";
import { localized } from "~/survey/definition";
import type { IndicatorComparison, SideBySide, SidePart } from "./compare";
import { columnLabel, verdictLabel } from "./compare-labels";
import type { CompareData } from "./compare.server";
import type { Cell, Grid } from "./export.server";

const count = (n: number | null | undefined): Cell => ({ count: n ?? null });
const pct = (p: number | null | undefined): Cell => ({ percent: p ?? null });
const share = (s: number | null | undefined): Cell => ({ percent: s === null || s === undefined ? null : Math.round(s * 1000) / 10 });

export function compareGrid(data: NonNullable<CompareData>, t: TFunction, lang: string): Grid {
  const c = data.comparison;
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const g: Grid = [[`${t("title")}: ${text(data.survey.title)}`]];
  if (!c) return [...g, [t("tooFewVersions")]];
  const k = c.minGroupSize;
  const cls = (key: string) => data.classes.find((x) => x.key === key)!;
  g.push(
    [t("period", { from: c.from, to: c.to }), t(`waves.${c.wave}`), t("versionsList", { list: c.versions.join(", ") })],
    [t("minGroup", { count: k })],
    [t("verdictHelp")],
    [],
    [t("presence.title")],
    [t("presence.question"), "", ...c.versions.map((v) => columnLabel(String(v), t)), t("presence.status")],
  );
  for (const q of c.questions)
    g.push([
      text(cls(q.key).text),
      q.key,
      ...c.versions.map((v) => (q.inVersions.includes(v) ? t("presence.yes") : t("presence.no"))),
      `${t(`status.${q.status}`)}${q.reworded ? ` (${t("reworded")})` : ""}`,
    ]);

  const tablePart = (key: string, p: SidePart, verdicts: boolean) => {
    const q = cls(key);
    const optionText = (o: string) => text(q.options.find((x) => x.key === o)?.text ?? {}) || o;
    if (p.row) g.push([text(q.rows.find((r) => r.key === p.row)?.text ?? {}) || p.row]);
    g.push([
      t("table.option"),
      ...p.columns.flatMap((col) => {
        const name = columnLabel(col.column, t);
        return [`${name}: ${t("table.count")}`, `${name}: ${t("table.percent")}`, `${name}: 95 % –`, `${name}: 95 % +`];
      }),
      ...(verdicts ? [t("table.verdict")] : []),
    ]);
    if (q.type !== "text")
      for (const o of p.options)
        g.push([
          optionText(o.key),
          ...o.cells.flatMap((cell) => [count(cell.count), pct(cell.percent), share(cell.ci95?.[0]), share(cell.ci95?.[1])]),
          ...(verdicts ? [verdictLabel(o.verdict, o.cells.length, t)] : []),
        ]);
    g.push([t("table.answered"), ...p.columns.flatMap((col) => [count(col.answered), null, null, null])]);
    for (const col of p.columns)
      if (col.notAsked) g.push([`${columnLabel(col.column, t)}: ${t("hidden.notAsked")}`]);
      else if (col.suppressed)
        g.push([`${columnLabel(col.column, t)}: ${col.reason === "complementary" ? t("hidden.complementary") : t("hidden.tooFew", { count: k })}`]);
  };
  const question = (q: { key: string; parts?: SideBySide["parts"] }, verdicts = true) => {
    g.push([], [text(cls(q.key).text)]);
    if (!q.parts) {
      g.push([t("notInWave")]);
      return;
    }
    for (const p of q.parts) tablePart(q.key, p, verdicts);
  };
  const indicator = (ind: IndicatorComparison) => {
    const name = text(ind.label) || ind.key;
    g.push(
      [],
      [t("indicator.title", { indicator: name, target: `${Math.round(ind.target * 100)} %` })],
      [t("indicator.column"), t("indicator.n"), t("indicator.share"), "95 % –", "95 % +", t("indicator.status")],
    );
    for (const cell of ind.cells)
      g.push([
        columnLabel(cell.column, t),
        count(cell.n),
        share(cell.value),
        share(cell.ci95?.[0]),
        share(cell.ci95?.[1]),
        t(`indicator.statuses.${cell.status}`),
      ]);
    if (ind.verdict) g.push([t("table.verdict"), verdictLabel(ind.verdict, ind.cells.length, t)]);
  };

  g.push([], [t("side.title")]);
  g.push([t("side.responses"), ...c.responses.flatMap((r) => [columnLabel(r.column, t), count(r.n)])]);
  c.indicators.forEach(indicator);
  for (const q of c.questions.filter((x) => x.status === "shared")) {
    question(q);
    for (const w of q.wording ?? []) g.push([`${t("reworded")}: ${columnLabel(String(w.version), t)}`, text(w.text)]);
  }

  g.push([], [t("pooled.title")], [t("pooled.intro", { list: c.pooled.versions.join(", "), count: c.pooled.responses ?? 0 })]);
  c.pooled.indicators.forEach(indicator);
  for (const q of c.pooled.questions) question(q, false);

  g.push([], [t("waves.title")], [t("waves.cohorts")]);
  g.push([t("side.responses"), ...c.waves.responses.flatMap((r) => [columnLabel(r.column, t), count(r.n)])]);
  c.waves.indicators.forEach(indicator);
  for (const q of c.waves.questions) question(q);
  return g;
}
