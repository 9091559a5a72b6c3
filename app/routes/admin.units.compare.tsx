import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { MonthRange, SurveyChoice } from "~/components/results-filters";
import { formatCount, formatMonth, formatShare } from "~/results/format";
import { isMonth, rolling12 } from "~/results/period";
import { lastClosedMonth } from "~/results/releases";
import { localized, WAVES } from "~/survey/definition";
import { listSurveyTitles } from "~/survey/store.server";
import { compareUnits } from "~/units/compare.server";
import { seesOrganisation, unitDisplayName } from "~/units/scope";
import { requestUnits, visibilityOf } from "~/units/units.server";
import { monthOf } from "~/utils/months";

const blank = (v: unknown) => (v === "" || v === null ? undefined : v);
export const UnitCompareParamsSchema = z.object({
  survey: z.preprocess(blank, z.string().regex(/^[a-z0-9][a-z0-9-]*$/).max(64).optional()),
  from: z.preprocess(blank, z.string().refine(isMonth).optional()),
  to: z.preprocess(blank, z.string().refine(isMonth).optional()),
  wave: z.preprocess(blank, z.enum(WAVES).default("closure")),
});

/** Organisation roles only: the units of the account's organisation, each on its own releases. */
export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "orgmanager");
  if (!seesOrganisation(user.role)) throw new Response("Forbidden", { status: 403 });
  const url = new URL(request.url);
  const parsed = UnitCompareParamsSchema.safeParse(Object.fromEntries(url.searchParams));
  const params = parsed.success ? parsed.data : UnitCompareParamsSchema.parse({});
  const { choices } = await requestUnits(user, null);
  const surveys = await listSurveyTitles(visibilityOf({ choices }));
  const survey = surveys.find((s) => s.slug === params.survey) ?? surveys[0];
  if (!survey) return null;
  const whole = rolling12(lastClosedMonth(monthOf(new Date())));
  const period = { from: params.from ?? whole.from, to: params.to ?? whole.to };
  if (period.from > period.to) period.from = period.to;
  const { columns, indicators } = await compareUnits({ survey: survey.slug, period, wave: params.wave }, choices);
  return { surveys, survey, params: { ...params, survey: survey.slug, ...period }, columns, indicators };
}

export default function UnitComparison() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const lang = i18n.language;
  if (!data) return <p>{t("units.compare.noSurvey")}</p>;
  const { columns, params, indicators } = data;
  const span = (p: { from: string; to: string } | null) =>
    p ? (p.from === p.to ? formatMonth(p.from, lang) : `${formatMonth(p.from, lang)} – ${formatMonth(p.to, lang)}`) : "–";
  return (
    <article className="results">
      <h1>{t("units.compare.title")}</h1>
      <p>{t("units.compare.intro")}</p>
      <Form method="get" className="filters no-print" aria-label={t("units.compare.title")}>
        <SurveyChoice id="u-survey" label={t("units.compare.survey")} surveys={data.surveys} chosen={params.survey} lang={lang} />
        <MonthRange idPrefix="u" fromLabel={t("units.compare.from")} toLabel={t("units.compare.to")} from={params.from} to={params.to} />
        <div>
          <label htmlFor="u-wave">{t("units.compare.wave")}</label>
          <select id="u-wave" name="wave" defaultValue={params.wave}>
            {WAVES.map((w) => (
              <option key={w} value={w}>
                {t(`units.compare.waves.${w}`)}
              </option>
            ))}
          </select>
        </div>
        <div className="filters-submit">
          <button type="submit">{t("units.compare.show")}</button>
        </div>
      </Form>
      <table className="reflow">
        <thead>
          <tr>
            <th scope="col">{t("units.compare.unit")}</th>
            <th scope="col">{t("units.compare.months")}</th>
            <th scope="col">{t("units.compare.responses")}</th>
            <th scope="col">{t("units.compare.issued")}</th>
            {indicators.map((i) => (
              <th scope="col" key={i.key}>
                {localized(i.label, lang, data.survey.defaultLanguage)}
              </th>
            ))}
          </tr>
        </thead>
        <tbody>
          {columns.map((c) => (
            <tr key={c.unit?.slug ?? "pooled"}>
              <th scope="row">{c.unit ? unitDisplayName(c.unit, t("common:units.ours")) : t("units.compare.pooled")}</th>
              <td>{span(c.period)}</td>
              {c.report ? (
                <>
                  <td>{formatCount(c.report.responses, lang)}</td>
                  <td>{formatCount(c.report.issued, lang)}</td>
                  {indicators.map((i) => {
                    const v = c.report!.indicators.find((x) => x.key === i.key);
                    return <td key={i.key}>{v && v.value !== null ? `${formatShare(v.value, lang)} (n = ${formatCount(v.n, lang)})` : t("units.compare.hidden")}</td>;
                  })}
                </>
              ) : (
                <td colSpan={2 + indicators.length}>{t("units.compare.withheld")}</td>
              )}
            </tr>
          ))}
        </tbody>
      </table>
      <p className="meta">{t("units.compare.note")}</p>
    </article>
  );
}
