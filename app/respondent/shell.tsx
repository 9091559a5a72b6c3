import type { ReactNode } from "react";
import type { HeadersFunction } from "@remix-run/node";
import { isRouteErrorResponse, useRouteError, type MetaDescriptor } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import type { RouteHandle } from "~/root";
import css from "~/styles/respondent.css?raw";
import { useNonce } from "~/utils/nonce";
import { QUICK_EXIT_URL } from "./exit";

// With JavaScript, "leave quickly" hides the page at once (on a slow connection the exit site
// takes seconds to appear), empties the answers and replaces this page in the history; a page
// the browser brings back from its back/forward cache comes back empty too.
// replaceState turns a page a form post answered (a rejected submit, a language switch) into a
// plain visit of its address, so Back onto it later fetches it anew instead of asking to post again;
// with the page's language in it, so that visit (after a submit: the used code's page) is in the
// language the client chose, not the phone's.
const ENHANCE = `(function(){var u=new URL(location.href);u.searchParams.set("lang",document.documentElement.lang);history.replaceState(null,"",u.href);function w(){var f=document.getElementById("answers");f&&f.querySelectorAll("input,textarea").forEach(function(i){i.type==="hidden"||(i.type==="radio"||i.type==="checkbox"?i.checked=!1:i.value="")})}var x=document.getElementById("exit");x&&x.addEventListener("click",function(e){e.preventDefault();try{sessionStorage.setItem("left","1")}catch(e){}document.documentElement.hidden=!0;try{w()}catch(e){}location.replace(x.href)});addEventListener("pageshow",function(e){e.persisted&&w()})})()`;

// Runs before the page's content. Replacing the page only removes its own history entry: the
// questionnaire in the language before a switch, or the code box, stays behind it, and Back from
// the exit site would show it. So after "leave quickly" in this tab (a flag in sessionStorage:
// this tab only, never an answer or a code), a client page reached any way but a new visit (Back,
// Forward, a reload of the blank page while the exit site loads; the older API where the newer
// is missing; unknown counts as not new) hides itself and goes to the exit site again. A new
// visit (the slip scanned again) clears the flag.
const LEFT_GUARD = `(function(){function l(){try{return sessionStorage.getItem("left")}catch(e){}}function g(){document.documentElement.hidden=!0;location.replace(${JSON.stringify(QUICK_EXIT_URL)})}addEventListener("pageshow",function(e){e.persisted&&l()&&g()});if(!l())return;var t;try{var n=performance.getEntriesByType("navigation")[0];t=n?n.type:["navigate","reload","back_forward"][performance.navigation.type]}catch(e){}if(t==="navigate")try{sessionStorage.removeItem("left")}catch(e){}else g()})()`;

/**
 * The headers of every client page: its parent's, and `Allow` of a refused method
 * (refuseOtherMethods); Remix drops a thrown response's headers unless the route passes them on.
 */
export const respondentHeaders: HeadersFunction = ({ parentHeaders, errorHeaders }) => {
  const headers = new Headers(parentHeaders);
  const allow = errorHeaders?.get("Allow");
  if (allow) headers.set("Allow", allow);
  return headers;
};

/** The handle of every page a client sees: no JavaScript needed, its CSS inline in the <head>. */
export const respondentHandle: RouteHandle = { hydrate: false, headStyle: css };

/**
 * Every page a client sees (its route exports `respondentHandle`): a "leave quickly" button
 * first, languages by their own names, and no script the page depends on.
 */
