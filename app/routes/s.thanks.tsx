import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { respondentLanguage } from "~/respondent/language.server";
import { simplePage } from "~/respondent/page.server";
import { RespondentShell, RespondentErrorPage, respondentHandle, respondentTitle } from "~/respondent/shell";

export const handle = respondentHandle;
export const ErrorBoundary = RespondentErrorPage;

export const meta: MetaFunction<typeof loader> = (args) => [respondentTitle(args)];

export async function loader({ request }: LoaderFunctionArgs) {
  return simplePage(respondentLanguage(request));
}

export default function Thanks() {
  const page = useLoaderData<typeof loader>();
  const { t } = useTranslation("respondent");
  return (
    <RespondentShell lang={page.i18n.lang} languageHref={(l) => `/s/thanks?lang=${l}`}>
      <h1>{t("thanks.heading")}</h1>
      <p>{t("thanks.text")}</p>
      <p>{t("thanks.support")}</p>
    </RespondentShell>
  );
}
