/**
 * The comparison as tables for CSV and XLSX (export.server.ts writes them, a sheet per table):
 * the same tables, hidden cells and verdicts as /admin/compare.
 */
// i18n-namespace: compare
import type { TFunction } from "i18next";
import { localized } from "~/survey/definition";
import type { IndicatorComparison, SideBySide, SidePart } from "./compare";
import { columnLabel, verdictLabel } from "./compare-labels";
import type { CompareData } from "./compare.server";
import { checked, count, pct, share, table, unitRows, type Cell, type DownloadOf, type Table } from "./export.server";

export function compareTables(data: NonNullable<CompareData>, t: TFunction, lang: string, of: DownloadOf = {}): Table[] {
  const c = data.comparison;
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const title = `${t("title")}: ${text(data.survey.title)}`;
  const aboutWith = (rows: Cell[][], notes: string[]) =>
    table(t("file.about"), { title: [title], header: [t("file.item"), t("file.value")], rows: [...unitRows(of), ...rows], notes });
  if (data.withheld)
    return checked([aboutWith([], [t(`release.withheld.${data.withheld.code}`, { wave: t(`waves.${data.params.wave}`), count: data.minGroupSize })])]);
  if (!c) return checked([aboutWith([], [t("tooFewVersions")])]);
  const k = c.minGroupSize;
  const cls = (key: string) => data.classes.find((x) => x.key === key)!;
  const views = [
    { key: "side", name: t("file.views.side"), title: t("side.title"), responses: c.responses },
    { key: "pooled", name: t("file.views.pooled"), title: t("pooled.title"), responses: null },
    { key: "waves", name: t("file.views.waves"), title: t("waves.title"), responses: c.waves.responses },
  ] as const;
  const about = aboutWith(
    [
      [t("file.period"), `${c.from} – ${c.to}`],
      [t("file.wave"), t(`waves.${c.wave}`)],
      [t("file.versions"), t("versionsList", { list: c.versions.join(", ") })],
      [t("file.minGroup"), count(k)],
      ...views.flatMap((v) => (v.responses ?? []).map((r): Cell[] => [`${v.title}: ${t("side.responses")}, ${columnLabel(r.column, t)}`, count(r.n)])),
      [`${t("pooled.title")}: ${t("side.responses")}`, count(c.pooled.responses)],
    ],
    [
      t("minGroup", { count: k }),
      t("verdictHelp"),
      t("pooled.intro", { list: c.pooled.versions.join(", "), count: c.pooled.responses ?? 0 }),
      t("waves.cohorts"),
      ...c.withheld.map((w) => t("release.columnWithheld", { column: columnLabel(w.column, t), count: k })),
    ],
  );
  const presence = table(t("presence.title"), {
    header: [t("presence.question"), t("file.key"), ...c.versions.map((v) => columnLabel(String(v), t)), t("presence.status")],
    rows: c.questions.map((q) => [
      text(cls(q.key).text),
      q.key,
      ...c.versions.map((v) => (q.inVersions.includes(v) ? t("presence.yes") : t("presence.no"))),
      `${t(`status.${q.status}`)}${q.reworded ? ` (${t("reworded")})` : ""}`,
    ]),
  });
  const tables: Table[] = [about, presence];

  const interval = (name: string) => [`${name}: ${t("table.intervalLow")}`, `${name}: ${t("table.intervalHigh")}`];
  const indicator = (view: string, ind: IndicatorComparison) => {
    const name = text(ind.label) || ind.key;
    return table(`${view} – ${name}`, {
      title: [t("indicator.title", { indicator: name, target: `${Math.round(ind.target * 100)} %` })],
      header: [t("indicator.column"), t("indicator.n"), t("indicator.share"), t("table.intervalLow"), t("table.intervalHigh"), t("indicator.status")],
      rows: ind.cells.map((cell) => [
        columnLabel(cell.column, t),
        count(cell.n),
        share(cell.value),
        share(cell.ci95?.[0]),
        share(cell.ci95?.[1]),
        t(`indicator.statuses.${cell.status}`),
      ]),
      notes: ind.verdict ? [`${t("table.verdict")}: ${verdictLabel(ind.verdict, ind.cells.length, t)}`] : [],
    });
  };
  /** One table per question: a matrix's rows one under the other, named in their own column. */
  const question = (view: string, n: number, q: { key: string; parts?: SideBySide["parts"]; wording?: { version: number; text: Record<string, string> }[] }, verdicts: boolean) => {
    const cl = cls(q.key);
    const name = text(cl.text);
    const notes: string[] = [];
    const parts: SidePart[] = q.parts ?? [];
    if (!q.parts) notes.push(t("notInWave"));
    const matrix = parts.some((p) => p.row);
    const columns = parts[0]?.columns ?? [];
    const optionText = (o: string) => text(cl.options.find((x) => x.key === o)?.text ?? {}) || o;
    const rows = parts.flatMap((p) => {
      const lead = matrix ? [text(cl.rows.find((r) => r.key === p.row)?.text ?? {}) || (p.row ?? "")] : [];
      for (const col of p.columns)
        if (col.notAsked) notes.push(`${columnLabel(col.column, t)}: ${t("hidden.notAsked")}`);
        else if (col.suppressed)
          notes.push(
            `${[columnLabel(col.column, t), ...lead].join(" – ")}: ${col.reason === "complementary" ? t("hidden.complementary") : t("hidden.tooFew", { count: k })}`,
          );
      return [
        ...(cl.type === "text" ? [] : p.options).map((o): Cell[] => [
          ...lead,
          optionText(o.key),
          ...o.cells.flatMap((cell) => [count(cell.count), pct(cell.percent), share(cell.ci95?.[0]), share(cell.ci95?.[1])]),
          ...(verdicts ? [verdictLabel(o.verdict, o.cells.length, t)] : []),
        ]),
        [...lead, t("table.answered"), ...p.columns.flatMap((col) => [count(col.answered), null, null, null]), ...(verdicts ? [null] : [])],
      ];
    });
    for (const w of q.wording ?? [])
      notes.push(`${t("reworded")}, ${columnLabel(String(w.version), t)}: ${text(w.text)}`);
    return table(`${view} ${n}. ${name}`, {
      title: [name],
      header: [
        ...(matrix ? [t("file.row")] : []),
        t("table.option"),
        ...columns.flatMap((col) => {
          const label = columnLabel(col.column, t);
          return [`${label}: ${t("table.count")}`, `${label}: ${t("table.percent")}`, ...interval(label)];
        }),
        ...(verdicts ? [t("table.verdict")] : []),
      ],
      rows,
      notes,
    });
  };

  const side = views[0].name;
  tables.push(...c.indicators.map((ind) => indicator(side, ind)));
  c.questions.filter((x) => x.status === "shared").forEach((q, i) => tables.push(question(side, i + 1, q, true)));
  tables.push(...c.pooled.indicators.map((ind) => indicator(views[1].name, ind)));
  c.pooled.questions.forEach((q, i) => tables.push(question(views[1].name, i + 1, q, false)));
  tables.push(...c.waves.indicators.map((ind) => indicator(views[2].name, ind)));
  c.waves.questions.forEach((q, i) => tables.push(question(views[2].name, i + 1, q, true)));
  return checked(tables);
}
