/**
 * Versions and waves side by side (managers). A plain GET form chooses survey, versions, period
 * and wave, so every comparison is a URL that works without JavaScript, bookmarks and exports.
 */
import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { unitOptions, unitsOfRequest, visibilityOf } from "~/units/units.server";
import { intervalText, SideTable } from "~/components/compare-tables";
import { DetectableText, Fold, SummaryTable, useOpenFoldsForPrint } from "~/components/compare-summary";
import { columnLabel, comparedVersions, verdictLabel } from "~/results/compare-labels";
import { PercentBarChart } from "~/components/results-charts";
import { MonthRange, SurveyChoice, UnitChoice, VersionChoice, type UnitOption } from "~/components/results-filters";
import type { IndicatorComparison, KeyClass, SideBySide, SidePart } from "~/results/compare";
import { loadCompare, parseCompareParams, type CompareData } from "~/results/compare.server";
import { formatCount, formatMonth, formatShare } from "~/results/format";
import { localized, WAVES } from "~/survey/definition";
import "~/styles/compare.css";
import { ImportedTotals } from "~/components/imported-totals";

export async function loader({ request }: LoaderFunctionArgs) {
  const units = await unitsOfRequest(await requireUser(request, "manager"), request);
  return { data: await loadCompare(parseCompareParams(new URL(request.url)), units.scope, visibilityOf(units)), units: unitOptions(units) };
}

type Data = NonNullable<CompareData>;

/** The selection as a query string, for the download links. */
export function compareQuery(params: Data["params"], extra: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  q.set("survey", params.survey);
  for (const v of params.version) q.append("version", String(v));
  if (params.from) q.set("from", params.from);
  if (params.to) q.set("to", params.to);
  q.set("wave", params.wave);
  if (params.unit) q.set("unit", params.unit);
  for (const [k, v] of Object.entries(extra)) q.set(k, v);
  return q.toString();
}

export default function ComparePage() {
  const { data, units } = useLoaderData<typeof loader>();
  const { t } = useTranslation("compare");
  if (!data) return <p>{t("noSurvey")}</p>;
  return <Compare data={data as Data} units={units} />;
}

function Filters({ data, units }: { data: Data; units: UnitOption[] }) {
  const { t, i18n } = useTranslation("compare");
  const p = data.params;
  return (
    <Form method="get" className="filters no-print" aria-label={t("filters.legend")}>
      <UnitChoice id="c-unit" units={units} chosen={p.unit} />
      <SurveyChoice id="c-survey" label={t("filters.survey")} surveys={data.surveys} chosen={p.survey} lang={i18n.language} />
      <VersionChoice legend={t("filters.versions")} versions={data.survey.versions} chosen={p.version} />
      <MonthRange idPrefix="c" fromLabel={t("filters.from")} toLabel={t("filters.to")} from={p.from} to={p.to} />
      <div>
        <label htmlFor="c-wave">{t("filters.wave")}</label>
        <select id="c-wave" name="wave" defaultValue={p.wave}>
          {WAVES.map((w) => (
            <option key={w} value={w}>
              {t(`waves.${w}`)}
            </option>
          ))}
        </select>
      </div>
      <div className="filters-submit">
        <button type="submit">{t("filters.show")}</button>
      </div>
    </Form>
  );
}

