import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole, type Role } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";
import { requestUnits, visibilityOf } from "~/units/units.server";
import { shownCodeCounts } from "~/codes/dashboard.server";
import { LOW_STOCK } from "~/home/attention";
import { attention } from "~/home/attention.server";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { formatMonth, formatShare } from "~/results/format";
import { monthOf } from "~/utils/months";

/** The start page: the tasks of the day for this role, and this month's code counts. */
const TASKS: { to: string; key: string; role: Role }[] = [
  { to: "/admin/activate", key: "activate", role: "staff" },
  { to: "/admin/codes", key: "codes", role: "staff" },
  { to: "/admin/results", key: "review", role: "staff" },
  { to: "/admin/results/reach", key: "reach", role: "staff" },
  { to: "/admin/compare", key: "compare", role: "manager" },
  { to: "/admin/surveys", key: "surveys", role: "manager" },
  { to: "/admin/users", key: "users", role: "admin" },
  { to: "/admin/units", key: "units", role: "admin" },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  const month = monthOf(new Date());
  // the account's unit; an organisation role sees its organisation's units together
  const units = await requestUnits(user, null);
  const { scope } = units;
  // answered only once no code of the month can be answered any more (participation.ts): for the
  // current month, never
  const thisMonth = await shownCodeCounts(new Date(), scope.unitIds, month);
  const settled = thisMonth.map((c) => c.settled);
  return {
    user,
    month,
    issued: thisMonth.reduce((n, c) => n + c.issued, 0),
    answered: settled.every((c) => c !== null) ? settled.reduce((n, c) => n + c!.answered, 0) : null,
    attention: await attention(new Date(), { scope, unitId: user.unitId, visible: visibilityOf(units) }),
    tasks: TASKS.filter((task) => hasRole(user.role, task.role)).map(({ to, key }) => ({ to, key })),
  };
}

export default function StaffHome() {
  const { user, month, issued, answered, tasks, attention } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const lang = i18n.language;
  const languageName = (code: string) => RESPONDENT_LANGUAGES.find((l) => l.code === code)?.name ?? code;
  const monthName = new Intl.DateTimeFormat(i18n.language, { month: "long", year: "numeric" }).format(new Date(`${month}-15`));
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p>{t("home.welcome", { email: user.email })}</p>
      <p className="notice">
        {answered === null ? t("home.thisMonthOpen", { month: monthName, issued }) : t("home.thisMonth", { month: monthName, issued, answered })}
      </p>
      <section aria-labelledby="attention-heading" className="attention">
        <h2 id="attention-heading">{t("home.attention.title")}</h2>
        <ul>
          {attention.indicators.length === 0 ? <li>{t("home.attention.noRelease")}</li> : null}
          {attention.indicators.map((ind) => (
            <li key={`${ind.wave}-${ind.key}`} className={`status status-${ind.status}`}>
              {t(`home.attention.indicator.${ind.status}`, {
                indicator: ind.label[lang] ?? ind.label.sv ?? ind.key,
                wave: t(`home.attention.waves.${ind.wave}`),
                period: ind.period.from === ind.period.to ? formatMonth(ind.period.from, lang) : `${formatMonth(ind.period.from, lang)} – ${formatMonth(ind.period.to, lang)}`,
                value: formatShare(ind.value, lang),
                target: formatShare(ind.target, lang),
              })}{" "}
              <Link to="/admin/results">{t("home.attention.toReview")}</Link>
            </li>
          ))}
          <li>
            {attention.followups.due === 0
              ? t("home.attention.followupsNone", { month: formatMonth(attention.followups.closureMonth, lang) })
              : t("home.attention.followups", { count: attention.followups.due, month: formatMonth(attention.followups.closureMonth, lang) })}{" "}
            {attention.followups.due > 0 ? <Link to="/admin/activate">{t("home.attention.toActivate")}</Link> : null}
          </li>
          <li>
            {attention.stock.length === 0 ? (
              t("home.attention.noStock")
            ) : (
              <>
                {t("home.attention.stock")}{" "}
                {attention.stock.map((s, i) => (
                  <span key={`${s.survey}-${s.lang}`} className={s.count < LOW_STOCK ? "low-stock" : undefined}>
                    {i > 0 ? ", " : null}
                    {t("home.attention.stockLanguage", { count: s.count, language: languageName(s.lang) })}
                  </span>
                ))}
              </>
            )}{" "}
            <Link to="/admin/stock">{t("home.attention.toStock")}</Link>
          </li>
          {attention.translations.length > 0 ? (
            <li>
              {t("home.attention.translations", {
                languages: attention.translations.map((a) => `${languageName(a.lang)} (${t(`home.attention.review.${a.reason}`)})`).join(", "),
                version: attention.translations[0]!.version,
              })}
            </li>
          ) : null}
        </ul>
      </section>
      {/* i18n-uses: staff:home.tasks.* */}
      <ul className="tasks">
        {tasks.map((task) => (
          <li key={task.to}>
            <Link to={task.to}>{t(`home.tasks.${task.key}.title`)}</Link>
            <p>{t(`home.tasks.${task.key}.text`)}</p>
          </li>
        ))}
      </ul>
    </>
  );
}