export function RespondentShell(props: {
  lang: string;
  languageHref: (lang: string) => string;
  /** the languages the page may be shown in (all when absent) */
  offered?: readonly string[];
  /** on the questionnaire: languages are submit buttons of this form, so answers survive a switch without JavaScript */
  languageForm?: string;
  children: ReactNode;
}) {
  const { t } = useTranslation("respondent");
  const nonce = useNonce();
  return (
    <>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: LEFT_GUARD }} />
      <div className="r">
        {props.languageForm ? (
          // Enter in an answer clicks the form's default button, its first submit button in tree
          // order (HTML, implicit submission): this one sends the answers, ahead of the language
          // buttons. Hidden from sight, from the tab order and from screen readers (they have the real one).
          <button type="submit" form={props.languageForm} className="enter" tabIndex={-1} aria-hidden="true">
            {t("form.submit")}
          </button>
        ) : null}
        {/* stays at the top of the screen however far the client scrolls (CSS only) */}
        <div className="top">
          <a id="exit" className="exit" href={QUICK_EXIT_URL} rel="noreferrer">
            {t("quickExit")}
          </a>
        </div>
        <div className="bar">
          <nav aria-label={t("languageLabel")}>
            <ul className="langs">
              {RESPONDENT_LANGUAGES.filter((l) => !props.offered || props.offered.includes(l.code)).map((l) => (
                <li key={l.code}>
                  {props.languageForm ? (
                    <button
                      type="submit"
                      form={props.languageForm}
                      name="switchTo"
                      value={l.code}
                      lang={l.code}
                      aria-current={l.code === props.lang ? "true" : undefined}
                    >
                      {l.name}
                    </button>
                  ) : (
                    <a
                      href={props.languageHref(l.code)}
                      lang={l.code}
                      hrefLang={l.code}
                      aria-current={l.code === props.lang ? "true" : undefined}
                    >
                      {l.name}
                    </a>
                  )}
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <main>{props.children}</main>
        <footer>
          {props.languageForm ? (
            // answers in progress: the statement opens here, since leaving the page loses them
            // (no-store: Back brings the questionnaire back empty)
            <details>
              <summary>{t("accessibilityLink")}</summary>
              <AccessibilityStatement />
            </details>
          ) : (
            <a href={`/accessibility?lang=${props.lang}`}>{t("accessibilityLink")}</a>
          )}
        </footer>
      </div>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ENHANCE }} />
    </>
  );
}

/** The accessibility statement Swedish public services must publish (lagen om tillgänglighet). */
export function AccessibilityStatement() {
  const { t } = useTranslation("respondent");
  return (
    <>
      <p>{t("accessibility.intro")}</p>
      <p>{t("accessibility.standard")}</p>
      <p>{t("accessibility.problems")}</p>
    </>
  );
}

export function StatusMessage(props: { title: string; text: string }) {
  return (
    <>
      <h1>{props.title}</h1>
      <p>{props.text}</p>
    </>
  );
}

type TitledData = { pageTitle?: string } | undefined;

/**
 * A client page's title: its own, or on an error page (no data of its own) the one root chose in
 * the client's language. Never the service's name: the tab must not say what the page is for.
 */
export function respondentTitle(args: { data?: unknown; matches: readonly { id: string; data?: unknown }[] }): MetaDescriptor {
  const root = args.matches.find((m) => m.id === "root")?.data as TitledData;
  return { title: (args.data as TitledData)?.pageTitle ?? root?.pageTitle ?? "Enkät" };
}

/**
 * What a client sees when their page fails (the store is down, a request the route refuses, an
 * address under /s that does not exist): in their language with the quick exit, and nothing of
 * the error itself. Every respondent route exports it, so the failure never falls through to
 * root's staff-language page. Its links lead to /s, never to its own address: nothing on it
 * names the code.
 */
export function RespondentErrorPage() {
  const error = useRouteError();
  // the language root's loader picked for this client (Layout's provider)
  const { t, i18n } = useTranslation("respondent");
  const notFound = isRouteErrorResponse(error) && error.status === 404;
  return (
    <RespondentShell lang={i18n.language} languageHref={(l) => `/s?lang=${l}`}>
      {notFound ? (
        // nothing to wait for: the way on is the code box
        <>
          <h1>{t("status.notFoundTitle")}</h1>
          <p>
            <a href={`/s?lang=${i18n.language}`}>{t("entry.heading")}</a>
          </p>
        </>
      ) : (
        <StatusMessage title={t("status.errorTitle")} text={t("status.errorText")} />
      )}
    </RespondentShell>
  );
}
