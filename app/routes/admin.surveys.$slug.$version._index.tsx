import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { minGroupSize } from "~/results/aggregate.server";
import { formatCount } from "~/results/format";
import { releasedResponsesByVersion } from "~/results/released-responses.server";
import { z } from "zod";
import { IntentForm, QueryForm, type FormReply } from "~/components/intent-form";
import { SurveyPreview } from "~/components/survey-preview";
import { requireUser } from "~/auth/session.server";
import { mayChangeSurvey, surveyVisibility } from "~/units/units.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { textDirection } from "~/i18n/languages";
import { languagesOf, questionsForWave, WAVES } from "~/survey/definition";
import { refusal, versionFromParams, versionToChange } from "~/survey/http.server";
import { confirmTranslations, importTranslationTexts, markReviewed } from "~/survey/store.server";
import { readTranslationSheet } from "~/survey/translation-sheet.server";
import { languageReadiness } from "~/survey/readiness";
import { recordingSummaries } from "~/survey/recordings.server";
import { LanguageReadinessTable, LanguageSelect, languageName, languagesToShow } from "~/components/language-readiness";
import { languageField, uploadedFile } from "~/utils/form-fields";
import "~/styles/surveys.css";

export const MarkReviewedSchema = z.object({
  intent: z.literal("markReviewed"),
  lang: languageField(),
});
// the translator keeps the texts shown as stale (names them, so a text that went stale later is not covered)
export const ConfirmStaleSchema = z.object({
  intent: z.literal("confirmStale"),
  lang: languageField(),
  place: z.array(z.string().regex(/^[a-z][a-z0-9_.]*$/)).min(1),
});
const MAX_SHEET_BYTES = 1024 * 1024;
export const ImportSheetSchema = z.object({
  intent: z.literal("importSheet"),
  lang: languageField(),
  file: uploadedFile(MAX_SHEET_BYTES, "tooLarge"),
});
const TranslationActionSchema = z.discriminatedUnion("intent", [MarkReviewedSchema, ConfirmStaleSchema, ImportSheetSchema]);
// `preview`, not `lang`: ?lang chooses the staff member's own UI language
export const PreviewQuerySchema = z.object({
  preview: languageField(),
  wave: z.enum(WAVES).optional(),
});

