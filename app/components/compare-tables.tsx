/**
 * The side-by-side tables of /admin/compare: one row per option, per column its count, percent
 * and 95 % interval, then a verdict in words. Hidden cells show "–" with the reason below.
 */
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import type { SidePart } from "~/results/compare";
import { columnLabel, verdictLabel } from "~/results/compare-labels";
import { formatCount, formatPercent, formatShare } from "~/results/format";

export function intervalText(ci: [number, number] | null, lang: string): string {
  return ci ? `${formatShare(ci[0], lang)} – ${formatShare(ci[1], lang)}` : "–";
}

export function SideTable({
  part,
  caption,
  optionText,
  k,
  verdicts = true,
}: {
  part: SidePart;
  caption: string;
  optionText: (key: string) => string;
  k: number;
  verdicts?: boolean;
}) {
  const { t, i18n } = useTranslation("compare");
  const lang = i18n.language;
  const cols = part.columns;
  // a table of dashes says nothing the notes below do not
  const anyShown = cols.some((c) => !c.suppressed && !c.notAsked);
  return (
    <>
      {anyShown ? (
        <div className="table-scroll">
          <table className="side-table reflow">
            <caption className="visually-hidden">{caption}</caption>
            <thead>
              <tr>
                <td />
                {cols.map((c) => (
                  <th key={c.column} scope="colgroup" colSpan={3}>
                    {columnLabel(c.column, t)}
                  </th>
                ))}
                {verdicts ? <td /> : null}
              </tr>
              <tr>
                <th scope="col">{t("table.option")}</th>
                {cols.map((c) => (
                  <Fragment key={c.column}>
                    <th scope="col" className="num">{t("table.count")}</th>
                    <th scope="col" className="num">{t("table.percent")}</th>
                    <th scope="col">
                      <abbr title={t("table.intervalLong")}>{t("table.interval")}</abbr>
                    </th>
                  </Fragment>
                ))}
                {verdicts ? <th scope="col">{t("table.verdict")}</th> : null}
              </tr>
            </thead>
            <tbody>
              {part.options.map((o) => (
                <tr key={o.key}>
                  <th scope="row">{optionText(o.key)}</th>
                  {o.cells.map((cell) => (
                    <Fragment key={cell.column}>
                      <td className="num" data-label={`${columnLabel(cell.column, t)}: ${t("table.count")}`}>{formatCount(cell.count, lang)}</td>
                      <td className="num" data-label={`${columnLabel(cell.column, t)}: ${t("table.percent")}`}>{formatPercent(cell.percent, lang)}</td>
                      <td className="interval" data-label={`${columnLabel(cell.column, t)}: ${t("table.interval")}`}>{intervalText(cell.ci95, lang)}</td>
                    </Fragment>
                  ))}
                  {verdicts ? (
                    <td className={`verdict verdict-${o.verdict?.kind ?? "none"}`} data-label={t("table.verdict")}>{verdictLabel(o.verdict, o.cells.length, t)}</td>
                  ) : null}
                </tr>
              ))}
              <tr className="total">
                <th scope="row">{t("table.answered")}</th>
                {cols.map((c) => (
                  <Fragment key={c.column}>
                    <td className="num" data-label={`${columnLabel(c.column, t)}: ${t("table.count")}`}>{c.notAsked ? "–" : formatCount(c.answered, lang)}</td>
                    <td className="num" data-label={`${columnLabel(c.column, t)}: ${t("table.percent")}`}>{!c.suppressed && c.answered ? formatPercent(100, lang) : "–"}</td>
                    <td />
                  </Fragment>
                ))}
                {verdicts ? <td /> : null}
              </tr>
            </tbody>
          </table>
        </div>
      ) : null}
      {cols.map((c) =>
        c.notAsked ? (
          <p key={c.column} className="hidden-note">
            {columnLabel(c.column, t)}: {t("hidden.notAsked")}
          </p>
        ) : c.suppressed ? (
          <p key={c.column} className="hidden-note">
            {columnLabel(c.column, t)}: {c.reason === "complementary" ? t("hidden.complementary") : t("hidden.tooFew", { count: k })}
          </p>
        ) : null,
      )}
    </>
  );
}
