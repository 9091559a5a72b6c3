import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentForm, QueryForm, type FormReply } from "~/components/intent-form";
import { requireUser } from "~/auth/session.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { RESPONDENT_LANGUAGES } from "~/i18n/languages";
import { languagesOf, QUESTION_TYPES, WAVES, type Question } from "~/survey/definition";
import { issueText, refusal, versionToChange } from "~/survey/http.server";
import { publishProblems, updateDraft } from "~/survey/store.server";
import {
  addChoice,
  addQuestion,
  editQuestion,
  moveChoice,
  defaultInsertIndex,
  moveQuestion,
  moveQuestionTo,
  removeChoice,
  removeQuestion,
  renameQuestion,
} from "~/survey/versions";
import "~/styles/surveys.css";

const key = z
  .string({ required_error: "required" })
  .trim()
  .max(64, "tooLong")
  .regex(/^[a-z][a-z0-9_]*$/, "key");
const lang = z.string({ required_error: "language" }).regex(/^[a-z]{2,3}$/, "language");
const text = z.string().max(2000, "tooLong").optional();
const waves = z.array(z.enum(WAVES), { required_error: "waves" }).min(1, "waves");
const list = z.enum(["options", "rows"]);

export const LabelSchema = z.object({ intent: z.literal("label"), label: z.string().trim().max(200, "tooLong").optional() });
export const SaveQuestionSchema = z.object({
  intent: z.literal("save"),
  key,
  lang,
  text,
  options: z.record(text).optional(),
  rows: z.record(text).optional(),
  waves,
  maxLength: z.number({ invalid_type_error: "number" }).int("number").min(1, "number").max(10_000, "number").optional(),
});
export const QuestionOpSchema = z.object({
  intent: z.enum(["questionUp", "questionDown", "questionRemove"]),
  key,
});
// 1-based, as the page shows positions
const position = z.number({ required_error: "number", invalid_type_error: "number" }).int("number").min(1, "number").max(10_000, "number");
export const MoveToSchema = z.object({ intent: z.literal("questionTo"), key, position });
export const RenameSchema = z.object({ intent: z.literal("rename"), key, newKey: key });
export const ChoiceOpSchema = z.object({
  intent: z.enum(["choiceUp", "choiceDown", "choiceRemove"]),
  key,
  list,
  choice: key,
});
export const AddChoiceSchema = z.object({
  intent: z.literal("addChoice"),
  key,
  list,
  choice: key,
  lang,
  text: z.string({ required_error: "required" }).trim().min(1, "required").max(2000, "tooLong"),
});
export const AddQuestionSchema = z.object({
  intent: z.literal("addQuestion"),
  // empty: proposed from the Swedish text, and editable until the version is published
  key: key.optional(),
  position: position.optional(),
  type: z.enum(QUESTION_TYPES, { required_error: "required" }),
  waves,
  lang,
  text: z.string({ required_error: "required" }).trim().min(1, "required").max(2000, "tooLong"),
});
const ActionSchema = z.discriminatedUnion("intent", [
  LabelSchema,
  SaveQuestionSchema,
  QuestionOpSchema,
  ChoiceOpSchema,
  AddChoiceSchema,
  AddQuestionSchema,
  MoveToSchema,
  RenameSchema,
]);

export const TextsQuerySchema = z.object({ texts: lang });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const v = await versionToChange(user, params);
  // a published version has nothing to edit: show it instead
  if (v.status !== "draft") throw redirect(`/admin/surveys/${v.survey.slug}/${v.version.version}`);
  const t = serverT(staffLanguage(request), "surveys");
  const query = TextsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const own = languagesOf(v.version.questions);
  const known: string[] = RESPONDENT_LANGUAGES.map((l) => l.code);
  return {
    languages: [...known, ...own.filter((l) => !known.includes(l)).sort()],
    slug: v.survey.slug,
    defaultLanguage: v.survey.defaultLanguage,
    version: v.version,
    lang: query.success ? query.data.texts : v.survey.defaultLanguage,
    problems: publishProblems(v).map((i) => issueText(i, t)),
  };
}

/** The values with empty texts as "" (a cleared field removes that language's text). */
const texts = (record: Record<string, string | undefined> | undefined) =>
  record && Object.fromEntries(Object.entries(record).map(([k, v]) => [k, v ?? ""]));

