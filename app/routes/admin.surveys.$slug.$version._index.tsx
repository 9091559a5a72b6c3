import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentForm, QueryForm, type FormReply } from "~/components/intent-form";
import { SurveyPreview } from "~/components/survey-preview";
import { requireUser } from "~/auth/session.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { RESPONDENT_LANGUAGES, textDirection } from "~/i18n/languages";
import { languagesOf, questionsForWave, WAVES } from "~/survey/definition";
import { refusal, versionFromParams } from "~/survey/http.server";
import { markReviewed } from "~/survey/store.server";
import { describePlace, translationCoverage } from "~/survey/translation";
import "~/styles/surveys.css";

const LANG = /^[a-z]{2,3}$/;
export const MarkReviewedSchema = z.object({
  intent: z.literal("markReviewed"),
  lang: z.string({ required_error: "language" }).regex(LANG, "language"),
});
// `preview`, not `lang`: ?lang chooses the staff member's own UI language
export const PreviewQuerySchema = z.object({
  preview: z.string({ required_error: "language" }).regex(LANG, "language"),
  wave: z.enum(WAVES).optional(),
});

/** Respondent languages first (in their order), then any other language the version has texts in. */
export function languagesToShow(found: string[]): string[] {
  const known: string[] = RESPONDENT_LANGUAGES.map((l) => l.code);
  return [...known, ...found.filter((l) => !known.includes(l)).sort()];
}

export async function loader({ request, params }: LoaderFunctionArgs) {
  await requireUser(request, "manager");
  const v = await versionFromParams(params);
  // an empty field ("all waves") means absent, as Conform reads it
  const entries = [...new URL(request.url).searchParams].filter(([, value]) => value !== "");
  const parsed = PreviewQuerySchema.partial().safeParse(Object.fromEntries(entries));
  const query = parsed.success ? parsed.data : {};
  const lang = query.preview ?? v.survey.defaultLanguage;
  const own = languagesOf(v.version.questions);
  const translations = languagesToShow([...own, ...Object.keys(v.reviews)]).map((l) => {
    const coverage = translationCoverage(v.version.questions, l);
    return {
      lang: l,
      present: own.includes(l),
      total: coverage.total,
      missing: coverage.missing.map(describePlace),
      review: v.reviews[l] ?? null,
    };
  });
  return {
    slug: v.survey.slug,
    title: v.survey.title,
    defaultLanguage: v.survey.defaultLanguage,
    version: v.version,
    status: v.status,
    publishedAt: v.publishedAt,
    responses: v.responses,
    translations,
    preview: {
      lang,
      dir: textDirection(lang),
      wave: query.wave ?? null,
      questions: query.wave ? questionsForWave(v.version, query.wave) : v.version.questions,
    },
  };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<FormReply | Response> {
  await requireUser(request, "manager");
  const t = serverT(staffLanguage(request), "surveys");
  const v = await versionFromParams(params);
  const formData = await request.formData();
  const formId = String(formData.get("formId") ?? "");
  const submission = parseWithZod(formData, { schema: MarkReviewedSchema });
  if (submission.status !== "success") return { formId, result: submission.reply() };
  try {
    await markReviewed(v.survey.slug, v.version.version, submission.value.lang);
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
  const name = (code: string) => RESPONDENT_LANGUAGES.find((l) => l.code === code)?.name ?? code;
  const n = data.version.version;
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
        {data.responses}
      </p>
      <div className="toolbar">
        {data.status === "draft" ? (
          <>
            <Link to={`${base}/edit`}>{t("view.edit")}</Link>
            <Link to={`${base}/publish`}>{t("view.publish")}</Link>
          </>
        ) : (
          <span className="muted">{t("view.immutable")}</span>
        )}
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
      <table>
        <thead>
          <tr>
            <th scope="col">{t("translations.language")}</th>
            <th scope="col">{t("translations.coverage")}</th>
            <th scope="col">{t("translations.review")}</th>
          </tr>
        </thead>
        <tbody>
          {data.translations.map((tr) => (
            <tr key={tr.lang} data-lang={tr.lang}>
              <th scope="row">
                <span lang={tr.lang}>{name(tr.lang)}</span> <span className="muted">({tr.lang})</span>
              </th>
              <td>
                {tr.missing.length === 0 ? (
                  t("translations.complete")
                ) : (
                  <details>
                    <summary>{t("translations.missing", { count: tr.missing.length })}</summary>
                    <ul>
                      {tr.missing.map((m) => (
                        <li key={m}>
                          <code>{m}</code>
                        </li>
                      ))}
                    </ul>
                  </details>
                )}
              </td>
              <td>
                {tr.lang === data.defaultLanguage ? (
                  t("translations.source")
                ) : tr.review?.status === "reviewed" ? (
                  t("translations.reviewed", { date: tr.review.reviewedAt ? date(tr.review.reviewedAt) : "" })
                ) : tr.present || tr.review ? (
                  <>
                    {t("translations.draft")}
                    {tr.missing.length === 0 ? (
                      <IntentForm id={`review-${tr.lang}`} schema={MarkReviewedSchema} className="inline-form">
                        <input type="hidden" name="intent" value="markReviewed" />
                        <input type="hidden" name="lang" value={tr.lang} />{" "}
                        <button type="submit" className="small secondary">
                          {t("translations.markReviewed")}
                        </button>
                      </IntentForm>
                    ) : null}
                  </>
                ) : (
                  t("translations.none")
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <h2>{t("preview.title")}</h2>
      <QueryForm id="preview" schema={PreviewQuerySchema} className="toolbar">
        <label htmlFor="preview-lang">{t("preview.language")}</label>
        <select id="preview-lang" name="preview" defaultValue={data.preview.lang}>
          {data.translations.map((tr) => (
            <option key={tr.lang} value={tr.lang}>
              {name(tr.lang)} ({tr.lang})
            </option>
          ))}
        </select>
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
