import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { unitOptions, unitsOfRequest, visibilityOf } from "~/units/units.server";
import { ResultFilters, selectionQuery } from "~/components/results-filters";
import { formatCount, formatMonth, formatShare } from "~/results/format";
import { languageLabel } from "~/i18n/languages";
import { reachHiddenLabel, reachLabel } from "~/results/review-labels";
import { loadReach, parseReviewParams, type ReachData } from "~/results/review.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const units = await unitsOfRequest(await requireUser(request), request);
  return { data: await loadReach(parseReviewParams(new URL(request.url)), units.scope, visibilityOf(units)), units: unitOptions(units) };
}

export default function Reach() {
  const { data, units } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("results");
  const lang = i18n.language;
  if (!data) return <p>{t("review.noSurvey")}</p>;
  const d = data as NonNullable<ReachData>;
  return (
    <article className="results">
      <h1>{t("reach.title")}</h1>
      <ResultFilters surveys={d.surveys} versions={d.survey.versions} params={d.params} units={units} />
      <p className="meta">
        {t("review.period", { from: formatMonth(d.period.from, lang), to: formatMonth(d.period.to, lang) })}
      </p>
      <p className="meta">{t("reach.intro", { count: d.minGroupSize })}</p>
      {d.pending.length > 0 ? (
        <p className="notice">
          {t("reach.pending", {
            months: d.pending.map((h) => `${formatMonth(h.validMonth, lang)} (${t(`waves.${h.wave}`)})`).join(", "),
          })}
        </p>
      ) : null}
      <p className="actions no-print">
        {t("review.export")}:{" "}
        <a href={`/admin/results/export?${selectionQuery(d.params, { view: "reach", format: "csv", lang })}`} download>
          {t("review.csv")}
        </a>{" "}
        ·{" "}
        <a href={`/admin/results/export?${selectionQuery(d.params, { view: "reach", format: "xlsx", lang })}`} download>
          {t("review.xlsx")}
        </a>
      </p>
      {/* codes handed out but not counted yet are named above, not called "none" */}
      {d.tables.every((tb) => tb.rows.length === 0) && d.pending.length === 0 ? <p>{t("reach.none")}</p> : null}
      {d.tables
        .filter((tb) => tb.rows.length > 0)
        .map((tb) => (
          <section key={tb.by} className="question">
            <h2>{t(`reach.by.${tb.by}`)}</h2>
            <table className="reflow">
              <thead>
                <tr>
                  <th scope="col">{t("reach.group")}</th>
                  <th scope="col" className="num">{t("reach.issued")}</th>
                  <th scope="col" className="num">{t("reach.answered")}</th>
                  <th scope="col" className="num">{t("reach.answeredOnPaper")}</th>
                  <th scope="col" className="num">{t("reach.rate")}</th>
                  <th scope="col">
                    <span className="visually-hidden">{t("review.hidden")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {tb.rows.map((r) => (
                  <tr key={r.key}>
                    <th scope="row">{reachLabel(tb.by, r.key, t, (m) => formatMonth(m, lang), (code) => languageLabel(code, lang))}</th>
                    <td className="num" data-label={t("reach.issued")}>{formatCount(r.issued, lang)}</td>
                    <td className="num" data-label={t("reach.answered")}>{formatCount(r.answered, lang)}</td>
                    <td className="num" data-label={t("reach.answeredOnPaper")}>{formatCount(r.answeredOnPaper, lang)}</td>
                    <td className="num" data-label={t("reach.rate")}>{formatShare(r.rate, lang)}</td>
                    <td className="hidden-note">
                      {r.suppressed ? reachHiddenLabel(r.reason, d.minGroupSize, t) : null}
                    </td>
                  </tr>
                ))}
                <tr className="total">
                  <th scope="row">{t("review.total")}</th>
                  <td className="num" data-label={t("reach.issued")}>{formatCount(tb.total.issued, lang)}</td>
                  <td className="num" data-label={t("reach.answered")}>{formatCount(tb.total.answered, lang)}</td>
                  <td className="num" data-label={t("reach.answeredOnPaper")}>{formatCount(tb.total.answeredOnPaper, lang)}</td>
                  <td className="num" data-label={t("reach.rate")}>{formatShare(tb.total.rate, lang)}</td>
                  <td />
                </tr>
              </tbody>
            </table>
          </section>
        ))}
    </article>
  );
}
