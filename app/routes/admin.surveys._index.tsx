import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentForm, type FormReply } from "~/components/intent-form";
import { requireUser } from "~/auth/session.server";
import { forbiddenOnUnitAccess } from "~/units/http.server";
import { checkSurveyChange, surveyChangeRights, surveyOwnerChoice, surveyVisibility, uploadOwner } from "~/units/units.server";
import { maySurveyChange } from "~/units/scope";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { minGroupSize } from "~/results/aggregate.server";
import { formatCount } from "~/results/format";
import { withReleasedResponses } from "~/results/released-responses.server";
import { issueText, refusal } from "~/survey/http.server";
import { createDraft, importSurvey, listSurveys, SurveyImportError, surveyHidden, type ImportSummary } from "~/survey/store.server";
import { MAX_DEFINITION_BYTES, oversizedIssue, parseSurveyDefinition } from "~/survey/validate";
import { uploadedFile } from "~/utils/form-fields";
import "~/styles/surveys.css";

export const UploadSchema = z.object({
  intent: z.literal("upload"),
  file: uploadedFile(MAX_DEFINITION_BYTES, "tooLarge"),
  /** a new survey's owner (decision 0023); checked against the account's role in uploadOwner */
  owner: z.enum(["shared", "unit"]).optional(),
});
export const NewDraftSchema = z.object({
  intent: z.literal("newDraft"),
  slug: z.string({ required_error: "required" }).max(64),
});
const ActionSchema = z.discriminatedUnion("intent", [UploadSchema, NewDraftSchema]);

export async function loader({ request }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const owner = await forbiddenOnUnitAccess(surveyOwnerChoice(user));
  const rights = await surveyChangeRights(user);
  const visible = await surveyVisibility(user);
  const surveys = await withReleasedResponses(await listSurveys(visible), { unitIds: visible.unitIds });
  return {
    minGroupSize: minGroupSize(),
    // a unit's manager gets no new-draft or edit controls on a shared survey (decision 0023)
    surveys: surveys.map(({ owner, ...s }) => ({ ...s, mayChange: maySurveyChange(rights, owner) })),
    // null: one unit on the installation, an upload is shared as it always was
    upload: owner.single ? null : { mayChoose: owner.mayChoose, unit: owner.own.name },
  };
}

type ActionData = FormReply & { imported?: ImportSummary };

export async function action({ request }: ActionFunctionArgs): Promise<ActionData | Response> {
  const user = await requireUser(request, "manager");
  const t = serverT(staffLanguage(request), "surveys");
  // refuse an oversized upload before reading its body
  const length = Number(request.headers.get("Content-Length") ?? 0);
  if (length > MAX_DEFINITION_BYTES + 64 * 1024)
    return {
      formId: "upload",
      result: { status: "error", error: { "": [t("upload.refused"), issueText(oversizedIssue(length), t)] } },
    };
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: ActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const value = submission.value;
  // another unit's own survey is as unknown here as on its pages: no draft of it, no import into it
  const visible = await surveyVisibility(user);
  const hidden = (slug: string) => surveyHidden(slug, visible);
  if (value.intent === "newDraft") {
    if (await hidden(value.slug)) throw new Response("Not found", { status: 404 });
    await forbiddenOnUnitAccess(checkSurveyChange(user, value.slug));
    try {
      const version = await createDraft(value.slug);
      return redirect(`/admin/surveys/${value.slug}/${version}/edit`);
    } catch (e) {
      return { formId, result: submission.reply({ formErrors: refusal(e, t) }) };
    }
  }
  const parsed = parseSurveyDefinition(await value.file.text());
  if (!parsed.ok)
    return {
      formId,
      result: submission.reply({ formErrors: [t("upload.refused"), ...parsed.issues.map((i) => issueText(i, t))] }),
    };
  if (await hidden(parsed.definition.slug)) throw new Response("Not found", { status: 404 });
  // a file for a stored survey adds versions and translations to it: the same right as editing
  await forbiddenOnUnitAccess(checkSurveyChange(user, parsed.definition.slug));
  const owner = await forbiddenOnUnitAccess(uploadOwner(user, value.owner));
  try {
    const imported = await importSurvey(parsed.definition, { owner });
    return { formId, result: submission.reply({ resetForm: true }), imported };
  } catch (e) {
    if (e instanceof SurveyImportError)
      return {
        formId,
        result: submission.reply({ formErrors: [t("upload.refused"), ...e.issues.map((i) => issueText(i, t))] }),
      };
    throw e;
  }
}

