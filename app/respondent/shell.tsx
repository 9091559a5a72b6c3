import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import type { RouteHandle } from "~/root";
import css from "~/styles/respondent.css?raw";
import { useNonce } from "~/utils/nonce";
import { QUICK_EXIT_URL } from "./exit";

// With JavaScript, "leave quickly" also replaces this page in the history, and a language link
// on the questionnaire resubmits the form so answers given so far are kept.
const ENHANCE = `(function(){var x=document.getElementById("exit");x&&x.addEventListener("click",function(e){e.preventDefault();location.replace(x.href)});var f=document.getElementById("answers");f&&document.querySelectorAll("a[data-lang]").forEach(function(a){a.addEventListener("click",function(e){var s=f.elements.switchLang,l=a.getAttribute("data-lang");if(!s||l===f.elements.lang.value)return;e.preventDefault();s.value=l;var i=document.createElement("input");i.type="hidden";i.name="intent";i.value="switchLang";f.appendChild(i);f.submit()})})})()`;

/** The handle of every page a client sees: no JavaScript needed, its CSS inline in the <head>. */
export const respondentHandle: RouteHandle = { hydrate: false, headStyle: css };

/**
 * Every page a client sees (its route exports `respondentHandle`): a "leave quickly" button
 * first, languages by their own names, and no script the page depends on.
 */
export function RespondentShell(props: { lang: string; languageHref: (lang: string) => string; children: ReactNode }) {
  const { t } = useTranslation("respondent");
  const nonce = useNonce();
  return (
    <>
      <div className="r">
        <div className="bar">
          <a id="exit" className="exit" href={QUICK_EXIT_URL} rel="noreferrer">
            {t("quickExit")}
          </a>
          <nav aria-label={t("languageLabel")}>
            <ul className="langs">
              {RESPONDENT_LANGUAGES.map((l) => (
                <li key={l.code}>
                  <a
                    href={props.languageHref(l.code)}
                    lang={l.code}
                    hrefLang={l.code}
                    data-lang={l.code}
                    aria-current={l.code === props.lang ? "true" : undefined}
                  >
                    {l.name}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        </div>
        <main>{props.children}</main>
        <footer>
          <a href={`/accessibility?lang=${props.lang}`}>{t("accessibilityLink")}</a>
        </footer>
      </div>
      <script nonce={nonce} dangerouslySetInnerHTML={{ __html: ENHANCE }} />
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
