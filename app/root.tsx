import type { LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import {
  Links,
  Meta,
  Outlet,
  Scripts,
  ScrollRestoration,
  isRouteErrorResponse,
  useMatches,
  useRouteError,
} from "@remix-run/react";
import { useMemo, type ReactNode } from "react";
import { I18nextProvider, useTranslation } from "react-i18next";
import { serverOnlyI18n, staffLanguage, type I18nPayload } from "~/i18n/i18n.server";
import { i18nFor } from "~/i18n/instance";
import { useServerResources } from "~/i18n/server-resources";
import { isRespondentPage, respondentLanguage } from "~/respondent/language.server";
import { languageChosenByAction, simplePage } from "~/respondent/page.server";
import { useNonce } from "~/utils/nonce";

export async function loader({ request, context }: LoaderFunctionArgs) {
  // A client's page that fails is drawn by its route's error boundary from root's data alone,
  // so root picks the client's language there (the one an action chose, if one ran).
  if (isRespondentPage(request)) return simplePage(languageChosenByAction(context) ?? respondentLanguage(request));
  // the language only: staff pages' own loaders carry the texts they hydrate with
  return { i18n: serverOnlyI18n(staffLanguage(request)) };
}

export const meta: MetaFunction = () => [{ title: "Brukarröst" }];

/**
 * Route handles: `hydrate: false` marks pages that must work, and stay, without JavaScript;
 * `headStyle` is CSS that goes inline into the page's <head> (the client's pages: one request
 * on a slow line, and no flash of unstyled content before it).
 */
export type RouteHandle = { hydrate?: boolean; headStyle?: string };

/** The deepest route that chose a language wins (a respondent's code outranks staff settings). */
function usePageI18n(): I18nPayload | undefined {
  const matches = useMatches();
  for (let i = matches.length - 1; i >= 0; i--) {
    const data = matches[i]?.data as { i18n?: I18nPayload } | undefined;
    if (data?.i18n) return data.i18n;
  }
  return undefined;
}

export function Layout({ children }: { children: ReactNode }) {
  const nonce = useNonce();
  const matches = useMatches();
  const page = usePageI18n();
  const handles = matches.map((m) => m.handle as RouteHandle | undefined);
  const hydrate = !handles.some((h) => h?.hydrate === false);
  const headStyles = [...new Set(handles.map((h) => h?.headStyle).filter((css): css is string => !!css))];
  const serverResources = useServerResources();
  const i18n = useMemo(
    () => i18nFor(page?.lang ?? "sv", page?.resources ?? serverResources ?? {}),
    [page?.lang, page?.resources, serverResources],
  );
  return (
    <html lang={page?.lang ?? "sv"} dir={page?.dir ?? "ltr"}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="referrer" content="same-origin" />
        <Meta />
        <Links />
        {headStyles.map((css, i) => (
          <style key={i} nonce={nonce} dangerouslySetInnerHTML={{ __html: css }} />
        ))}
      </head>
      <body>
        <I18nextProvider i18n={i18n}>{children}</I18nextProvider>
        {hydrate ? (
          <>
            <ScrollRestoration nonce={nonce} />
            <Scripts nonce={nonce} />
          </>
        ) : null}
      </body>
    </html>
  );
}

export default function App() {
  return <Outlet />;
}

export function ErrorBoundary() {
  const error = useRouteError();
  const { t } = useTranslation("common");
  const status = isRouteErrorResponse(error) ? error.status : 500;
  return (
    <main className="error-page">
      <h1>{status === 404 ? t("notFound", "Page not found") : t("errorTitle", "Something went wrong")}</h1>
      <p>
        <a href="/">{t("backHome", "Back to start")}</a>
      </p>
    </main>
  );
}
