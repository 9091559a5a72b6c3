import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { Fragment, useEffect } from "react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { ImportedTotals } from "~/components/imported-totals";
import { unitOptions, unitsOfRequest, visibilityOf } from "~/units/units.server";
import { IndicatorLineChart, PercentBarChart } from "~/components/results-charts";
import { ResultFilters, selectionQuery, type UnitOption } from "~/components/results-filters";
import { formatCount, formatMonth, formatPercent, formatShare } from "~/results/format";
import type { OptionCell, QuestionTable } from "~/results/report";
import { answeredOfLabel, hiddenLabel } from "~/results/review-labels";
import { loadReview, parseReviewParams, type ReviewData } from "~/results/review.server";
import { localized } from "~/survey/definition";

export async function loader({ request }: LoaderFunctionArgs) {
  const units = await unitsOfRequest(await requireUser(request), request);
  return { data: await loadReview(parseReviewParams(new URL(request.url)), units.scope, visibilityOf(units)), units: unitOptions(units) };
}

type Data = NonNullable<ReviewData>;

/** A release block as months: "mars 2026" or "mars 2026 – april 2026". */
function blockLabel(from: string, to: string, lang: string): string {
  return from === to ? formatMonth(from, lang) : `${formatMonth(from, lang)} – ${formatMonth(to, lang)}`;
}

export default function MonthlyReview() {
  const { data, units } = useLoaderData<typeof loader>();
  const { t } = useTranslation("results");
  if (!data) return <p>{t("review.noSurvey")}</p>;
  return <Review data={data as Data} units={units} />;
}

