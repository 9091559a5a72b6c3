import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { normalizeCode } from "~/codes/code";
import { isRespondentLanguage } from "~/i18n/languages";
import { respondentLanguage } from "~/respondent/language.server";
import { answerInLanguage, languageChosenByAction, simplePage } from "~/respondent/page.server";
import { RespondentShell, respondentHandle } from "~/respondent/shell";

export const handle = respondentHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [{ title: data?.pageTitle ?? "Enkät" }];

export const CodeEntrySchema = z.object({
  code: z.string().max(64).transform((v, ctx) => normalizeCode(v) ?? (ctx.addIssue({ code: "custom" }), z.NEVER)),
  lang: z.string().optional(),
});

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = languageChosenByAction(context) ?? respondentLanguage(request);
  return { ...simplePage(lang), invalid: false, typed: "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const form = Object.fromEntries(await request.formData());
  const lang = answerInLanguage(context, respondentLanguage(request, { chosen: typeof form.lang === "string" ? form.lang : null }));
  const parsed = CodeEntrySchema.safeParse(form);
  if (!parsed.success) {
    const typed = typeof form.code === "string" ? form.code.slice(0, 64) : "";
    return data({ ...simplePage(lang), invalid: true, typed }, { status: 400 });
  }
  const chosen = isRespondentLanguage(parsed.data.lang) ? `?lang=${parsed.data.lang}` : "";
  return redirect(`/s/${parsed.data.code}${chosen}`, 303);
}

export default function CodeEntry() {
  const submitted = useActionData<typeof action>();
  const loaded = useLoaderData<typeof loader>();
  const page = submitted ?? loaded;
  const { t } = useTranslation("respondent");
  const lang = page.i18n.lang;
  return (
    <RespondentShell lang={lang} languageHref={(l) => `/s?lang=${l}`}>
      <h1>{t("entry.heading")}</h1>
      <div className="intro">
        <p>{t("intro.kept")}</p>
        <p>{t("intro.voluntary")}</p>
      </div>
      <form method="post" noValidate>
        <input type="hidden" name="lang" value={lang} />
        <p>
          <label htmlFor="code">
            <strong>{t("entry.label")}</strong>
          </label>
        </p>
        <p className="hint" id="code-hint">
          {t("entry.hint")}
        </p>
        {page.invalid ? (
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
            defaultValue={page.typed}
            autoComplete="off"
            autoCapitalize="characters"
            spellCheck={false}
            aria-invalid={page.invalid ? true : undefined}
            aria-describedby={page.invalid ? "code-hint code-err" : "code-hint"}
          />
        </p>
        <button type="submit">{t("entry.submit")}</button>
      </form>
    </RespondentShell>
  );
}
