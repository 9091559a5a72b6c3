import { useTranslation } from "react-i18next";
import { localized, textMaxLength, type Question } from "~/survey/definition";

/**
 * A read-only rendering of questions the way a respondent sees them, in `lang`. Each text falls
 * back to the default language on its own (localized()), so a gap never shows a key.
 */
export function SurveyPreview({
  title,
  questions,
  lang,
  defaultLanguage,
  dir,
}: {
  title: Question["text"];
  questions: Question[];
  lang: string;
  defaultLanguage: string;
  dir: "ltr" | "rtl";
}) {
  const { t } = useTranslation("surveys");
  // a text shown in the default language instead keeps its own language and direction
  const text = (value: Question["text"]) =>
    value[lang] ? (
      value[lang]
    ) : (
      <span lang={defaultLanguage} dir="auto">
        {localized(value, lang, defaultLanguage)}
      </span>
    );
  const plain = (value: Question["text"]) => localized(value, lang, defaultLanguage);
  if (questions.length === 0) return <p>{t("preview.noQuestions")}</p>;

  return (
    <div className="survey-preview" lang={lang} dir={dir}>
      <p className="preview-title">{text(title)}</p>
      <ol>
        {questions.map((q) => (
          <li key={q.key}>
            <fieldset disabled>
              <legend>{text(q.text)}</legend>
              {q.type === "single" || q.type === "multi" ? (
                <ul className="choices">
                  {q.options?.map((o) => (
                    <li key={o.key}>
                      <label>
                        <input type={q.type === "single" ? "radio" : "checkbox"} name={q.key} value={o.key} />{" "}
                        {text(o.text)}
                      </label>
                    </li>
                  ))}
                </ul>
              ) : null}
              {q.type === "matrix" ? (
                <table>
                  <thead>
                    <tr>
                      <td />
                      {q.options?.map((o) => (
                        <th key={o.key} scope="col">
                          {text(o.text)}
                        </th>
                      ))}
                    </tr>
                  </thead>
                  <tbody>
                    {q.rows?.map((r) => (
                      <tr key={r.key}>
                        <th scope="row">{text(r.text)}</th>
                        {q.options?.map((o) => (
                          <td key={o.key}>
                            <input
                              type="radio"
                              name={`${q.key}.${r.key}`}
                              value={o.key}
                              aria-label={`${plain(r.text)}: ${plain(o.text)}`}
                            />
                          </td>
                        ))}
                      </tr>
                    ))}
                  </tbody>
                </table>
              ) : null}
              {q.type === "text" ? (
                <textarea name={q.key} rows={4} maxLength={textMaxLength(q)} aria-label={plain(q.text)} />
              ) : null}
            </fieldset>
            <p className="meta" dir="ltr" lang={undefined}>
              {q.key} · {t(`types.${q.type}`)} · {t("preview.askedIn", { waves: q.waves.map((w) => t(`waves.${w}`)).join(", ") })}
              {q.type === "text" ? ` · ${t("preview.maxLength", { count: textMaxLength(q) })}` : ""}
            </p>
          </li>
        ))}
      </ol>
    </div>
  );
}
