import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentForm, QueryForm, type FormReply } from "~/components/intent-form";
import { LanguageSelect, languagesToShow } from "~/components/language-readiness";
import { requireUser } from "~/auth/session.server";
import { mayChangeSurvey, surveyVisibility } from "~/units/units.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { textDirection } from "~/i18n/languages";
import { MAX_RECORDING_BYTES } from "~/survey/audio";
import { languagesOf } from "~/survey/definition";
import { versionFromParams, versionToChange } from "~/survey/http.server";
import { languageField, uploadedFile } from "~/utils/form-fields";
import { deleteRecordings, recordingsOf, saveRecording } from "~/survey/recordings.server";
import "~/styles/surveys.css";

const PLACE = /^[a-z][a-z0-9_]*\.(text|options\.[a-z][a-z0-9_]*|rows\.[a-z][a-z0-9_]*)$/;
// `as`, not `lang`: ?lang chooses the staff member's own UI language
export const RecordingsQuerySchema = z.object({ as: languageField() });
export const UploadRecordingSchema = z.object({
  intent: z.literal("upload"),
  lang: languageField(),
  place: z.string().regex(PLACE),
  file: uploadedFile(MAX_RECORDING_BYTES, "recordingTooLarge"),
});
export const DeleteRecordingSchema = z.object({
  intent: z.literal("delete"),
  lang: languageField(),
  place: z.string().regex(PLACE),
});
const RecordingActionSchema = z.discriminatedUnion("intent", [UploadRecordingSchema, DeleteRecordingSchema]);

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const v = await versionFromParams(params, await surveyVisibility(user));
  const query = RecordingsQuerySchema.safeParse(Object.fromEntries(new URL(request.url).searchParams));
  const languages = languagesToShow(languagesOf(v.version.questions));
  const lang = query.success && languages.includes(query.data.as) ? query.data.as : v.survey.defaultLanguage;
  return {
    // a unit's manager reads a shared survey but does not change it (decision 0023)
    mayChange: await mayChangeSurvey(user, v.owner),
    slug: v.survey.slug,
    version: v.version.version,
    languages,
    lang,
    dir: textDirection(lang),
    places: await recordingsOf(v.surveyId, v.version.questions, lang),
  };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<FormReply | Response> {
  const user = await requireUser(request, "manager");
  const t = serverT(staffLanguage(request), "surveys");
  const v = await versionToChange(user, params);
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: RecordingActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  const { lang, place } = submission.value;
  if (submission.value.intent === "delete") await deleteRecordings(v.surveyId, place, lang);
  else {
    const saved = await saveRecording(v.surveyId, v.version.questions, place, lang, new Uint8Array(await submission.value.file.arrayBuffer()));
    // i18n-uses: surveys:recordings.problems.*
    if (!saved.ok) return { formId, result: submission.reply({ formErrors: [t(`recordings.problems.${saved.problem}`)] }) };
  }
  return redirect(`${new URL(request.url).pathname}?as=${lang}#${place.replaceAll(".", "-")}`);
}

export default function Recordings() {
  const data = useLoaderData<typeof loader>();
  const { t } = useTranslation("surveys");
  const base = `/admin/surveys/${data.slug}/${data.version}`;
  return (
    <>
      <p>
        <Link to={base}>{t("versionN", { version: data.version })}</Link>
      </p>
      <h1>{t("recordings.title", { version: data.version })}</h1>
      <p>{t("recordings.intro", { mb: MAX_RECORDING_BYTES / 1024 / 1024 })}</p>
      {data.mayChange ? null : <p className="hint">{t("view.sharedReadOnly")}</p>}
      <QueryForm id="recordings-lang" schema={RecordingsQuerySchema} className="toolbar">
        <label htmlFor="recordings-as">{t("recordings.language")}</label>
        <LanguageSelect id="recordings-as" name="as" languages={data.languages} defaultValue={data.lang} />
        <button type="submit" className="secondary">
          {t("preview.show")}
        </button>
      </QueryForm>
      <table className="recordings reflow">
        <thead>
          <tr>
            <th scope="col">{t("recordings.place")}</th>
            <th scope="col">{t("recordings.text")}</th>
            <th scope="col">{t("recordings.state")}</th>
            <th scope="col">{t("actions")}</th>
          </tr>
        </thead>
        <tbody>
          {data.places.map((p) => {
            const id = p.place.replaceAll(".", "-");
            return (
              <tr key={p.place} id={id} data-place={p.place} data-state={p.state}>
                <th scope="row">
                  <code>{p.place}</code>
                </th>
                <td lang={data.lang} dir={data.dir}>
                  {p.text}
                </td>
                <td>
                  {/* i18n-uses: surveys:recordings.states.* */}
                  {t(`recordings.states.${p.state}`)}
                  {p.id ? <audio controls preload="none" src={`/a/${p.id}`} aria-label={t("recordings.listen", { place: p.place })} /> : null}
                </td>
                <td>
                  {data.mayChange ? (
                  <>
                  <IntentForm id={`upload-${id}`} schema={UploadRecordingSchema} encType="multipart/form-data" className="inline-form">
                    <input type="hidden" name="intent" value="upload" />
                    <input type="hidden" name="lang" value={data.lang} />
                    <input type="hidden" name="place" value={p.place} />
                    <label htmlFor={`file-${id}`}>{t("recordings.file")}</label>
                    <input id={`file-${id}`} type="file" name="file" accept="audio/*" />
                    <button type="submit" className="small">
                      {t("recordings.upload")}
                    </button>
                  </IntentForm>
                  {p.state !== "missing" ? (
                    <IntentForm id={`delete-${id}`} schema={DeleteRecordingSchema} className="inline-form">
                      <input type="hidden" name="intent" value="delete" />
                      <input type="hidden" name="lang" value={data.lang} />
                      <input type="hidden" name="place" value={p.place} />
                      <button type="submit" className="small secondary">
                        {t("recordings.delete")}
                      </button>
                    </IntentForm>
                  ) : null}
                  </>
                  ) : null}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </>
  );
}