// after a translator's file was read: its language and how many texts it changed
const ImportedQuerySchema = z.object({ imported: languageField(), changed: z.coerce.number().int().min(0) });

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const visible = await surveyVisibility(user);
  const v = await versionFromParams(params, visible);
  // an empty field ("all waves") means absent, as Conform reads it
  const entries = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
  const parsed = PreviewQuerySchema.partial().safeParse(Object.fromEntries(entries));
  const query = parsed.success ? parsed.data : {};
  const lang = query.preview ?? v.survey.defaultLanguage;
  const imported = ImportedQuerySchema.safeParse(Object.fromEntries(entries));
  const own = languagesOf(v.version.questions);
  const translations = languagesToShow([...own, ...Object.keys(v.reviews)]).map((l) =>
    languageReadiness(v.survey, v.version, l, v.reviews[l]),
  );
  return {
    // a unit's manager reads a shared survey but does not change it (decision 0023)
    mayChange: await mayChangeSurvey(user, v.owner),
    slug: v.survey.slug,
    title: v.survey.title,
    recordings: await recordingSummaries(v.surveyId, v.version.questions, translations.map((tr) => tr.lang)),
    defaultLanguage: v.survey.defaultLanguage,
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt,
    // a draft has none: no codes are handed out for it
    responses: v.status === "published" ? ((await releasedResponsesByVersion(v.survey.slug, { unitIds: visible.unitIds })).get(v.version.version) ?? null) : null,
    minGroupSize: minGroupSize(),
    translations,
    imported: imported.success ? imported.data : null,
    preview: {
      lang,
      dir: textDirection(lang),
      wave: query.wave ?? null,
      questions: query.wave ? questionsForWave(v.version, query.wave) : v.version.questions,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<FormReply | Response> {
  const user = await requireUser(request, "manager");
  const t = serverT(staffLanguage(request), "surveys");
  const v = await versionToChange(user, params);
  if (Number(request.headers.get("Content-Length") ?? 0) > MAX_SHEET_BYTES + 64 * 1024)
    return { formId: "sheet", result: { status: "error", error: { "": [t("validation.tooLarge")] } } };
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: TranslationActionSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  try {
    const value = submission.value;
    const { lang } = value;
    if (value.intent === "markReviewed") await markReviewed(v.survey.slug, v.version.version, lang);
    else if (value.intent === "confirmStale") await confirmTranslations(v.survey.slug, v.version.version, lang, value.place);
    else {
      if (lang === v.survey.defaultLanguage) return { formId, result: submission.reply({ formErrors: [t("sheet.notSource")] }) };
      const read = await readTranslationSheet(v, lang, await value.file.arrayBuffer());
      if (!read.ok) {
        // i18n-uses: surveys:sheet.problems.*
        const problems = read.errors.map((p) => t(`sheet.problems.${p.code}`, { row: p.row, ...p.params }));
        return { formId, result: submission.reply({ formErrors: [t("sheet.refused"), ...problems] }) };
      }
      const changed = await importTranslationTexts(v.survey.slug, v.version.version, lang, read.texts);
      // said on the page even when nothing changed: an import never passes silently
      return redirect(`${new URL(request.url).pathname}?imported=${lang}&changed=${changed}#sheet`);
    }
  } catch (e) {
    return { formId, result: submission.reply({ formErrors: refusal(e, t) }) };
  }
  return redirect(new URL(request.url).pathname + "#translations");
}

export default function VersionPage() {
  const data = useLoaderData<typeof loader>();
  const { t, i18n } = useTranslation("surveys");
  const date = (iso: string) => new Date(iso).toLocaleDateString(i18n.language === "en" ? "en-GB" : "sv-SE");
  const base = `/admin/surveys/${data.slug}/${data.version.version}`;
  const n = data.version.version;
  // a translator's sheet is for a language other than the source
  const targetLanguages = data.translations.map((tr) => tr.lang).filter((l) => l !== data.defaultLanguage);
  return (
    <>
      <p>
        <Link to="/admin/surveys">{t("title")}</Link>
      </p>
      <h1>
        {data.title[i18n.language] || data.title[data.defaultLanguage]} — {t("versionN", { version: n })}
        {data.version.label ? ` (${data.version.label})` : ""}
      </h1>
      <p>
        <span className={`badge ${data.status}`}>{t(`statuses.${data.status}`)}</span>
        {data.publishedAt ? ` ${t("published", { date: date(data.publishedAt) })}` : ""} · {t("responses")}:{" "}
        <span title={t("responsesReleased", { count: data.minGroupSize })}>{formatCount(data.responses, i18n.language)}</span>
      </p>
      {data.mayChange ? null : <p className="hint">{t("view.sharedReadOnly")}</p>}
      <div className="toolbar">
        {data.status === "draft" && data.mayChange ? (
          <>
            <Link to={`${base}/edit`}>{t("view.edit")}</Link>
            <Link to={`${base}/publish`}>{t("view.publish")}</Link>
          </>
        ) : data.status !== "draft" ? (
          <span className="muted">{t("view.immutable")}</span>
        ) : null}
        <Link to={`${base}/recordings`}>{t("view.recordings")}</Link>
        <a href={`/admin/surveys/${data.slug}/download?version=${n}`} download>
          {t("view.download")}
        </a>
        {n > 1 ? (
          <Link to={`/admin/surveys/${data.slug}/compare?from=${n - 1}&to=${n}`}>
            {t("view.compareWith", { version: n - 1 })}
          </Link>
        ) : null}
      </div>

      <h2 id="translations">{t("translations.title")}</h2>
      <p className="muted">{t("translations.fallback")}</p>
      <LanguageReadinessTable
        rows={data.translations}
        recordings={data.recordings}
        recordingsHref={(l) => `${base}/recordings?as=${l}`}
        actions={(tr) =>
          data.mayChange ? (
          <>
            {tr.stale.length ? (
              <IntentForm id={`confirm-${tr.lang}`} schema={ConfirmStaleSchema} className="inline-form">
                <input type="hidden" name="intent" value="confirmStale" />
                <input type="hidden" name="lang" value={tr.lang} />
                {tr.stale.map((p) => (
                  <input key={p} type="hidden" name="place" value={p} />
                ))}
                <button type="submit" className="small secondary">
                  {t("readiness.confirmStale", { count: tr.stale.length })}
                </button>
              </IntentForm>
            ) : null}
            {tr.offered && !tr.reviewed ? (
              <IntentForm id={`review-${tr.lang}`} schema={MarkReviewedSchema} className="inline-form">
                <input type="hidden" name="intent" value="markReviewed" />
                <input type="hidden" name="lang" value={tr.lang} />
                <button type="submit" className="small secondary">
                  {t("translations.markReviewed")}
                </button>
              </IntentForm>
            ) : null}
          </>
          ) : null
        }
      />

      <h2 id="sheet">{t("sheet.title")}</h2>
      <p>{t("sheet.intro")}</p>
      {data.imported ? (
        <p className="notice" role="status">
          {data.imported.changed
            ? t("sheet.imported", { lang: languageName(data.imported.imported), count: data.imported.changed })
            : t("sheet.importedNone", { lang: languageName(data.imported.imported) })}
        </p>
      ) : null}
      {/* a plain GET: the answer is a file download, not a page */}
      <form method="get" className="toolbar" action={`${base}/sheet`}>
        <label htmlFor="sheet-lang">{t("sheet.language")}</label>
        <LanguageSelect id="sheet-lang" name="as" languages={targetLanguages} />
        <button type="submit" className="secondary">
          {t("sheet.export")}
        </button>
      </form>
      {data.mayChange ? (
      <IntentForm id="sheet" schema={ImportSheetSchema} encType="multipart/form-data" className="stack">
        <input type="hidden" name="intent" value="importSheet" />
        <label htmlFor="sheet-import-lang">{t("sheet.language")}</label>
        <LanguageSelect id="sheet-import-lang" name="lang" languages={targetLanguages} />
        <label htmlFor="sheet-file">{t("sheet.file")}</label>
        <input id="sheet-file" type="file" name="file" accept=".xlsx" />
        <button type="submit">{t("sheet.import")}</button>
      </IntentForm>
      ) : null}

      <h2>{t("preview.title")}</h2>
      <p>
        <a href={`/preview/${data.slug}/${n}?as=${data.preview.lang}&wave=${data.preview.wave ?? "closure"}`}>{t("preview.asClient")}</a>
      </p>
      <QueryForm id="preview" schema={PreviewQuerySchema} className="toolbar">
        <label htmlFor="preview-lang">{t("preview.language")}</label>
        <LanguageSelect id="preview-lang" name="preview" languages={data.translations.map((tr) => tr.lang)} defaultValue={data.preview.lang} />
        <label htmlFor="preview-wave">{t("preview.wave")}</label>
        <select id="preview-wave" name="wave" defaultValue={data.preview.wave ?? ""}>
          <option value="">{t("preview.allWaves")}</option>
          {["closure", "followup"].map((w) => (
            <option key={w} value={w}>
              {t(`waves.${w}`)}
            </option>
          ))}
        </select>
        <button type="submit" className="secondary">
          {t("preview.show")}
        </button>
      </QueryForm>
      <SurveyPreview
        key={`${data.preview.lang}-${data.preview.wave}`}
        title={data.title}
        questions={data.preview.questions}
        lang={data.preview.lang}
        defaultLanguage={data.defaultLanguage}
        dir={data.preview.dir}
      />
    </>
  );
}
