import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLocation, useRouteLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hasRole } from "~/auth/roles";
import { requireUser } from "~/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

/** Result pages share their selection: the sub-navigation keeps the query string. */
export default function ResultsLayout() {
  const { t } = useTranslation("results");
  const { search } = useLocation();
  const role = useRouteLoaderData<{ user: { role: string } }>("routes/admin")?.user.role ?? "staff";
  return (
    <>
      <nav className="subnav no-print" aria-label={t("nav.label")}>
        <ul>
          <li>
            <NavLink to={`/admin/results${search}`} end>
              {t("nav.review")}
            </NavLink>
          </li>
          <li>
            <NavLink to={`/admin/results/reach${search}`}>{t("nav.reach")}</NavLink>
          </li>
          {hasRole(role, "manager") ? (
            <li>
              <NavLink to="/admin/results/import">{t("history:title")}</NavLink>
            </li>
          ) : null}
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
