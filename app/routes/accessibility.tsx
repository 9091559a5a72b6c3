import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { respondentLanguage } from "~/respondent/language.server";
import { simplePage } from "~/respondent/page.server";
import { AccessibilityStatement, RespondentShell, respondentHandle } from "~/respondent/shell";

export const handle = respondentHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Enkät" }];

export async function loader({ request }: LoaderFunctionArgs) {
  return simplePage(respondentLanguage(request));
}

export default function AccessibilityPage() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("respondent");
  return (
    <RespondentShell lang={page.i18n.lang} languageHref={(l) => `/accessibility?lang=${l}`}>
      <h1>{t("accessibility.heading")}</h1>
      <AccessibilityStatement />
      <p>
        <a href={`/s?lang=${page.i18n.lang}`}>{t("accessibility.back")}</a>
      </p>
    </RespondentShell>
  );
}
