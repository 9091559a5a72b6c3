import { useTranslation } from "react-i18next";
import { formatCount, formatMonth, formatPercent, formatShare } from "~/results/format";
import type { ImportedReport } from "~/results/imported.server";
import { localized } from "~/survey/definition";

type Props = {
  imported: ImportedReport[];
  indicators: { key: string; label: Record<string, string>; short?: Record<string, string> }[];
  defaultLanguage: string;
  minGroupSize: number;
};

export const periodLabel = (from: string, to: string, lang: string) =>
  from === to ? formatMonth(from, lang) : `${formatMonth(from, lang)} – ${formatMonth(to, lang)}`;

/**
 * Published totals from before the app, as whole periods: always marked as imported, hidden like
 * any small group, and said to be not filterable under a group filter (they hold no groups).
 */
export function ImportedTotals({ imported, indicators, defaultLanguage, minGroupSize }: Props) {
  const { t, i18n } = useTranslation("history");
  const lang = i18n.language;
  if (imported.length === 0) return null;
  const text = (x: Record<string, string> | undefined) => (x ? localized(x, lang, defaultLanguage) : "");
  const name = (key: string) => {
    const ind = indicators.find((i) => i.key === key);
    return text(ind?.short) || text(ind?.label) || key;
  };
  return (
    <section className="imported-totals" aria-labelledby="imported-totals" data-testid="imported-totals">
      <h2 id="imported-totals">{t("reviewTitle")}</h2>
      <p className="meta">{t("reviewIntro")}</p>
      {imported.some((x) => !x.report && !x.withheld) ? <p className="notice">{t("notFilterable")}</p> : null}
      <table className="reflow">
        <thead>
          <tr>
            <th scope="col">{t("columns.period")}</th>
            <th scope="col">{t("columns.wave")}</th>
            <th scope="col" className="num">{t("columns.version")}</th>
            <th scope="col" className="num">{t("columns.responses")}</th>
            <th scope="col" className="num">{t("columns.issued")}</th>
            {indicators.map((i) => (
              <th key={i.key} scope="col" className="num">
                {name(i.key)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {imported.map((x) => (
            <tr key={x.id} className="imported" data-testid="imported-period">
              <th scope="row" data-label={t("columns.period")}>
                {periodLabel(x.from, x.to, lang)} <span className="badge">{t("marker")}</span>
              </th>
              <td data-label={t("columns.wave")}>{t(`results:waves.${x.wave}`)}</td>
              <td className="num" data-label={t("columns.version")}>{x.version}</td>
              {x.withheld ? (
                <td colSpan={2 + indicators.length}>{t("withheld", { count: minGroupSize })}</td>
              ) : !x.report ? (
                <td colSpan={2 + indicators.length}>{t("notFilterable")}</td>
              ) : (
                <>
                  <td className="num" data-label={t("columns.responses")}>{formatCount(x.report.responses, lang)}</td>
                  <td className="num" data-label={t("columns.issued")}>{formatCount(x.report.issued, lang)}</td>
                  {indicators.map((i) => {
                    const r = x.report!.indicators.find((v) => v.key === i.key);
                    return (
                      <td key={i.key} className="num" data-label={name(i.key)}>
                        {!r ? t("notInTables") : r.suppressed ? t("results:review.hidden") : `${formatShare(r.value, lang)} (${formatCount(r.n, lang)})`}
                      </td>
                    );
                  })}
                </>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      {imported.map((x) =>
        x.report ? (
          <details key={x.id}>
            <summary>
              {periodLabel(x.from, x.to, lang)}, {t(`results:waves.${x.wave}`)}: {t("markerLong")}
            </summary>
            {x.report.questions.map((qt) => {
              const q = x.questions.find((m) => m.key === qt.key);
              return (
                <table key={qt.key} className="imported-question">
                  <caption>{text(q?.text) || qt.key}</caption>
                  <thead>
                    <tr>
                      <th scope="col">{t("results:review.option")}</th>
                      <th scope="col" className="num">{t("results:review.count")}</th>
                      <th scope="col" className="num">{t("results:review.percent")}</th>
                    </tr>
                  </thead>
                  <tbody>
                    {(qt.options ?? []).map((o) => (
                      <tr key={o.key}>
                        <th scope="row">{text(q?.options.find((c) => c.key === o.key)?.text) || o.key}</th>
                        <td className="num">{formatCount(o.count, lang)}</td>
                        <td className="num">{formatPercent(o.percent, lang)}</td>
                      </tr>
                    ))}
                    <tr className="total">
                      <th scope="row">{t("results:review.total")}</th>
                      <td className="num">{formatCount(qt.answered, lang)}</td>
                      <td className="num">{qt.suppressed ? t("results:review.hidden") : qt.answered ? formatPercent(100, lang) : "–"}</td>
                    </tr>
                  </tbody>
                </table>
              );
            })}
          </details>
        ) : null,
      )}
    </section>
  );
}