export async function action({ request, params }: ActionFunctionArgs): Promise<FormReply | Response> {
  const user = await requireUser(request, "manager");
  const t = serverT(staffLanguage(request), "surveys");
  const v = await versionToChange(user, params);
  const { slug } = v.survey;
  const n = v.version.version;
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const value = submission.value;
  const defaultLanguage = v.survey.defaultLanguage;
  let anchor = "";
  try {
    switch (value.intent) {
      case "label":
        await updateDraft(slug, n, (qs) => qs, [], value.label ?? "");
        break;
      case "save":
        anchor = value.key;
        await updateDraft(
          slug,
          n,
          (qs) =>
            editQuestion(qs, {
              key: value.key,
              lang: value.lang,
              text: value.text ?? "",
              options: texts(value.options),
              rows: texts(value.rows),
              waves: value.waves,
              maxLength: value.maxLength,
            }),
          [value.lang],
        );
        break;
      case "questionUp":
      case "questionDown":
        anchor = value.key;
        await updateDraft(slug, n, (qs) => moveQuestion(qs, value.key, value.intent === "questionUp" ? -1 : 1));
        break;
      case "questionRemove":
        await updateDraft(slug, n, (qs) => removeQuestion(qs, value.key));
        break;
      case "questionTo":
        anchor = value.key;
        await updateDraft(slug, n, (qs) => moveQuestionTo(qs, value.key, value.position - 1));
        break;
      case "rename":
        anchor = value.newKey;
        await updateDraft(slug, n, (qs) => renameQuestion(qs, value.key, value.newKey));
        break;
      case "choiceUp":
      case "choiceDown":
        anchor = value.key;
        await updateDraft(slug, n, (qs) =>
          moveChoice(qs, value.key, value.list, value.choice, value.intent === "choiceUp" ? -1 : 1),
        );
        break;
      case "choiceRemove":
        anchor = value.key;
        await updateDraft(slug, n, (qs) => removeChoice(qs, value.key, value.list, value.choice));
        break;
      case "addChoice":
        anchor = value.key;
        await updateDraft(
          slug,
          n,
          (qs) => addChoice(qs, value.key, value.list, { key: value.choice, lang: value.lang, text: value.text }),
          [value.lang],
        );
        break;
      case "addQuestion": {
        const add = { ...value, key: value.key ?? "", at: value.position === undefined ? undefined : value.position - 1 };
        await updateDraft(slug, n, (qs) => {
          const next = addQuestion(qs, add);
          anchor = next.find((q) => !qs.some((old) => old.key === q.key))?.key ?? "";
          return next;
        }, [value.lang]);
        break;
      }
    }
  } catch (e) {
    return { formId, result: submission.reply({ formErrors: refusal(e, t) }) };
  }
  const url = new URL(request.url);
  const query = url.searchParams.get("texts");
  // back to the same place on the page, in the same editing language (post/redirect/get)
  return redirect(
    `${url.pathname}${query && query !== defaultLanguage ? `?texts=${query}` : ""}${anchor ? `#q-${anchor}` : ""}`,
  );
}

function ChoiceEditor({
  q,
  listName,
  lang,
  defaultLanguage,
}: {
  q: Question;
  listName: "options" | "rows";
  lang: string;
  defaultLanguage: string;
}) {
  const { t } = useTranslation("surveys");
  const choices = q[listName] ?? [];
  return (
    <>
      <h4>{t(`edit.${listName}`)}</h4>
      <ul className="choice-list">
        {choices.map((c, ci) => (
          <li key={c.key}>
            <code>{c.key}</code>
            <span>{c.text[lang] || <em className="muted">{c.text[defaultLanguage]}</em>}</span>
            <IntentForm id={`${listName}-${q.key}-${c.key}`} schema={ChoiceOpSchema} className="inline-form">
              <input type="hidden" name="key" value={q.key} />
              <input type="hidden" name="list" value={listName} />
              <input type="hidden" name="choice" value={c.key} />
              <button type="submit" name="intent" value="choiceUp" className="small secondary" disabled={ci === 0}>
                ↑<span className="visually-hidden"> {t("edit.moveUp")} {c.key}</span>
              </button>
              <button
                type="submit"
                name="intent"
                value="choiceDown"
                className="small secondary"
                disabled={ci === choices.length - 1}
              >
                ↓<span className="visually-hidden"> {t("edit.moveDown")} {c.key}</span>
              </button>
              <button type="submit" name="intent" value="choiceRemove" className="small secondary">
                {t("edit.remove")}
                <span className="visually-hidden"> {c.key}</span>
              </button>
            </IntentForm>
          </li>
        ))}
      </ul>
      {/* a new key after each addition empties the fields (with JavaScript the page is not reloaded) */}
      <IntentForm
        key={`add-${listName}-${q.key}-${choices.length}`}
        id={`add-${listName}-${q.key}`}
        schema={AddChoiceSchema}
        className="inline-form"
      >
        <input type="hidden" name="intent" value="addChoice" />
        <input type="hidden" name="key" value={q.key} />
        <input type="hidden" name="list" value={listName} />
        <input type="hidden" name="lang" value={defaultLanguage} />
        <label htmlFor={`add-${listName}-${q.key}-key`}>{t("edit.key")}</label>
        <input id={`add-${listName}-${q.key}-key`} name="choice" required pattern="[a-z][a-z0-9_]*" size={14} />
        <label htmlFor={`add-${listName}-${q.key}-text`}>
          {t("edit.text")} ({defaultLanguage})
        </label>
        <input id={`add-${listName}-${q.key}-text`} name="text" required />
        <button type="submit" className="small">
          {t(listName === "options" ? "edit.addOption" : "edit.addRow")}
        </button>
      </IntentForm>
    </>
  );
}

