import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { Form, NavLink, Outlet, isRouteErrorResponse, useLoaderData, useLocation, useRouteError } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { i18nPayload, staffLanguage } from "~/i18n/i18n.server";
import { STAFF_NAMESPACES } from "~/i18n/resources.server";
import { hasRole, type Role } from "~/auth/roles";
import { staffPageTitle } from "~/i18n/staff-titles";
import "~/styles/staff.css";

// every staff page below without a meta of its own: the page's name, then the product's
export const meta: MetaFunction<typeof loader> = ({ data, location }) => [
  { title: staffPageTitle(location.pathname, data?.i18n.lang ?? "sv", data?.i18n.resources) },
];

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user, i18n: i18nPayload(staffLanguage(request), STAFF_NAMESPACES) };
}

// i18n-uses: results:nav.title
// i18n-uses: compare:nav.title
/** Staff navigation; each entry shows only to roles that may open it. */
export const NAV: { to: string; label: string; role: Role; end?: boolean }[] = [
  { to: "/admin", label: "nav.home", role: "staff", end: true },
  { to: "/admin/surveys", label: "nav.surveys", role: "manager" },
  { to: "/admin/activate", label: "nav.activate", role: "staff" },
  { to: "/admin/codes", label: "nav.codes", role: "staff" },
  { to: "/admin/paper", label: "nav.paper", role: "staff" },
  { to: "/admin/results", label: "results:nav.title", role: "staff" },
  { to: "/admin/compare", label: "compare:nav.title", role: "manager" },
  { to: "/admin/users", label: "nav.users", role: "admin" },
  { to: "/admin/units", label: "nav.units", role: "orgmanager" },
  { to: "/admin/units/compare", label: "units.compare.title", role: "orgmanager" },
];

export default function AdminLayout() {
  const { user } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  const location = useLocation();
  return (
    <div className="staff">
      <header className="staff-header no-print">
        <a className="brand" href="/admin">
          Brukarröst
        </a>
        <nav aria-label={t("nav.label")}>
          <ul>
            {NAV.filter((item) => hasRole(user.role, item.role)).map((item) => (
              <li key={item.to}>
                <NavLink to={item.to} end={item.end}>
                  {t(item.label)}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
        <div className="who">
          <NavLink to="/admin/account">
            {user.email} ({t(`roles.${user.role}`)})
          </NavLink>
          <Form method="post" action="/language" className="lang-switch">
            <input type="hidden" name="redirectTo" value={location.pathname + location.search} />
            <button type="submit" name="lang" value={i18n.language === "en" ? "sv" : "en"} className="link-button" lang={i18n.language === "en" ? "sv" : "en"} title={t("language")}>
              {i18n.language === "en" ? "Svenska" : "English"}
            </button>
          </Form>
          <Form method="post" action="/logout">
            <button type="submit" className="link-button">
              {t("nav.logout")}
            </button>
          </Form>
        </div>
      </header>
      <main className="staff-main">
        <Outlet />
      </main>
    </div>
  );
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("staff");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main className="staff-main">
      <h1>{status === 403 ? t("errors.forbidden") : status === 404 ? t("errors.notFound") : t("errors.generic")}</h1>
      <p>
        <a href="/admin">{t("nav.home")}</a>
      </p>
    </main>
  );
}
