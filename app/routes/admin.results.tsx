import type { LoaderFunctionArgs } from "@remix-run/node";
import { NavLink, Outlet, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request);
  return null;
}

/** Result pages share their selection: the sub-navigation keeps the query string. */
export default function ResultsLayout() {
  const { t } = useTranslation("results");
  const { search } = useLocation();
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
        </ul>
      </nav>
      <Outlet />
    </>
  );
}