function Review({ data, units }: { data: Data; units: UnitOption[] }) {
  const { t, i18n } = useTranslation("results");
  const lang = i18n.language;
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const k = data.minGroupSize;
  // an imported period is named as one wherever it is a point of the trend
  const pointLabel = (p: { month: string; to: string; imported?: true }) =>
    p.imported ? `${blockLabel(p.month, p.to, lang)} (${t("history:marker")})` : blockLabel(p.month, p.to, lang);
  const anyHidden = data.columns.some((c) => c.report.suggestion);
  const suggestion = data.columns.find((c) => c.report.suggestion)?.report.suggestion;
  const period = t("review.period", { from: formatMonth(data.period.from, lang), to: formatMonth(data.period.to, lang) });
  useRunningHead(`${t("review.title")}: ${text(data.survey.title)} · ${period}`);
  return (
    <article className="results">
      <h1>
        {t("review.title")}: {text(data.survey.title)}
      </h1>
      <ResultFilters
        surveys={data.surveys}
        versions={data.survey.versions}
        params={data.params}
        groupOptions={data.groupOptions}
        units={units}
      />
      <p className="meta">
        {period} ·{" "}
        {data.columns.map((c) => t(`waves.${c.wave}`)).join(", ")} ·{" "}
        {data.params.version.length
          ? t("review.versionsSome", { list: data.params.version.join(", ") })
          : t("review.versionsAll")}
      </p>
      <p className="meta">{t("review.minGroup", { count: k })}</p>
      {data.latestBlock && data.latest && (data.defaultScope === "tertial" || data.defaultScope === "year") ? (
        <p className="notice" data-testid="latest-block">
          {t("release.defaultWider", {
            what: t(`release.defaultScopes.${data.defaultScope}`),
            from: formatMonth(data.period.from, lang),
            to: formatMonth(data.period.to, lang),
            count: k,
          })}{" "}
          <a href={`/admin/results?${selectionQuery(data.params, { scope: "range", month: data.latest.to, from: data.latest.from, to: data.latest.to })}`}>
            {t("release.onlyLatest", { period: blockLabel(data.latest.from, data.latest.to, lang) })}
          </a>
        </p>
      ) : data.latestBlock ? (
        <p className="meta" data-testid="latest-block">
          {t("release.latestBlock", { from: formatMonth(data.period.from, lang), to: formatMonth(data.period.to, lang), count: k })}
        </p>
      ) : null}
      {data.withheld.map((w) => (
        <p key={w.wave} className="notice" role="status" data-testid="withheld">
          {t(`release.withheld.${w.withheld.code}`, { wave: t(`waves.${w.wave}`), count: k })}{" "}
          {w.withheld.nearest ? (
            <a href={`/admin/results?${selectionQuery(data.params, { scope: "range", from: w.withheld.nearest.from, to: w.withheld.nearest.to })}`}>
              {t("release.nearest", { from: formatMonth(w.withheld.nearest.from, lang), to: formatMonth(w.withheld.nearest.to, lang) })}
            </a>
          ) : null}
        </p>
      ))}
      {data.columns.map((c) =>
        c.report.attributesWithheld ? (
          <p key={c.wave} className="meta">
            {t(`waves.${c.wave}`)}: {t("release.attributesWithheld", { value: formatCount(c.report.attributesWithheld, lang) })}
          </p>
        ) : c.report.attributesWithheld === null ? (
          <p key={c.wave} className="meta">
            {t(`waves.${c.wave}`)}: {t("release.attributesWithheld", { value: t("release.attributesWithheldSome", { count: k }) })}
          </p>
        ) : null,
      )}
      <p className="actions no-print">
        {t("review.export")}:{" "}
        <a href={`/admin/results/export?${selectionQuery(data.params, { view: "review", format: "csv", lang })}`} download>
          {t("review.csv")}
        </a>{" "}
        ·{" "}
        <a href={`/admin/results/export?${selectionQuery(data.params, { view: "review", format: "xlsx", lang })}`} download>
          {t("review.xlsx")}
        </a>{" "}
        ·{" "}
        <button type="button" className="link-button" onClick={() => window.print()}>
          {t("review.print")}
        </button>
      </p>

      {data.columns.some((c) => c.report.groupSuppressed) ? (
        <p className="notice" role="status">
          {t("review.groupHidden", { count: k })}
        </p>
      ) : null}

      <section className="headline" aria-labelledby="headline">
        <h2 id="headline">{t("review.headline")}</h2>
        <Headline data={data} />
      </section>

      {data.series.map((s) => {
        const ind = data.indicators.find((i) => i.key === s.indicator)!;
        const name = text(ind.label) || ind.key;
        return (
          <section key={`${s.indicator}-${s.wave}`} className="trend">
            <h2>
              {t("review.trend", { indicator: name })} – {t(`waves.${s.wave}`)}
            </h2>
            <IndicatorLineChart
              title={t("review.trendCaption", { indicator: name, wave: t(`waves.${s.wave}`), target: formatShare(s.target, lang) })}
              target={s.target}
              points={s.points.map((p) => ({
                month: pointLabel(p),
                value: p.value === null ? null : p.value * 100,
                low: p.ci95 ? p.ci95[0] * 100 : null,
                high: p.ci95 ? p.ci95[1] * 100 : null,
              }))}
              labels={{ value: name, band: t("review.interval"), target: t("review.target") }}
            />
            <table className="reflow">
              <caption className="visually-hidden">
                {t("review.trendCaption", { indicator: name, wave: t(`waves.${s.wave}`), target: formatShare(s.target, lang) })}
              </caption>
              <thead>
                <tr>
                  <th scope="col">{t("release.blockColumn")}</th>
                  <th scope="col" className="num">{t("review.n")}</th>
                  <th scope="col" className="num">{t("review.share")}</th>
                  <th scope="col">{t("review.interval")}</th>
                </tr>
              </thead>
              <tbody>
                {s.points.map((p) => (
                  <tr key={`${p.month}${p.imported ? "-imported" : ""}`} className={p.imported ? "imported" : undefined} data-testid={p.imported ? "trend-imported" : undefined}>
                    <td>{pointLabel(p)}</td>
                    <td className="num" data-label={t("review.n")}>{p.notFilterable ? t("history:notFilterable") : p.suppressed ? t("review.hidden") : formatCount(p.n, lang)}</td>
                    <td className="num" data-label={t("review.share")}>{p.notInTables ? t("history:notInTables") : formatShare(p.value, lang)}</td>
                    <td data-label={t("review.interval")}>{p.ci95 ? `${formatShare(p.ci95[0], lang)} – ${formatShare(p.ci95[1], lang)}` : "–"}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </section>
        );
      })}

      <ImportedTotals imported={data.imported} indicators={data.indicators} defaultLanguage={data.survey.defaultLanguage} minGroupSize={k} />

      {anyHidden && suggestion ? (
        <p className="notice no-print">
          {t("review.widen")}{" "}
          <a href={`/admin/results?${selectionQuery(data.params, { scope: "range", from: suggestion.from, to: suggestion.to })}`}>
            {t("review.widenLink", { from: formatMonth(suggestion.from, lang), to: formatMonth(suggestion.to, lang) })}
          </a>
        </p>
      ) : null}

      <h2 className="no-print">{t("review.questions")}</h2>
      <div className="questions">
        {data.questions.map((q) => (
          <QuestionSection key={q.key} data={data} questionKey={q.key} />
        ))}
      </div>
    </article>
  );
}

/**
 * The title and period at the top of every printed page. Chromium prints @page margin boxes, and
 * the page context inherits custom properties from the root element; set through the CSSOM so the
 * content security policy (no inline styles) allows it.
 */
function useRunningHead(text: string) {
  useEffect(() => {
    const root = document.documentElement.style;
    root.setProperty("--running-head", JSON.stringify(text)); // a JSON string is a valid CSS string here
    return () => void root.removeProperty("--running-head");
  }, [text]);
}

function Headline({ data }: { data: Data }) {
  const { t, i18n } = useTranslation("results");
  const lang = i18n.language;
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const indicatorName = (key: string) => {
    const ind = data.indicators.find((x) => x.key === key);
    const full = (ind && text(ind.label)) || key;
    return { full, short: (ind?.short && text(ind.short)) || full };
  };
  // the full wording once, under the table whose rows carry the short name
  const explained = data.indicators.map((ind) => indicatorName(ind.key)).filter((n) => n.short !== n.full);
  // a label whose own months are not whole released blocks shows the nearest blocks instead: said,
  // or "the tertial so far" starting in the previous tertial puzzles a board
  return (
    <>
    <table className="headline-table reflow">
      <thead>
        <tr>
          <th scope="col">{t("filters.wave")}</th>
          <th scope="col">{t("review.periodColumn")}</th>
          <th scope="col" className="num">{t("review.responses")}</th>
          <th scope="col" className="num">{t("review.issued")}</th>
          <th scope="col" className="num">{t("review.responseRate")}</th>
          <th scope="col">{t("review.indicator")}</th>
          <th scope="col" className="num">{t("review.n")}</th>
          <th scope="col" className="num">{t("review.share")}</th>
          <th scope="col">{t("review.interval")}</th>
          <th scope="col" className="num">{t("review.target")}</th>
          <th scope="col">{t("review.status")}</th>
        </tr>
      </thead>
      <tbody>
        {data.headlines.map((h) => {
          const r = h.report;
          const inds = r.indicators.length ? r.indicators : [null];
          return inds.map((ind, i) => (
            <tr key={`${h.wave}-${h.label}-${i}`}>
              <td data-label={t("filters.wave")}>{t(`waves.${h.wave}`)}</td>
              <th scope="row" data-label={t("review.periodColumn")}>
                <span>
                  {t(`periods.${h.label}`)}
                  <br />
                  <span className="muted">
                    {h.period.from === h.period.to
                      ? formatMonth(h.period.from, lang)
                      : `${formatMonth(h.period.from, lang)} – ${formatMonth(h.period.to, lang)}`}
                    {h.moved ? <span data-adjusted="">{" *"}</span> : null}
                  </span>
                </span>
              </th>
              <td className="num" data-label={t("review.responses")}>{formatCount(r.responses, lang)}</td>
              <td className="num" data-label={t("review.issued")}>{formatCount(r.issued, lang)}</td>
              <td className="num" data-label={t("review.responseRate")}>{formatShare(r.responseRate, lang)}</td>
              <td data-label={t("review.indicator")}>{ind ? indicatorName(ind.key).short : "–"}</td>
              <td className="num" data-label={t("review.n")}>{ind ? (ind.suppressed ? t("review.hidden") : formatCount(ind.n, lang)) : "–"}</td>
              <td className="num" data-label={t("review.share")}>{formatShare(ind?.value, lang)}</td>
              <td data-label={t("review.interval")}>{ind?.ci95 ? `${formatShare(ind.ci95[0], lang)} – ${formatShare(ind.ci95[1], lang)}` : "–"}</td>
              <td className="num" data-label={t("review.target")}>{ind ? formatShare(ind.target, lang) : "–"}</td>
              <td className={ind ? `status status-${ind.status}` : undefined} data-label={t("review.status")}>
                {ind ? t(`review.statuses.${ind.status}`) : "–"}
              </td>
            </tr>
          ));
        })}
      </tbody>
    </table>
    {data.headlines.some((h) => h.moved) ? <p className="meta">{t("review.headlineAdjusted", { count: data.minGroupSize })}</p> : null}
    {explained.map((n) => (
      <p key={n.short} className="meta">
        {t("review.indicatorExplained", { short: n.short, full: n.full })}
      </p>
    ))}
    </>
  );
}

function HiddenNote({ table, k, wave }: { table: Pick<QuestionTable, "suppressed" | "reason"> | undefined; k: number; wave?: string }) {
  const { t } = useTranslation("results");
  if (!table?.suppressed) return null;
  return (
    <p className="hidden-note">
      {wave ? `${t(`waves.${wave}`)}: ` : ""}
      {hiddenLabel(table.reason, k, t)}
    </p>
  );
}

function QuestionSection({ data, questionKey }: { data: Data; questionKey: string }) {
  const { t, i18n } = useTranslation("results");
  const lang = i18n.language;
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const q = data.questions.find((x) => x.key === questionKey)!;
  const k = data.minGroupSize;
  const columns = data.columns.map((c) => ({ wave: c.wave, table: c.report.questions.find((x) => x.key === q.key), texts: c.texts[q.key] }));
  // a wave that does not ask the question gets a line saying so, not a column of dashes
  const tables = columns.filter((col) => col.table !== undefined);
  const notAsked = columns.filter((col) => col.table === undefined).map((col) => col.wave);
  // both waves on the page: every figure names its wave, even where only one asks the question
  const labelled = columns.length > 1;
  const waveName = (w: string) => t(`waves.${w}`);

  const optionTable = (caption: string, cellsFor: (col: (typeof tables)[number]) => { options?: OptionCell[]; answered: number | null; suppressed: boolean } | undefined) => {
    const cols = tables.map((col) => ({ wave: col.wave, cells: cellsFor(col) }));
    return (
      <>
        <table className={cols.length > 1 ? "reflow" : undefined}>
          <caption className="visually-hidden">{caption}</caption>
          <thead>
            {labelled ? (
              <tr>
                <td />
                {cols.map((c) => (
                  <th key={c.wave} scope="colgroup" colSpan={2}>
                    {waveName(c.wave)}
                  </th>
                ))}
              </tr>
            ) : null}
            <tr>
              <th scope="col">{t("review.option")}</th>
              {cols.map((c) => (
                <Fragment key={c.wave}>
                  <th scope="col" className="num">{t("review.count")}</th>
                  <th scope="col" className="num">{t("review.percent")}</th>
                </Fragment>
              ))}
            </tr>
          </thead>
          <tbody>
            {q.options.map((o) => (
              <tr key={o.key}>
                <th scope="row">{text(o.text)}</th>
                {cols.map((c) => {
                  const cell = c.cells?.options?.find((x) => x.key === o.key);
                  return (
                    <Fragment key={c.wave}>
                      <td className="num" data-label={`${waveName(c.wave)}: ${t("review.count")}`}>{formatCount(cell?.count, lang)}</td>
                      <td className="num" data-label={`${waveName(c.wave)}: ${t("review.percent")}`}>{formatPercent(cell?.percent, lang)}</td>
                    </Fragment>
                  );
                })}
              </tr>
            ))}
            <tr className="total">
              <th scope="row">{t("review.total")}</th>
              {cols.map((c) => (
                <Fragment key={c.wave}>
                  <td className="num" data-label={`${waveName(c.wave)}: ${t("review.count")}`}>{formatCount(c.cells?.answered, lang)}</td>
                  <td className="num" data-label={`${waveName(c.wave)}: ${t("review.percent")}`}>
                    {c.cells && !c.cells.suppressed && c.cells.answered ? formatPercent(100, lang) : "–"}
                  </td>
                </Fragment>
              ))}
            </tr>
          </tbody>
        </table>
      </>
    );
  };

  const chart = (title: string, cellsFor: (col: (typeof tables)[number]) => { options?: OptionCell[]; suppressed: boolean } | undefined) => {
    const visible = tables.filter((col) => cellsFor(col) && !cellsFor(col)!.suppressed);
    if (!visible.length) return null;
    return (
      <PercentBarChart
        title={title}
        labels={q.options.map((o) => text(o.text))}
        series={visible.map((col) => ({
          label: waveName(col.wave),
          values: q.options.map((o) => cellsFor(col)?.options?.find((x) => x.key === o.key)?.percent ?? null),
        }))}
      />
    );
  };

  return (
    <section className="question" data-question={q.key}>
      <h3>{text(q.text)}</h3>
      {q.type === "text" ? (
        tables.map((col) => (
          <div key={col.wave}>
            {labelled ? <h4>{waveName(col.wave)}</h4> : null}
            <p>
              {t("review.answeredCount")}: {formatCount(col.table?.answered, lang)}
            </p>
            <HiddenNote table={col.table} k={k} />
            {col.texts === null || col.texts === undefined ? (
              <p className="hidden-note">{t("release.textsFiltered")}</p>
            ) : (
              <>
                {col.texts.shown.length ? (
                  <>
                    <h4>{t("review.freeText")}</h4>
                    {col.texts.of ? <p className="hidden-note">{t("review.freeTextSample", { count: col.texts.shown.length, of: col.texts.of })}</p> : null}
                    <ul className="free-text">
                      {col.texts.shown.map((s, i) => (
                        <li key={i}>{s}</li>
                      ))}
                    </ul>
                  </>
                ) : col.texts.withheld ? null : (
                  <p>{t("review.freeTextNone")}</p>
                )}
                {col.texts.withheld ? (
                  <p className="hidden-note">{t("release.textsWithheld", { count: col.texts.withheld, k })}</p>
                ) : null}
              </>
            )}
          </div>
        ))
      ) : q.type === "matrix" ? (
        q.rows.map((row) => (
          <div key={row.key} className="matrix-row">
            <h4>{text(row.text)}</h4>
            {optionTable(text(row.text), (col) => col.table?.rows?.find((r) => r.key === row.key))}
            {tables.map((col) => (
              <HiddenNote key={col.wave} table={col.table?.rows?.find((r) => r.key === row.key)} k={k} wave={labelled ? col.wave : undefined} />
            ))}
            {chart(t("review.chart", { question: `${text(q.text)} – ${text(row.text)}` }), (col) => col.table?.rows?.find((r) => r.key === row.key))}
          </div>
        ))
      ) : (
        <>
          {optionTable(text(q.text), (col) => col.table && { options: col.table.options, answered: col.table.answered, suppressed: col.table.suppressed })}
          {tables.map((col) => (
            <HiddenNote key={col.wave} table={col.table} k={k} wave={labelled ? col.wave : undefined} />
          ))}
          {chart(t("review.chart", { question: text(q.text) }), (col) => col.table && { options: col.table.options, suppressed: col.table.suppressed })}
        </>
      )}
      {notAsked.map((wave) => (
        <p key={wave} className="hidden-note" data-not-asked={wave}>
          {t("review.notAskedInWave", { wave: waveName(wave) })}
        </p>
      ))}
      {q.type !== "text" ? (
        <p className="answered-of">
          {tables.map((col) => (
            <span key={col.wave}>
              {labelled ? `${waveName(col.wave)}: ` : ""}
              {t("review.answeredOf")}{" "}
              {/* how many were asked can be withheld (a question only some versions ask: release.server.ts) */}
              {answeredOfLabel(col.table, lang, t)}{" "}
            </span>
          ))}
        </p>
      ) : null}
    </section>
  );
}
