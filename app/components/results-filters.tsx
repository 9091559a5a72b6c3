import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { unitDisplayName } from "~/units/scope";
import type { LocalizedText } from "~/survey/definition";
import { localized } from "~/survey/definition";

export type FilterProps = {
  surveys: { slug: string; title: LocalizedText }[];
  versions: { version: number; label: string }[];
  params: {
    survey: string;
    month: string;
    scope: string;
    from?: string;
    to?: string;
    wave?: string;
    version: number[];
    role?: string;
    gender?: string;
    group?: string;
    referral?: string;
    unit?: string;
  };
  /** the units the user may choose between (decision 0023); no selector for one or none */
  units?: UnitOption[];
  groupOptions?: { role: { key: string; text: LocalizedText }[]; gender: { key: string; text: LocalizedText }[] };
};

const SCOPES = ["month", "tertial", "rolling12", "year", "range"] as const;

/** The selection as a plain GET form: every view is a URL that can be bookmarked or exported. */
export function ResultFilters({ surveys, versions, params, groupOptions, units }: FilterProps) {
  const { t, i18n } = useTranslation("results");
  const lang = i18n.language;
  return (
    <Form method="get" className="filters no-print" aria-label={t("filters.legend")}>
      <UnitChoice id="f-unit" units={units} chosen={params.unit} />
      <SurveyChoice id="f-survey" label={t("filters.survey")} surveys={surveys} chosen={params.survey} lang={lang} />
      <div>
        <label htmlFor="f-month">{t("filters.month")}</label>
        <input id="f-month" type="month" name="month" defaultValue={params.month} required pattern="\d{4}-\d{2}" />
      </div>
      <div>
        <label htmlFor="f-scope">{t("filters.scope")}</label>
        <select id="f-scope" name="scope" defaultValue={params.scope}>
          {SCOPES.map((s) => (
            <option key={s} value={s}>
              {t(`filters.scopes.${s}`)}
            </option>
          ))}
        </select>
      </div>
      <MonthRange idPrefix="f" fromLabel={t("filters.from")} toLabel={t("filters.to")} from={params.from} to={params.to} />
      <div>
        <label htmlFor="f-wave">{t("filters.wave")}</label>
        <select id="f-wave" name="wave" defaultValue={params.wave ?? ""}>
          <option value="">{t("filters.allWaves")}</option>
          <option value="closure">{t("waves.closure")}</option>
          <option value="followup">{t("waves.followup")}</option>
        </select>
      </div>
      <VersionChoice legend={t("filters.versions")} versions={versions} chosen={params.version} />
      {groupOptions ? (
        <>
          {(["role", "gender"] as const).map((name) =>
            groupOptions[name].length ? (
              <div key={name}>
                <label htmlFor={`f-${name}`}>{t(`filters.${name}`)}</label>
                <select id={`f-${name}`} name={name} defaultValue={params[name] ?? ""}>
                  <option value="">{t("filters.any")}</option>
                  {groupOptions[name].map((o) => (
                    <option key={o.key} value={o.key}>
                      {localized(o.text, lang)}
                    </option>
                  ))}
                </select>
              </div>
            ) : null,
          )}
          <div>
            <label htmlFor="f-group">{t("filters.group")}</label>
            <select id="f-group" name="group" defaultValue={params.group ?? ""}>
              <option value="">{t("filters.any")}</option>
              {(["subjected", "perpetrator", "both"] as const).map((g) => (
                <option key={g} value={g}>
                  {t(`groups.${g}`)}
                </option>
              ))}
            </select>
          </div>
          <div>
            <label htmlFor="f-referral">{t("filters.referral")}</label>
            <select id="f-referral" name="referral" defaultValue={params.referral ?? ""}>
              <option value="">{t("filters.any")}</option>
              {(["police", "self", "social_services", "other"] as const).map((r) => (
                <option key={r} value={r}>
                  {t(`referrals.${r}`)}
                </option>
              ))}
            </select>
          </div>
        </>
      ) : null}
      <div className="filters-submit">
        <button type="submit">{t("filters.show")}</button>
      </div>
    </Form>
  );
}

/** The current selection as a query string, for export links and "widen the period" links. */
export function selectionQuery(params: FilterProps["params"], override: Record<string, string> = {}): string {
  const q = new URLSearchParams();
  const set = (k: string, v: string | undefined) => {
    if (v) q.set(k, v);
  };
  set("survey", params.survey);
  set("month", params.month);
  set("scope", params.scope);
  set("from", params.from);
  set("to", params.to);
  set("wave", params.wave);
  for (const v of params.version) q.append("version", String(v));
  set("role", params.role);
  set("gender", params.gender);
  set("group", params.group);
  set("referral", params.referral);
  set("unit", params.unit);
  for (const [k, v] of Object.entries(override)) q.set(k, v);
  return q.toString();
}

export type UnitOption = { slug: string; name: string };

/**
 * The unit a results page shows, for an organisation role: one unit or all pooled (""). Not
 * rendered when the user has one unit to see: a single-team install looks as before units.
 */
export function UnitChoice(props: { id: string; units?: UnitOption[]; chosen?: string }) {
  const { t } = useTranslation("common");
  if (!props.units || props.units.length < 2) return null;
  return (
    <div>
      <label htmlFor={props.id}>{t("units.label")}</label>
      <select id={props.id} name="unit" defaultValue={props.chosen ?? ""}>
        <option value="">{t("units.pooled")}</option>
        {props.units.map((u) => (
          <option key={u.slug} value={u.slug}>
            {unitDisplayName(u, t("units.ours"))}
          </option>
        ))}
      </select>
    </div>
  );
}

/** Questionnaire versions to include, as check boxes named `version` (none ticked = all). */
export function VersionChoice(props: { legend: string; versions: { version: number; label: string }[]; chosen: number[] }) {
  return (
    <fieldset>
      <legend>{props.legend}</legend>
      {props.versions.map((v) => (
        <label key={v.version} className="inline">
          <input type="checkbox" name="version" value={v.version} defaultChecked={props.chosen.includes(v.version)} />{" "}
          {v.version} {v.label ? `(${v.label})` : ""}
        </label>
      ))}
    </fieldset>
  );
}

/** A range of months as two `month` inputs named `from` and `to`. */
export function MonthRange(props: { idPrefix: string; fromLabel: string; toLabel: string; from?: string; to?: string }) {
  return (
    <>
      <div>
        <label htmlFor={`${props.idPrefix}-from`}>{props.fromLabel}</label>
        <input id={`${props.idPrefix}-from`} type="month" name="from" defaultValue={props.from ?? ""} pattern="\d{4}-\d{2}" />
      </div>
      <div>
        <label htmlFor={`${props.idPrefix}-to`}>{props.toLabel}</label>
        <input id={`${props.idPrefix}-to`} type="month" name="to" defaultValue={props.to ?? ""} pattern="\d{4}-\d{2}" />
      </div>
    </>
  );
}

/** The survey to show, named in the staff member's language. */
export function SurveyChoice(props: {
  id: string;
  label: string;
  surveys: { slug: string; title: LocalizedText }[];
  chosen: string;
  lang: string;
}) {
  return (
    <div>
      <label htmlFor={props.id}>{props.label}</label>
      <select id={props.id} name="survey" defaultValue={props.chosen}>
        {props.surveys.map((s) => (
          <option key={s.slug} value={s.slug}>
            {localized(s.title, props.lang)}
          </option>
        ))}
      </select>
    </div>
  );
}
