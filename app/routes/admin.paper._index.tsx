import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { useEffect, useRef, type KeyboardEvent } from "react";
import type { TFunction } from "i18next";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { requireUser } from "~/auth/session.server";
import { requestUnits } from "~/units/units.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { languageLabel } from "~/i18n/languages";
import { enterPaperAnswers, openForEntry, type EntryForm, type EntryQuestion } from "~/paper/paper.server";
import { keyAction, PAPER_CODE_FIELD } from "~/paper/sheet";
import type { AnswerError, FormValues } from "~/respondent/answers";
import { parseFormBody } from "~/respondent/form-body";
import { CodeInput } from "~/components/code-fields";

/** The fields of this page besides the answers (which parseAnswers reads, as on the phone). */
export const PaperEntrySchema = z.object({
  intent: z.enum(["open", "submit"]),
  [PAPER_CODE_FIELD]: z.string().min(1).max(64),
});

export async function loader({ request }: LoaderFunctionArgs) {
  await requireUser(request, "staff");
  return { saved: new URL(request.url).searchParams.get("saved") === "1" };
}

type Refusal = { kind: "refused"; message: string };
type Page = Refusal | { kind: "form"; form: EntryForm; values: FormValues; errors: AnswerError[] };

export async function action({ request }: ActionFunctionArgs) {
  const units = (await requestUnits(await requireUser(request, "staff"), null)).choices.map((u) => u.id);
  const lang = staffLanguage(request);
  const t = serverT(lang, "codes");
  const refused = (message: string, status = 400) => data<Page>({ kind: "refused", message }, { status });
  const body = (request.headers.get("Content-Type") ?? "").startsWith("application/x-www-form-urlencoded")
    ? parseFormBody(await request.text())
    : ({ ok: false, reason: "malformed" } as const);
  // i18n-uses: codes:paper.errors.*
  if (!body.ok) return refused(t(`paper.errors.${body.reason}`));
  const own = PaperEntrySchema.safeParse(Object.fromEntries(body.pairs.filter(([k]) => k === "intent" || k === PAPER_CODE_FIELD)));
  if (!own.success) return refused(t("paper.refused"));
  const code = own.data[PAPER_CODE_FIELD];
  const notYet = (validFrom: Date) =>
    refused(t("paper.notYet", { date: new Intl.DateTimeFormat(lang, { dateStyle: "long", timeZone: "Europe/Stockholm" }).format(validFrom) }));

  if (own.data.intent === "open") {
    const state = await openForEntry(code, units);
    if (state.status === "unusable") return refused(t("paper.refused"));
    if (state.status === "notYetValid") return notYet(state.validFrom);
    return data<Page>({ kind: "form", form: state.form, values: {}, errors: [] });
  }
  const result = await enterPaperAnswers(code, body.pairs, units);
  if (result.status === "saved") return redirect("/admin/paper?saved=1", 303);
  if (result.status === "invalid") return data<Page>({ kind: "form", form: result.form, values: result.values, errors: result.errors }, { status: 400 });
  if (result.status === "notYetValid") return notYet(result.validFrom);
  return refused(t("paper.refused"));
}

function errorText(t: TFunction, e: AnswerError) {
  return e.code === "tooLong" ? t("paper.errors.tooLong", { count: e.max }) : t(`paper.errors.${e.code}`);
}

/** "Question 3" for an answer field (a matrix row's field names its question). */
function questionLabel(t: TFunction, form: EntryForm, field: string) {
  const q = form.questions.find((x) => x.key === field.split(".")[0]);
  return q ? t("paper.questionNumber", { number: q.number }) : field;
}

/** A text in Swedish, then (for a sheet in another language) the sheet's own words beneath. */
function Bilingual(props: { sv: string; own: string; form: EntryForm }) {
  return (
    <>
      <span lang="sv">{props.sv}</span>
      {props.form.lang !== "sv" ? (
        <span className="paper-own" lang={props.form.lang} dir={props.form.dir}>
          {props.own}
        </span>
      ) : null}
    </>
  );
}

function Choices(props: { name: string; q: EntryQuestion; form: EntryForm; values: FormValues; multi: boolean }) {
  const { t } = useTranslation("codes");
  const given = props.values[props.name];
  const chosen = new Set(Array.isArray(given) ? given : given ? [given] : []);
  return (
    <>
      {props.q.options.map((o, i) => (
        <label key={o.key} className="paper-choice">
          <input type={props.multi ? "checkbox" : "radio"} name={props.name} value={o.key} defaultChecked={chosen.has(o.key)} />
          {/* the number typed for it, as printed beside the box */}
          <kbd>{i + 1}</kbd> <Bilingual sv={props.q.sv.options[i]!.text} own={o.text} form={props.form} />
        </label>
      ))}
      {props.multi ? null : (
        <label className="paper-choice">
          <input type="radio" name={props.name} value="" defaultChecked={chosen.size === 0} data-clear="" />
          <kbd>0</kbd> {t("paper.noAnswer")}
        </label>
      )}
    </>
  );
}

/**
 * Keyboard entry (with JavaScript): in the question that has focus a digit chooses the option of
 * that number, 0 takes the answer back, Enter moves to the next question instead of sending.
 * Without JavaScript the same form works with Tab, arrows and space, and Enter sends it.
 */
