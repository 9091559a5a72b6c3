import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { respondentLanguage } from "~/respondent/language.server";
import { CLIENT_METHODS } from "~/respondent/methods";
import { methodNotAllowed, simplePage } from "~/respondent/page.server";
import { RespondentShell, RespondentErrorPage, respondentHandle, respondentHeaders, respondentTitle } from "~/respondent/shell";

export const handle = respondentHandle;
export const headers = respondentHeaders;
export const ErrorBoundary = RespondentErrorPage;

export const meta: MetaFunction<typeof loader> = (args) => [respondentTitle(args)];

export async function loader({ request }: LoaderFunctionArgs) {
  return simplePage(respondentLanguage(request));
}

// without an action Remix answers any post with its own 405, which names no allowed method
export function action({ request, context }: ActionFunctionArgs): never {
  methodNotAllowed(request, context, CLIENT_METHODS.readOnly);
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
