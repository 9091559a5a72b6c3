import { useTranslation } from "react-i18next";

/**
 * A box to type a code, posting to the code entry page (/s), which checks it and opens it.
 * It names no code and echoes none, so a page that shows it reads the same whichever code led
 * there (the neutral "cannot be used" page relies on that).
 */
export function CodeBox(props: { lang: string; typed?: string; invalid?: boolean }) {
  const { t } = useTranslation("respondent");
  return (
    <form method="post" action="/s" noValidate>
      <input type="hidden" name="lang" value={props.lang} />
      <p>
        <label htmlFor="code">
          <strong>{t("entry.label")}</strong>
        </label>
      </p>
      <p className="hint" id="code-hint">
        {t("entry.hint")}
      </p>
      {props.invalid ? (
        <p className="err" id="code-err" role="alert">
          {t("entry.invalid")}
        </p>
      ) : null}
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
          aria-invalid={props.invalid ? true : undefined}
          aria-describedby={props.invalid ? "code-hint code-err" : "code-hint"}
        />
      </p>
      <button type="submit">{t("entry.submit")}</button>
    </form>
  );
}
