import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import type { LanguageReadiness } from "~/survey/readiness";
import type { RecordingSummary } from "~/survey/recordings";

export const languageName = (code: string) => RESPONDENT_LANGUAGES.find((l) => l.code === code)?.name ?? code;

/** Respondent languages first (in their order), then any other language the version has texts in. */
export function languagesToShow(found: string[]): string[] {
  const known: string[] = RESPONDENT_LANGUAGES.map((l) => l.code);
  return [...known, ...found.filter((l) => !known.includes(l)).sort()];
}

/** A choice of language, named as the readiness table names it: "ትግርኛ (ti)". */
export function LanguageSelect(props: { id: string; name: string; languages: string[]; defaultValue?: string }) {
  return (
    <select id={props.id} name={props.name} defaultValue={props.defaultValue}>
      {props.languages.map((l) => (
        <option key={l} value={l}>
          {languageName(l)} ({l})
        </option>
      ))}
    </select>
  );
}

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

/** A language's recordings: questions recorded, stale and missing; options and rows recorded and stale. */
function RecordingCell(props: { summary?: RecordingSummary; href?: string }) {
  const { t } = useTranslation("surveys");
  const s = props.summary;
  if (!s) return <>–</>;
  const text = (
    <>
      {t("recordings.counts", s.questions)}
      {s.choices.recorded + s.choices.stale ? <>; {t("recordings.choiceCounts", s.choices)}</> : null}
    </>
  );
  return props.href ? <a href={props.href}>{text}</a> : text;
}

/**
 * Per language: texts missing, texts stale (the source was reworded since), reviewed or draft,
 * whether clients are offered the language and, when given, its recordings (linked to
 * `recordingsHref`). `actions` adds a cell per language.
 */
export function LanguageReadinessTable(props: {
  rows: LanguageReadiness[];
  recordings?: Record<string, RecordingSummary>;
  recordingsHref?: (lang: string) => string;
  actions?: (row: LanguageReadiness) => ReactNode;
}) {
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
          {props.recordings ? <th scope="col">{t("recordings.column")}</th> : null}
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
            {props.recordings ? (
              <td data-recordings>
                <RecordingCell summary={props.recordings[r.lang]} href={props.recordingsHref?.(r.lang)} />
              </td>
            ) : null}
            {props.actions ? <td>{props.actions(r)}</td> : null}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
