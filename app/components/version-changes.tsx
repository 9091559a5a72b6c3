/**
 * What changed between two versions as four lists of questions (new, removed, comparable or
 * reworded, no longer comparable). Used by the what-changed page and, as its own section, by the
 * publish page, so a manager sees the changes on the screen where publishing happens.
 */
import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { localized, type LocalizedText } from "~/survey/definition";
import { otherChanges, type VersionDiff } from "~/survey/diff";

// i18n-namespace: surveys
export function ChangeLists({
  diff,
  texts,
  defaultLanguage,
  onlyChanges = false,
}: {
  diff: VersionDiff;
  texts: Record<string, LocalizedText>;
  defaultLanguage: string;
  /** the publish page: reworded questions instead of every comparable one */
  onlyChanges?: boolean;
}) {
  const { t, i18n } = useTranslation("surveys");
  const name = (key: string) => localized(texts[key] ?? {}, i18n.language, defaultLanguage);
  const keyList = (keys: string[], flagReworded = false) =>
    keys.length ? (
      <ul>
        {keys.map((k) => (
          <li key={k}>
            <code>{k}</code> — {name(k)}
            {flagReworded && diff.reworded.includes(k) ? <strong> ({t("compare.reworded")})</strong> : null}
          </li>
        ))}
      </ul>
    ) : (
      <p>{t("compare.none")}</p>
    );
  const id = onlyChanges ? "changes" : "diff";
  const other = otherChanges(diff);
  return (
    <div className="diff-lists">
      <section aria-labelledby={`${id}-added-h`} data-changes="added">
        <h3 id={`${id}-added-h`}>{t("compare.added")}</h3>
        {keyList(diff.added)}
      </section>
      <section aria-labelledby={`${id}-removed-h`} data-changes="removed">
        <h3 id={`${id}-removed-h`}>{t("compare.removed")}</h3>
        {keyList(diff.removed)}
      </section>
      {onlyChanges ? (
        <>
          <section aria-labelledby={`${id}-reworded-h`} data-changes="reworded">
            <h3 id={`${id}-reworded-h`}>{t("publishChanges.reworded")}</h3>
            {keyList(diff.reworded)}
          </section>
          {other.length ? (
            <section aria-labelledby={`${id}-other-h`} data-changes="other">
              <h3 id={`${id}-other-h`}>{t("publishChanges.other")}</h3>
              {keyList(other)}
            </section>
          ) : null}
        </>
      ) : (
        <section aria-labelledby={`${id}-comparable-h`} data-changes="comparable">
          <h3 id={`${id}-comparable-h`}>{t("compare.comparable")}</h3>
          <p className="muted">{t("compare.comparableHelp")}</p>
          {keyList(diff.comparable, true)}
        </section>
      )}
      <section aria-labelledby={`${id}-not-comparable-h`} data-changes="not-comparable">
        <h3 id={`${id}-not-comparable-h`}>{t("compare.notComparable")}</h3>
        {keyList(diff.notComparable)}
      </section>
    </div>
  );
}

/** The publish page's section: the changes against the version published before, or why there are none. */
export function WhatChanged({
  slug,
  changes,
  defaultLanguage,
}: {
  slug: string;
  changes: { diff: VersionDiff; texts: Record<string, LocalizedText> } | null;
  defaultLanguage: string;
}) {
  const { t } = useTranslation("surveys");
  if (!changes) return <p data-what-changed="first">{t("publishChanges.first")}</p>;
  const { diff } = changes;
  const none = diff.questions.every((q) => q.status === "unchanged");
  return (
    <section aria-labelledby="what-changed-h" className="what-changed" data-what-changed>
      <h2 id="what-changed-h">{t("publishChanges.title", { from: diff.from })}</h2>
      {none ? (
        <p>{t("publishChanges.none")}</p>
      ) : (
        <ChangeLists diff={diff} texts={changes.texts} defaultLanguage={defaultLanguage} onlyChanges />
      )}
      <p>
        <Link to={`/admin/surveys/${slug}/compare?from=${diff.from}&to=${diff.to}`}>{t("publishChanges.full")}</Link>
      </p>
    </section>
  );
}
