import type { ReactNode } from "react";
import { useTranslation } from "react-i18next";

/**
 * The box to type a code, posting to the code entry page (/s), which checks it and opens it.
 * Both pages with a box use it: the code entry page (with `error` and `typed` when a code was
 * refused) and the neutral "cannot be used" page, which passes neither, so it reads the same
 * whichever code led there.
 */
export function CodeBox(props: { lang: string; typed?: string; error?: ReactNode }) {
  const { t } = useTranslation("respondent");
  const refused = Boolean(props.error);
  return (
    <form method="post" action="/s" noValidate autoComplete="off">
      <input type="hidden" name="lang" value={props.lang} />
      {refused ? (
        <div className="err" id="code-err" role="alert">
          {props.error}
        </div>
      ) : null}
      <p>
        <label htmlFor="code">
          <strong>{t("entry.label")}</strong>
        </label>
      </p>
      <p className="hint" id="code-hint">
        {t("entry.hint")}
      </p>
      <p>
        <input
          type="text"
          id="code"
          name="code"
          dir="ltr"
          defaultValue={props.typed ?? ""}
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          aria-invalid={refused ? true : undefined}
          aria-describedby={refused ? "code-hint code-err" : "code-hint"}
        />
      </p>
      <button type="submit">{t("entry.submit")}</button>
    </form>
  );
}
