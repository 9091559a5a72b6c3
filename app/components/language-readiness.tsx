import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import type { LanguageReadiness } from "~/survey/readiness";

export const languageName = (code: string) => RESPONDENT_LANGUAGES.find((l) => l.code === code)?.name ?? code;

function Places(props: { places: string[]; summary: string; none: string }) {
  if (props.places.length === 0) return <>{props.none}</>;
  return (
    <details>
      <summary>{props.summary}</summary>
      <ul>
        {props.places.map((p) => (
          <li key={p}>
            <code>{p}</code>
          </li>
        ))}
      </ul>
    </details>
  );
}

/**
 * Per language: texts missing, texts stale (the source was reworded since), reviewed or draft,
 * and whether clients are offered the language. `actions` adds a cell per language.
 */
export function LanguageReadinessTable(props: { rows: LanguageReadiness[]; actions?: (row: LanguageReadiness) => ReactNode }) {
  const { t } = useTranslation("surveys");
  return (
    <table className="readiness">
      <thead>
        <tr>
          <th scope="col">{t("translations.language")}</th>
          <th scope="col">{t("readiness.missing")}</th>
          <th scope="col">{t("readiness.stale")}</th>
          <th scope="col">{t("translations.review")}</th>
          <th scope="col">{t("readiness.offered")}</th>
          {props.actions ? <th scope="col">{t("actions")}</th> : null}
        </tr>
      </thead>
      <tbody>
        {props.rows.map((r) => (
          <tr key={r.lang} data-lang={r.lang}>
            <th scope="row">
              <span lang={r.lang}>{languageName(r.lang)}</span> <span className="muted">({r.lang})</span>
            </th>
            <td>
              <Places places={r.missing} summary={t("translations.missing", { count: r.missing.length })} none={t("translations.complete")} />
            </td>
            <td>
              <Places places={r.stale} summary={t("readiness.staleCount", { count: r.stale.length })} none="–" />
            </td>
            <td>{r.reviewed ? t("readiness.reviewed") : t("translations.draft")}</td>
            <td>{r.offered ? t("readiness.yes") : t("readiness.no")}</td>
            {props.actions ? <td>{props.actions(r)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