export default function EditVersion() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("surveys");
  const { lang, defaultLanguage } = data;
  const questions = data.version.questions;
  const base = `/admin/surveys/${data.slug}/${data.version.version}`;
  return (
    <>
      <p>
        <Link to={base}>{t("edit.backToVersion")}</Link>
      </p>
      <h1>{t("edit.title", { version: data.version.version })}</h1>
      {data.problems.length ? (
        <div className="notice">
          <p>{t("edit.problems")}</p>
          <ul>
            {data.problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
        </div>
      ) : (
        <p className="notice">
          {t("edit.ready")} <Link to={`${base}/publish`}>{t("view.publish")}</Link>
        </p>
      )}
      <QueryForm id="texts" schema={TextsQuerySchema} className="toolbar">
        <label htmlFor="texts-lang">{t("edit.textsIn")}</label>
        <select id="texts-lang" name="texts" defaultValue={lang}>
          {data.languages.map((code) => (
            <option key={code} value={code}>
              {RESPONDENT_LANGUAGES.find((l) => l.code === code)?.name ?? code} ({code})
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("edit.choose")}
        </button>
      </QueryForm>

      <IntentForm id="label" schema={LabelSchema} className="inline-form">
        <input type="hidden" name="intent" value="label" />
        <label htmlFor="version-label">{t("edit.labelTitle")}</label>
        <input id="version-label" name="label" defaultValue={data.version.label} maxLength={200} />
        <button type="submit" className="small secondary">
          {t("edit.saveLabel")}
        </button>
      </IntentForm>

      {questions.map((q, qi) => (
        <section key={`${q.key}-${lang}`} id={`q-${q.key}`} className="question-edit" aria-labelledby={`q-${q.key}-h`}>
          <h3 id={`q-${q.key}-h`}>
            {qi + 1}. <code>{q.key}</code> <span className="muted">({t(`types.${q.type}`)})</span>
          </h3>
          <IntentForm id={`save-${q.key}`} schema={SaveQuestionSchema}>
            <input type="hidden" name="intent" value="save" />
            <input type="hidden" name="key" value={q.key} />
            <input type="hidden" name="lang" value={lang} />
            <label htmlFor={`q-${q.key}-text`}>
              {t("edit.questionText")} ({lang})
            </label>
            <textarea
              id={`q-${q.key}-text`}
              name="text"
              rows={2}
              defaultValue={q.text[lang] ?? ""}
              lang={lang}
              dir="auto"
            />
            {lang !== defaultLanguage ? (
              <p className="muted">{t("edit.defaultText", { text: q.text[defaultLanguage] ?? "" })}</p>
            ) : null}
            {(["rows", "options"] as const).map((listName) =>
              q[listName]?.length ? (
                <fieldset key={listName}>
                  <legend>
                    {t(`edit.${listName}`)} ({lang})
                  </legend>
                  {q[listName]!.map((c) => (
                    <div key={c.key}>
                      <label htmlFor={`q-${q.key}-${listName}-${c.key}`}>
                        <code>{c.key}</code>
                        {lang !== defaultLanguage ? <span className="muted"> — {c.text[defaultLanguage]}</span> : null}
                      </label>
                      <input
                        type="text"
                        id={`q-${q.key}-${listName}-${c.key}`}
                        name={`${listName}.${c.key}`}
                        defaultValue={c.text[lang] ?? ""}
                        lang={lang}
                        dir="auto"
                      />
                    </div>
                  ))}
                </fieldset>
              ) : null,
            )}
            <fieldset className="checks">
              <legend>{t("edit.wavesLegend")}</legend>
              {WAVES.map((w) => (
                <label key={w}>
                  <input type="checkbox" name="waves" value={w} defaultChecked={q.waves.includes(w)} /> {t(`waves.${w}`)}
                </label>
              ))}
            </fieldset>
            {q.type === "text" ? (
              <>
                <label htmlFor={`q-${q.key}-max`}>{t("edit.maxLength")}</label>
                <input
                  id={`q-${q.key}-max`}
                  name="maxLength"
                  type="number"
                  min={1}
                  max={10000}
                  defaultValue={q.maxLength ?? 2000}
                />
              </>
            ) : null}
            <p>
              <button type="submit">{t("edit.save")}</button>
            </p>
          </IntentForm>
          {q.type === "matrix" ? (
            <ChoiceEditor q={q} listName="rows" lang={lang} defaultLanguage={defaultLanguage} />
          ) : null}
          {q.type !== "text" ? (
            <ChoiceEditor q={q} listName="options" lang={lang} defaultLanguage={defaultLanguage} />
          ) : null}
          <IntentForm id={`op-${q.key}`} schema={QuestionOpSchema} className="toolbar">
            <input type="hidden" name="key" value={q.key} />
            <button type="submit" name="intent" value="questionUp" className="small secondary" disabled={qi === 0}>
              {t("edit.moveUp")}
            </button>
            <button
              type="submit"
              name="intent"
              value="questionDown"
              className="small secondary"
              disabled={qi === questions.length - 1}
            >
              {t("edit.moveDown")}
            </button>
            <button type="submit" name="intent" value="questionRemove" className="small secondary">
              {t("edit.removeQuestion")}
            </button>
          </IntentForm>
          <IntentForm id={`to-${q.key}`} schema={MoveToSchema} className="toolbar">
            <input type="hidden" name="intent" value="questionTo" />
            <input type="hidden" name="key" value={q.key} />
            <label htmlFor={`to-${q.key}-position`}>{t("edit.moveTo")}</label>
            <select id={`to-${q.key}-position`} name="position" defaultValue={qi + 1}>
              {questions.map((other, oi) => (
                <option key={other.key} value={oi + 1}>
                  {oi + 1} ({other.key})
                </option>
              ))}
            </select>
            <button type="submit" className="small secondary">
              {t("edit.move")}
            </button>
          </IntentForm>
          <IntentForm id={`rename-${q.key}`} schema={RenameSchema} className="toolbar">
            <input type="hidden" name="intent" value="rename" />
            <input type="hidden" name="key" value={q.key} />
            <label htmlFor={`rename-${q.key}-key`}>{t("edit.questionKey")}</label>
            <input id={`rename-${q.key}-key`} name="newKey" defaultValue={q.key} required pattern="[a-z][a-z0-9_]*" />
            <button type="submit" className="small secondary">
              {t("edit.rename")}
            </button>
          </IntentForm>
        </section>
      ))}

      <h2>{t("edit.addQuestion")}</h2>
      <IntentForm key={`add-question-${questions.length}`} id="add-question" schema={AddQuestionSchema} className="stack">
        <input type="hidden" name="intent" value="addQuestion" />
        <input type="hidden" name="lang" value={defaultLanguage} />
        <label htmlFor="new-key">{t("edit.key")}</label>
        <input id="new-key" name="key" pattern="[a-z][a-z0-9_]*" aria-describedby="new-key-help" />
        <p id="new-key-help" className="muted">
          {t("edit.keyProposed")}
        </p>
        <label htmlFor="new-position">{t("edit.insertAt")}</label>
        <select id="new-position" name="position" defaultValue={defaultInsertIndex(questions) + 1}>
          {[...questions, null].map((q, qi) => (
            <option key={q?.key ?? "end"} value={qi + 1}>
              {q ? t("edit.before", { position: qi + 1, key: q.key }) : t("edit.last")}
            </option>
          ))}
        </select>
        <label htmlFor="new-type">{t("edit.type")}</label>
        <select id="new-type" name="type" defaultValue="single">
          {QUESTION_TYPES.map((type) => (
            <option key={type} value={type}>
              {t(`types.${type}`)}
            </option>
          ))}
        </select>
        <label htmlFor="new-text">
          {t("edit.questionText")} ({defaultLanguage})
        </label>
        <textarea id="new-text" name="text" rows={2} required />
        <fieldset className="checks">
          <legend>{t("edit.wavesLegend")}</legend>
          {WAVES.map((w) => (
            <label key={w}>
              <input type="checkbox" name="waves" value={w} defaultChecked={w === "closure"} /> {t(`waves.${w}`)}
            </label>
          ))}
        </fieldset>
        <button type="submit">{t("edit.add")}</button>
      </IntentForm>
    </>
  );
}