function onEntryKey(event: KeyboardEvent<HTMLFormElement>) {
  const target = event.target as HTMLElement;
  if (target instanceof HTMLTextAreaElement || event.ctrlKey || event.altKey || event.metaKey) return;
  const group = target.closest<HTMLElement>("[data-entry]");
  if (!group) return;
  const inputs = [...group.querySelectorAll<HTMLInputElement>("input:not([data-clear])")];
  const action = keyAction(event.key, inputs.length);
  if (!action) return;
  event.preventDefault();
  if (action.kind === "choose") {
    const input = inputs[action.index]!;
    input.checked = input.type === "checkbox" ? !input.checked : true;
    input.focus();
  } else if (action.kind === "clear") {
    group.querySelector<HTMLInputElement>("input[data-clear]")?.click();
    inputs.forEach((i) => (i.checked = false));
  } else {
    const groups = [...event.currentTarget.querySelectorAll<HTMLElement>("[data-entry]")];
    const next = groups[groups.indexOf(group) + 1];
    const focusable = next?.querySelector<HTMLElement>("input:checked, input, textarea") ?? event.currentTarget.querySelector<HTMLElement>("button[type=submit]");
    focusable?.focus();
  }
}

function EntryFields({ form, values, errors }: { form: EntryForm; values: FormValues; errors: AnswerError[] }) {
  const { t, i18n } = useTranslation("codes");
  const first = useRef<HTMLFormElement>(null);
  useEffect(() => first.current?.querySelector<HTMLElement>("[data-entry] input, [data-entry] textarea")?.focus(), [form.code]);
  const errorFor = (field: string) => errors.find((e) => e.field === field);
  const FieldError = ({ field }: { field: string }) => {
    const e = errorFor(field);
    return e ? <p className="field-error">{errorText(t, e)}</p> : null;
  };
  return (
    <>
      <p className="paper-entry-code">
        {t("paper.code")}: <strong className="code-input">{form.code}</strong>
      </p>
      <p>{t("paper.sheetLanguage", { language: languageLabel(form.lang, i18n.language) })}</p>
      <p className="hint">{t("paper.keys")}</p>
      {errors.length ? (
        <div className="form-error" role="alert">
          <p>{t("paper.errors.summary", { count: errors.length })}</p>
          <ul>
            {errors.map((e) => (
              <li key={e.field}>{e.field ? `${questionLabel(t, form, e.field)}: ${errorText(t, e)}` : errorText(t, e)}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <Form method="post" className="paper-entry" onKeyDown={onEntryKey} ref={first} autoComplete="off">
        <input type="hidden" name="intent" value="submit" />
        <input type="hidden" name={PAPER_CODE_FIELD} value={form.code} />
        {form.questions.map((q) =>
          q.type === "text" ? (
            <div key={q.key} data-entry="" className="paper-entry-q">
              <label htmlFor={`entry-${q.key}`}>
                {q.number}. <Bilingual sv={q.sv.text} own={q.text} form={form} />
              </label>
              <FieldError field={q.key} />
              <textarea id={`entry-${q.key}`} name={q.key} rows={4} defaultValue={(values[q.key] as string | undefined) ?? ""} lang={form.lang} dir="auto" />
            </div>
          ) : q.type === "matrix" ? (
            <fieldset key={q.key} className="paper-entry-q">
              <legend>
                {q.number}. <Bilingual sv={q.sv.text} own={q.text} form={form} />
              </legend>
              {q.rows.map((row, r) => (
                <fieldset key={row.key} data-entry="" className="paper-entry-row">
                  <legend>
                    <Bilingual sv={q.sv.rows[r]!.text} own={row.text} form={form} />
                  </legend>
                  <FieldError field={`${q.key}.${row.key}`} />
                  <Choices name={`${q.key}.${row.key}`} q={q} form={form} values={values} multi={false} />
                </fieldset>
              ))}
            </fieldset>
          ) : (
            <fieldset key={q.key} data-entry="" className="paper-entry-q">
              <legend>
                {q.number}. <Bilingual sv={q.sv.text} own={q.text} form={form} />
              </legend>
              <FieldError field={q.key} />
              <Choices name={q.key} q={q} form={form} values={values} multi={q.type === "multi"} />
            </fieldset>
          ),
        )}
        <button type="submit">{t("paper.submit")}</button>
      </Form>
    </>
  );
}

export default function PaperEntry() {
  const { saved } = useLoaderData<typeof loader>();
  const page = useActionData<typeof action>();
  const { t } = useTranslation("codes");
  return (
    <>
      <h1>{t("paper.entryTitle")}</h1>
      {page?.kind === "form" ? (
        <EntryFields form={page.form} values={page.values} errors={page.errors} />
      ) : (
        <>
          <p>{t("paper.entryIntro")}</p>
          {saved && !page ? (
            <p className="notice" role="status">
              {t("paper.saved")}
            </p>
          ) : null}
          {page?.kind === "refused" ? (
            <p className="form-error" role="alert">
              {page.message}
            </p>
          ) : null}
          <Form method="post" className="stack" key={page ? "again" : "first"}>
            <input type="hidden" name="intent" value="open" />
            <label htmlFor="entry-code">{t("paper.code")}</label>
            {/* autoFocus: the next returned sheet's code is typed straight away */}
            <CodeInput id="entry-code" name={PAPER_CODE_FIELD} autoFocus />
            <button type="submit">{t("paper.open")}</button>
          </Form>
        </>
      )}
      <p>
        <Link to="/admin/paper/print">{t("paper.printTitle")}</Link>
      </p>
    </>
  );
}
