import type { TFunction } from "i18next";
import { Fragment } from "react";
import { useTranslation } from "react-i18next";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import type { AnswerError, FormValues } from "./answers";

/** A text of the page with the URL of its recording in the page's language, where one plays. */
export type ShownText = { key: string; text: string; audio?: string };

/** A question already in the page's language (texts fall back per text, never to a key). */
export type ShownQuestion = {
  key: string;
  type: "single" | "multi" | "matrix" | "text";
  text: string;
  audio?: string;
  options: ShownText[];
  rows: ShownText[];
  maxLength: number;
};

/**
 * The browser's own player (no JavaScript): preload="none", so nothing is fetched until the
 * client presses play and the first view stays one small request (decision 0025).
 */
function Listen(props: { src?: string; label: string }) {
  return props.src ? <audio controls preload="none" src={props.src} aria-label={props.label} /> : null;
}

/*
 * The parts of a question take `t` from the form: react-i18next's useTranslation copies the i18next
 * instance on every first render of a component, and on the server every render is a first one.
 * Once per question and row it was a sixth of the CPU of rendering a questionnaire (its errors
 * page most of all, which a flood of bad submissions asks for).
 */
type T = TFunction<"respondent">;

function ErrorText({ error, t }: { error?: AnswerError; t: T }) {
  if (!error) return null;
  return (
    <p className="err" id={`err-${error.field}`}>
      {error.code === "tooLong" ? t("errors.tooLong", { count: error.max }) : t(`errors.${error.code}`)}
    </p>
  );
}

function Choices(props: {
  name: string;
  type: "radio" | "checkbox";
  options: ShownQuestion["options"];
  values: FormValues;
  error?: AnswerError;
  /** play the options' recordings here (a matrix reads its scale once, at the first row) */
  withAudio: boolean;
  t: T;
}) {
  const { t } = props;
  const given = props.values[props.name];
  const chosen = new Set(Array.isArray(given) ? given : given ? [given] : []);
  return (
    <>
      <ErrorText error={props.error} t={t} />
      {props.options.map((o) => (
        <Fragment key={o.key}>
          <label className="opt">
            <input
              type={props.type}
              name={props.name}
              value={o.key}
              defaultChecked={chosen.has(o.key)}
              aria-describedby={props.error ? `err-${props.error.field}` : undefined}
            />
            <span>{o.text}</span>
          </label>
          {props.withAudio ? <Listen src={o.audio} label={t("form.listenTo", { text: o.text })} /> : null}
        </Fragment>
      ))}
      {props.type === "radio" ? (
        // a tapped radio cannot be untapped without JavaScript; this takes the answer back (stores nothing)
        <label className="opt skip">
          <input type="radio" name={props.name} value="" />
          <span>{t("form.skip")}</span>
        </label>
      ) : null}
    </>
  );
}

/** What the client reads above the questions. */
export function QuestionnaireIntro() {
  const { t } = useTranslation("respondent");
  return (
    <>
      <h1>{t("intro.heading")}</h1>
      <div className="intro">
        <p>{t("intro.kept")}</p>
        <p>{t("intro.voluntary")}</p>
        <p>{t("intro.time")}</p>
      </div>
    </>
  );
}

/**
 * The questionnaire as one plain form: radio buttons, check boxes and text areas that post
 * without JavaScript. Every question may be skipped.
 */
export function Questionnaire(props: {
  lang: string;
  /** languages the version may be shown in (the selector offers only these) */
  offered: readonly string[];
  /** a manager's preview: the same page, but nothing can be sent */
  preview?: boolean;
  /** this rendering's id: a repeated post of it (Back after leaving) gets no answers back */
  view?: string;
  questions: ShownQuestion[];
  values: FormValues;
  errors: AnswerError[];
}) {
  const { t } = useTranslation("respondent");
  const errorFor = (field: string) => props.errors.find((e) => e.field === field);
  const anchor = (field: string) => {
    const [key, row] = field.split(".");
    return row ? `q-${key}-${row}` : `q-${key}`;
  };
  return (
    // autocomplete off: the browser must not put answers back when someone presses Back later
    <form method={props.preview ? "get" : "post"} id="answers" noValidate autoComplete="off">
      <input type="hidden" name="lang" value={props.lang} />
      {props.view ? <input type="hidden" name="view" value={props.view} /> : null}
      {props.errors.length > 0 ? (
        <div className="summary" role="alert">
          <p>
            <strong>{t("errors.summary", { count: props.errors.length })}</strong>
          </p>
          <ul>
            {props.errors.map((e) => (
              <li key={e.field}>
                {e.field ? (
                  <a href={`#${anchor(e.field)}`}>
                    {e.code === "tooLong" ? t("errors.tooLong", { count: e.max }) : t(`errors.${e.code}`)}
                  </a>
                ) : (
                  t(`errors.${e.code}`)
                )}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
      {props.questions.map((q) =>
        q.type === "text" ? (
          <div key={q.key} id={`q-${q.key}`}>
            <label htmlFor={`f-${q.key}`}>
              <strong>{q.text}</strong>
            </label>
            <Listen src={q.audio} label={t("form.listen")} />
            <p className="hint" id={`hint-${q.key}`}>
              {t("form.textHint", { count: q.maxLength })}
            </p>
            <ErrorText error={errorFor(q.key)} t={t} />
            <textarea
              id={`f-${q.key}`}
              name={q.key}
              defaultValue={(props.values[q.key] as string | undefined) ?? ""}
              aria-describedby={errorFor(q.key) ? `hint-${q.key} err-${q.key}` : `hint-${q.key}`}
              aria-invalid={errorFor(q.key) ? true : undefined}
              rows={6}
            />
          </div>
        ) : q.type === "matrix" ? (
          <fieldset key={q.key} id={`q-${q.key}`}>
            <legend>{q.text}</legend>
            <Listen src={q.audio} label={t("form.listen")} />
            <p className="hint">{t("form.matrixHint")}</p>
            {q.rows.map((row, i) => (
              <fieldset key={row.key} id={`q-${q.key}-${row.key}`}>
                <legend>{row.text}</legend>
                <Listen src={row.audio} label={t("form.listenTo", { text: row.text })} />
                <Choices
                  t={t}
                  name={`${q.key}.${row.key}`}
                  type="radio"
                  options={q.options}
                  values={props.values}
                  error={errorFor(`${q.key}.${row.key}`)}
                  withAudio={i === 0}
                />
              </fieldset>
            ))}
          </fieldset>
        ) : (
          <fieldset key={q.key} id={`q-${q.key}`}>
            <legend>{q.text}</legend>
            <Listen src={q.audio} label={t("form.listen")} />
            {q.type === "multi" ? <p className="hint">{t("form.multiHint")}</p> : null}
            <Choices
              t={t}
              name={q.key}
              type={q.type === "multi" ? "checkbox" : "radio"}
              options={q.options}
              values={props.values}
              error={errorFor(q.key)}
              withAudio
            />
          </fieldset>
        ),
      )}
      <button type="submit" disabled={props.preview}>
        {t("form.submit")}
      </button>
      <div className="switch">
        <div>
          <label htmlFor="switchLang">{t("languageLabel")}</label>
          <select id="switchLang" name="switchLang" defaultValue={props.lang} autoComplete="off">
            {RESPONDENT_LANGUAGES.filter((l) => props.offered.includes(l.code)).map((l) => (
              <option key={l.code} value={l.code} lang={l.code}>
                {l.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" className="secondary" name="intent" value="switchLang" disabled={props.preview}>
          {t("form.switchLanguage")}
        </button>
      </div>
    </form>
  );
}
