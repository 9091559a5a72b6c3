import { parseWithZod } from "@conform-to/zod";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { IntentForm, type FormReply } from "~/components/intent-form";
import { WhatChanged } from "~/components/version-changes";
import { changesSincePublished } from "~/survey/changes.server";
import { requireUser } from "~/auth/session.server";
import { serverT, staffLanguage } from "~/i18n/i18n.server";
import { issueText, refusal, versionToChange } from "~/survey/http.server";
import { LanguageReadinessTable, languageName } from "~/components/language-readiness";
import { clientLanguageReadiness, publishProblems, publishVersion } from "~/survey/store.server";
import { recordingSummaries } from "~/survey/recordings.server";
import "~/styles/surveys.css";

// publishing cannot be undone, so it takes an explicit tick, with or without JavaScript
export const PublishSchema = z.object({
  intent: z.literal("publish"),
  confirm: z.literal("on", { errorMap: () => ({ message: "confirm" }) }),
  /** the languages the manager decided to publish without, comma-separated; absent when none */
  without: z.string().regex(/^[a-z]{2,3}(,[a-z]{2,3})*$/).optional(),
});

export async function loader({ request, params }: LoaderFunctionArgs) {
  const user = await requireUser(request, "manager");
  const v = await versionToChange(user, params);
  if (v.status !== "draft") throw redirect(`/admin/surveys/${v.survey.slug}/${v.version.version}`);
  const t = serverT(staffLanguage(request), "surveys");
  const languages = clientLanguageReadiness(v);
  return {
    slug: v.survey.slug,
    version: v.version.version,
    problems: publishProblems(v).map((i) => issueText(i, t)),
    defaultLanguage: v.survey.defaultLanguage,
    // what changed against the version published before, on the screen where publishing happens
    changes: await changesSincePublished(v.survey.slug, v.version),
    languages,
    recordings: await recordingSummaries(v.surveyId, v.version.questions, languages.map((l) => l.lang)),
  };
}

export async function action({ request, params }: ActionFunctionArgs): Promise<FormReply | Response> {
  const user = await requireUser(request, "manager");
  const t = serverT(staffLanguage(request), "surveys");
  const v = await versionToChange(user, params);
  const formData = await request.formData();
  const submission = parseWithZod(formData, { schema: PublishSchema });
  if (submission.status !== "success") return { formId: "publish", result: submission.reply() };
  try {
    await publishVersion(v.survey.slug, v.version.version, submission.value.without?.split(",") ?? []);
  } catch (e) {
    return { formId: "publish", result: submission.reply({ formErrors: refusal(e, t) }) };
  }
  return redirect(`/admin/surveys?published=${v.version.version}`);
}

export default function PublishVersion() {
  const { slug, version, problems, changes, defaultLanguage, languages, recordings } = useLoaderData<typeof loader>();
  const notReady = languages.filter((l) => !l.offered).map((l) => l.lang);
  const { t } = useTranslation("surveys");
  const base = `/admin/surveys/${slug}/${version}`;
  return (
    <>
      <h1>{t("publish.title", { version })}</h1>
      <WhatChanged slug={slug} changes={changes} defaultLanguage={defaultLanguage} />
      {problems.length ? (
        <div className="notice">
          <p>{t("publish.cannot")}</p>
          <ul>
            {problems.map((p) => (
              <li key={p}>{p}</li>
            ))}
          </ul>
          <p>
            <Link to={`${base}/edit`}>{t("view.edit")}</Link>
          </p>
        </div>
      ) : (
        <>
          <p className="notice" id="publish-warning">
            <strong>{t("publish.warning")}</strong>
          </p>
          <IntentForm id="publish" schema={PublishSchema} className="stack">
            <input type="hidden" name="intent" value="publish" />
            {notReady.length ? (
              <fieldset>
                <legend>{t("readiness.decide", { count: notReady.length })}</legend>
                <label className="checks">
                  <input type="checkbox" name="without" value={notReady.join(",")} />{" "}
                  {t("readiness.publishWithout", { languages: notReady.map(languageName).join(", ") })}
                </label>
                <p>
                  <Link to={`${base}/edit`}>{t("readiness.addTexts")}</Link>
                </p>
              </fieldset>
            ) : null}
            <label className="checks">
              <input type="checkbox" name="confirm" aria-describedby="publish-warning" /> {t("publish.confirm")}
            </label>
            <button type="submit">{t("publish.submit", { version })}</button>
          </IntentForm>
          <h2>{t("readiness.title")}</h2>
          <p>{t("readiness.intro")}</p>
          <LanguageReadinessTable rows={languages} recordings={recordings} recordingsHref={(l) => `${base}/recordings?as=${l}`} />
        </>
      )}
      <p>
        <Link to={base}>{t("publish.cancel")}</Link>
      </p>
    </>
  );
}