function Compare({ data, units }: { data: Data; units: UnitOption[] }) {
  const { t, i18n } = useTranslation("compare");
  const lang = i18n.language;
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const c = data.comparison;
  const k = data.minGroupSize;
  const classOf = (key: string) => data.classes.find((x) => x.key === key)!;
  useOpenFoldsForPrint();
  return (
    <article className="results compare">
      <h1>
        {t("title")}: {text(data.survey.title)}
      </h1>
      <Filters data={data} units={units} />
      {data.withheld ? (
        <p className="notice" role="status" data-testid="withheld">
          {t(`release.withheld.${data.withheld.code}`, { wave: t(`waves.${data.params.wave}`), count: k })}{" "}
          {data.withheld.nearest ? (
            <a href={`/admin/compare?${compareQuery({ ...data.params, from: data.withheld.nearest.from, to: data.withheld.nearest.to }, {})}`}>
              {t("release.nearest", { from: formatMonth(data.withheld.nearest.from, lang), to: formatMonth(data.withheld.nearest.to, lang) })}
            </a>
          ) : null}
        </p>
      ) : data.error || !c ? (
        <p className="notice" role="alert">
          {data.error === "noAnswers" && data.params.from && data.params.to
            ? t("noAnswers", { from: formatMonth(data.params.from, lang), to: formatMonth(data.params.to, lang) })
            : t("tooFewVersions")}
        </p>
      ) : (
        <>
          <p className="meta">
            {t("period", { from: formatMonth(c.from, lang), to: formatMonth(c.to, lang) })} · {t(`waves.${c.wave}`)}
          </p>
          <p className="meta" data-compared>
            {t("compared", { list: comparedVersions(c, k, t) })}
            {c.versions.length > c.answered.length ? (
              <>
                {" "}
                · <span data-no-answers>{t("noAnswersList", { list: c.versions.filter((v) => !c.answered.includes(v)).join(", ") })}</span>
              </>
            ) : null}
          </p>
          <p className="meta">{t("minGroup", { count: k })}</p>
          {c.withheld.map((w) => (
            <p key={w.column} className="notice" role="status" data-testid="column-withheld">
              {t("release.columnWithheld", { column: columnLabel(w.column, t), count: k })}
            </p>
          ))}
          <p className="actions no-print">
            {t("export")}:{" "}
            <a href={`/admin/compare/export?${compareQuery(data.params, { format: "csv", lang })}`} download>
              {t("csv")}
            </a>{" "}
            ·{" "}
            <a href={`/admin/compare/export?${compareQuery(data.params, { format: "xlsx", lang })}`} download>
              {t("xlsx")}
            </a>{" "}
            ·{" "}
            <button type="button" className="link-button" onClick={() => window.print()}>
              {t("print")}
            </button>
          </p>

          <section aria-labelledby="summary-h" className="compare-summary">
            <h2 id="summary-h">{t("summary.title")}</h2>
            <div className="table-scroll">
              <SummaryTable
                lines={c.summary}
                columns={c.answered.map(String)}
                texts={{
                  question: (key) => text(classOf(key).text) || key,
                  row: (q, row) => text(classOf(q).rows.find((r) => r.key === row)?.text ?? {}) || row,
                  option: (q, o) => text(classOf(q).options.find((x) => x.key === o)?.text ?? {}) || o,
                  indicator: (key) => text(data.indicators.find((i) => i.key === key)?.label ?? {}) || key,
                  indicatorOptions: (key) => {
                    const ind = data.indicators.find((i) => i.key === key);
                    const q = ind && data.classes.find((x) => x.key === ind.question);
                    return ind && q ? ind.success.map((o) => text(q.options.find((x) => x.key === o)?.text ?? {}) || o).join(", ") : "";
                  },
                }}
              />
            </div>
            <DetectableText note={c.detectable} />
            <p className="notice">{t("verdictHelp")}</p>
          </section>

          <section aria-labelledby="details-h" className="compare-details">
            <h2 id="details-h">{t("details.title")}</h2>
            <p className="no-print">{t("details.help")}</p>
            <Fold name="presence" title={t("presence.title")}>
              <Presence data={data} />
            </Fold>
            {c.indicators.map((ind) => (
              <Fold key={ind.key} name={`indicator-${ind.key}`} title={indicatorName(ind, data, lang)} note={verdictLabel(ind.verdict, ind.cells.length, t)}>
                <IndicatorTable ind={ind} data={data} />
              </Fold>
            ))}
            {c.questions
              .filter((q) => q.status === "shared")
              .map((q) => (
                <Fold key={q.key} name={`question-${q.key}`} title={text(classOf(q.key).text)} note={foldNote(q.parts, t)}>
                  <QuestionBlock data={data} cls={classOf(q.key)} parts={q.parts ?? null} wording={q.wording ?? []} heading={false} />
                </Fold>
              ))}
          </section>

          <section aria-labelledby="more-h" className="compare-details compare-more">
            <h2 id="more-h">{t("details.more")}</h2>
            <p className="no-print">{t("details.moreHelp")}</p>
            <Fold name="pooled" title={t("pooled.title")} printOnlyOpen>
              <p>{t("pooled.intro", { list: c.pooled.versions.join(", "), count: c.pooled.responses ?? 0 })}</p>
              {c.pooled.indicators.map((ind) => (
                <IndicatorTable key={ind.key} ind={ind} data={data} />
              ))}
              {c.pooled.questions.map((q) => (
                <QuestionBlock key={q.key} data={data} cls={classOf(q.key)} parts={q.parts} verdicts={false} idPrefix="pooled" />
              ))}
            </Fold>
            <Fold name="waves" title={t("waves.title")} printOnlyOpen>
              <p className="notice cohort-note">{t("waves.cohorts")}</p>
              <p className="meta">
                {t("side.responses")}:{" "}
                {c.waves.responses.map((r) => `${columnLabel(r.column, t)} ${formatCount(r.n, lang)}`).join(" · ")}
              </p>
              {c.waves.indicators.map((ind) => (
                <IndicatorTable key={ind.key} ind={ind} data={data} />
              ))}
              {c.waves.questions.length ? (
                c.waves.questions.map((q: SideBySide) => (
                  <QuestionBlock key={q.key} data={data} cls={classOf(q.key)} parts={q.parts} idPrefix="waves" />
                ))
              ) : (
                <p>{t("waves.none")}</p>
              )}
            </Fold>
          </section>
        </>
      )}
      <ImportedTotals imported={data.imported} indicators={data.indicators} defaultLanguage={data.survey.defaultLanguage} minGroupSize={k} />
    </article>
  );
}