export default function Surveys() {
  const { surveys, upload, minGroupSize } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const { t, i18n } = useTranslation("surveys");
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === "en" ? "en-GB" : "sv-SE");
  const imported = actionData && "imported" in actionData ? actionData.imported : undefined;
  const publishedNotice = params.get("published");
  return (
    <>
      <h1>{t("title")}</h1>
      {publishedNotice ? (
        <p className="notice" role="status">
          {t("list.publishedNotice", { version: publishedNotice })}
        </p>
      ) : null}
      {imported ? (
        <div className="notice" role="status">
          <p>{t("upload.done", { slug: imported.slug })}</p>
          {imported.created.length ? <p>{t("upload.created", { versions: imported.created.join(", ") })}</p> : null}
          {imported.published.length ? (
            <p>{t("upload.publishedDrafts", { versions: imported.published.join(", ") })}</p>
          ) : null}
          {imported.translated.map((tr: ImportSummary["translated"][number]) => (
            <p key={tr.version}>{t("upload.translated", { version: tr.version, languages: tr.languages.join(", ") })}</p>
          ))}
          {imported.unchanged.length ? <p>{t("upload.unchanged", { versions: imported.unchanged.join(", ") })}</p> : null}
        </div>
      ) : null}
      {surveys.length ? <p className="hint">{t("responsesReleased", { count: minGroupSize })}</p> : null}
      {surveys.map((s) => {
        const newest = s.versions.at(-1);
        const draft = s.versions.find((v) => v.status === "draft");
        const title = s.title[i18n.language] || s.title[s.defaultLanguage];
        return (
          <section key={s.slug} aria-labelledby={`survey-${s.slug}`}>
            <h2 id={`survey-${s.slug}`}>
              {title} <span className="muted">({s.slug})</span>
            </h2>
            <table>
              <thead>
                <tr>
                  <th scope="col">{t("version")}</th>
                  <th scope="col">{t("label")}</th>
                  <th scope="col">{t("status")}</th>
                  <th scope="col" className="num">
                    {t("responses")}
                  </th>
                  <th scope="col">{t("actions")}</th>
                </tr>
              </thead>
              <tbody>
                {s.versions.map((v) => (
                  <tr key={v.version} data-version={v.version}>
                    <td>{v.version}</td>
                    <td>{v.label}</td>
                    <td>
                      <span className={`badge ${v.status}`}>{t(`statuses.${v.status}`)}</span>
                      {v.publishedAt ? <span className="muted"> {date(v.publishedAt)}</span> : null}
                    </td>
                    <td className="num">{formatCount(v.responses, i18n.language)}</td>
                    <td>
                      <Link to={`/admin/surveys/${s.slug}/${v.version}`} aria-label={`${t("list.view")}: ${t("versionN", { version: v.version })}`}>
                        {t("list.view")}
                      </Link>
                      {v.status === "draft" && s.mayChange ? (
                        <>
                          {" · "}
                          <Link to={`/admin/surveys/${s.slug}/${v.version}/edit`}>{t("list.edit")}</Link>
                        </>
                      ) : null}
                    </td>
                  </tr>
                ))}
              </tbody>
            </table>
            <div className="toolbar">
              {!s.mayChange ? (
                <p className="hint">{t("view.sharedReadOnly")}</p>
              ) : draft ? (
                <p>{t("list.draftExists", { version: draft.version })}</p>
              ) : newest ? (
                <IntentForm id={`new-draft-${s.slug}`} schema={NewDraftSchema} className="inline-form">
                  <input type="hidden" name="intent" value="newDraft" />
                  <input type="hidden" name="slug" value={s.slug} />
                  <button type="submit">{t("list.newDraft", { version: newest.version })}</button>
                </IntentForm>
              ) : null}
              {s.versions.length > 1 ? (
                <Link to={`/admin/surveys/${s.slug}/compare`}>{t("list.compare")}</Link>
              ) : null}
              <a href={`/admin/surveys/${s.slug}/download`} download>
                {t("list.download")}
              </a>
            </div>
          </section>
        );
      })}
      <h2>{t("upload.title")}</h2>
      <p className="muted">{t("upload.help")}</p>
      <IntentForm id="upload" schema={UploadSchema} encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="upload" />
        <label htmlFor="definition-file">{t("upload.file")}</label>
        <input id="definition-file" type="file" name="file" accept="application/json,.json" required />
        {upload?.mayChoose ? (
          <fieldset aria-describedby="owner-hint">
            <legend>{t("upload.owner")}</legend>
            <label>
              <input type="radio" name="owner" value="shared" defaultChecked /> {t("upload.shared")}
            </label>
            <label>
              <input type="radio" name="owner" value="unit" /> {t("upload.ownUnit", { unit: upload.unit })}
            </label>
            <p className="hint" id="owner-hint">
              {t("upload.ownerHint")}
            </p>
          </fieldset>
        ) : upload ? (
          <p className="hint">{t("upload.unitOwned", { unit: upload.unit })}</p>
        ) : null}
        <button type="submit">{t("upload.submit")}</button>
      </IntentForm>
    </>
  );
}
