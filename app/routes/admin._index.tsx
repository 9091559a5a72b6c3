import type { LoaderFunctionArgs } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { requireUser } from "~/auth/session.server";
import { listSurveys } from "~/survey/store.server";

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request);
  return { user, surveys: await listSurveys() };
}

export default function StaffHome() {
  const { user, surveys } = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("staff");
  return (
    <>
      <h1>{t("home.title")}</h1>
      <p>{t("home.welcome", { email: user.email })}</p>
      <h2>{t("home.surveys")}</h2>
      <ul>
        {surveys.map((s) => (
          <li key={s.slug}>
            {s.title[i18n.language] ?? s.title[s.defaultLanguage]} — {t("home.versions", { count: s.versions.length })}
          </li>
        ))}
      </ul>
    </>
  );
}