function indicatorName(ind: IndicatorComparison, data: Data, lang: string): string {
  return localized(ind.label, lang, data.survey.defaultLanguage) || ind.key;
}

/** The fold's one-line hint: a difference in any option (or matrix row) is worth opening for. */
function foldNote(parts: SidePart[] | undefined, t: TFunction): string {
  const differs = (parts ?? []).flatMap((p) => p.options).find((o) => o.verdict?.kind === "difference");
  return differs ? verdictLabel(differs.verdict, differs.cells.length, t) : "";
}

function Presence({ data }: { data: Data }) {
  const { t, i18n } = useTranslation("compare");
  const c = data.comparison!;
  const text = (x: Record<string, string>) => localized(x, i18n.language, data.survey.defaultLanguage);
  const apart = c.questions.filter((q) => q.status !== "shared");
  const row = (q: (typeof c.questions)[number]) => (
    <tr key={q.key} data-key={q.key}>
      <th scope="row">
        {text(data.classes.find((x) => x.key === q.key)!.text)} <code>{q.key}</code>
      </th>
      {c.versions.map((v) => (
        <td key={v} className="presence" data-label={columnLabel(String(v), t)}>
          {q.inVersions.includes(v) ? t("presence.yes") : t("presence.no")}
        </td>
      ))}
      <td data-label={t("presence.status")}>
        {t(`status.${q.status}`)}
        {q.reworded ? ` (${t("reworded")})` : ""}
      </td>
    </tr>
  );
  const head = (
    <thead>
      <tr>
        <th scope="col">{t("presence.question")}</th>
        {c.versions.map((v) => (
          <th key={v} scope="col">
            {columnLabel(String(v), t)}
          </th>
        ))}
        <th scope="col">{t("presence.status")}</th>
      </tr>
    </thead>
  );
  return (
    <div className="compare-presence">
      <p>{t("presence.intro")}</p>
      <h3 id="shared-h">{t("presence.shared")}</h3>
      <table className="presence-table reflow" aria-labelledby="shared-h" data-list="shared">
        {head}
        <tbody>{c.questions.filter((q) => q.status === "shared").map(row)}</tbody>
      </table>
      <h3 id="apart-h">{t("presence.apart")}</h3>
      {apart.length ? (
        <table className="presence-table reflow" aria-labelledby="apart-h" data-list="apart">
          {head}
          <tbody>{apart.map(row)}</tbody>
        </table>
      ) : (
        <p>{t("presence.none")}</p>
      )}
    </div>
  );
}

function QuestionBlock({
  data,
  cls,
  parts,
  wording = [],
  verdicts = true,
  idPrefix = "side",
  heading = true,
}: {
  data: Data;
  cls: KeyClass;
  parts: SidePart[] | null;
  wording?: { version: number; text: Record<string, string> }[];
  verdicts?: boolean;
  idPrefix?: string;
  /** false inside a fold, whose summary already names the question */
  heading?: boolean;
}) {
  const { t, i18n } = useTranslation("compare");
  const lang = i18n.language;
  const text = (x: Record<string, string>) => localized(x, lang, data.survey.defaultLanguage);
  const optionText = (key: string) => text(cls.options.find((o) => o.key === key)?.text ?? {}) || key;
  const title = text(cls.text);
  return (
    <section className="compare-question" data-question={cls.key} data-view={idPrefix}>
      {heading ? <h3>{title}</h3> : null}
      {wording.length ? (
        <div className="reworded">
          <p>
            <strong>{t("reworded")}</strong>: {t("rewordedHelp")}
          </p>
          <ul>
            {wording.map((w) => (
              <li key={w.version}>
                {columnLabel(String(w.version), t)}: {t("quoted", { text: text(w.text) })}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {!parts ? (
        <p className="hidden-note">{t("notInWave")}</p>
      ) : cls.type === "text" ? (
        <p>
          {t("table.answered")}:{" "}
          {parts[0]!.columns.map((c) => `${columnLabel(c.column, t)} ${formatCount(c.answered, lang)}`).join(" · ")}
        </p>
      ) : (
        parts.map((p) => {
          const caption = p.row ? `${title} – ${text(cls.rows.find((r) => r.key === p.row)?.text ?? {}) || p.row}` : title;
          const visible = p.columns.filter((c) => !c.suppressed && !c.notAsked);
          return (
            <div key={p.row ?? ""} className="compare-part">
              {p.row ? <h4>{caption}</h4> : null}
              <SideTable part={p} caption={caption} optionText={optionText} k={data.minGroupSize} verdicts={verdicts} />
              {visible.length ? (
                <PercentBarChart
                  title={t("chart", { question: caption })}
                  labels={p.options.map((o) => optionText(o.key))}
                  series={visible.map((col) => ({
                    label: columnLabel(col.column, t),
                    values: p.options.map((o) => o.cells.find((x) => x.column === col.column)?.percent ?? null),
                  }))}
                />
              ) : null}
            </div>
          );
        })
      )}
    </section>
  );
}

function IndicatorTable({ ind, data }: { ind: IndicatorComparison; data: Data }) {
  const { t, i18n } = useTranslation("compare");
  const lang = i18n.language;
  const name = indicatorName(ind, data, lang);
  return (
    <div className="indicator" data-indicator={ind.key}>
      <h3>{t("indicator.title", { indicator: name, target: formatShare(ind.target, lang) })}</h3>
      <table className="reflow">
        <thead>
          <tr>
            <th scope="col">{t("indicator.column")}</th>
            <th scope="col" className="num">{t("indicator.n")}</th>
            <th scope="col" className="num">{t("indicator.share")}</th>
            <th scope="col">
              <abbr title={t("table.intervalLong")}>{t("table.interval")}</abbr>
            </th>
            <th scope="col">{t("indicator.status")}</th>
          </tr>
        </thead>
        <tbody>
          {ind.cells.map((cell) => (
            <tr key={cell.column}>
              <th scope="row">{columnLabel(cell.column, t)}</th>
              <td className="num" data-label={t("indicator.n")}>{cell.suppressed ? t("hidden.short") : formatCount(cell.n, lang)}</td>
              <td className="num" data-label={t("indicator.share")}>{formatShare(cell.value, lang)}</td>
              <td data-label={t("table.interval")}>{intervalText(cell.ci95, lang)}</td>
              <td className={`status status-${cell.status}`} data-label={t("indicator.status")}>{statusLabel(cell.status, t)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      {ind.verdict ? (
        <p className="indicator-verdict">
          {t("table.verdict")}: <strong>{verdictLabel(ind.verdict, ind.cells.length, t)}</strong>
        </p>
      ) : null}
    </div>
  );
}

function statusLabel(status: string, t: TFunction): string {
  return t(`indicator.statuses.${status}`);
}
