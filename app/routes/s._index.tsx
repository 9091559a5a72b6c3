import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { z } from "zod";
import { normalizeCode } from "~/codes/code";
import { typedCodeOutcome } from "~/respondent/code-entry.server";
import { respondentLanguage } from "~/respondent/language.server";
import { CLIENT_METHODS } from "~/respondent/methods";
import { answerInLanguage, languageChosenByAction, refuseOtherMethods, simplePage } from "~/respondent/page.server";
import { CodeBox } from "~/respondent/code-box";
import { RespondentShell, RespondentErrorPage, respondentHandle, respondentHeaders, respondentTitle } from "~/respondent/shell";

export const handle = respondentHandle;
export const headers = respondentHeaders;
export const ErrorBoundary = RespondentErrorPage;

export const meta: MetaFunction<typeof loader> = (args) => [respondentTitle(args)];

export const CodeEntrySchema = z.object({
  code: z.string().max(64).transform((v, ctx) => normalizeCode(v) ?? (ctx.addIssue({ code: "custom" }), z.NEVER)),
  lang: z.string().optional(),
});

/** Why the box is shown again: a code of the wrong shape, one that cannot be used, too many tries. */
type Refusal = "invalid" | "notAccepted" | "throttled" | null;
const REFUSAL_STATUS = { invalid: 400, notAccepted: 410, throttled: 429 } as const;
// i18n-uses: respondent:entry.invalid respondent:entry.notAccepted respondent:status.throttledText
const REFUSAL_TEXT = { invalid: "entry.invalid", notAccepted: "entry.notAccepted", throttled: "status.throttledText" } as const;

export async function loader({ request, context }: LoaderFunctionArgs) {
  const lang = languageChosenByAction(context) ?? respondentLanguage(request);
  return { ...simplePage(lang), refusal: null as Refusal, typed: "" };
}

export async function action({ request, context }: ActionFunctionArgs) {
  refuseOtherMethods(request, context, CLIENT_METHODS.withForm);
  const form = Object.fromEntries(await request.formData());
  const lang = answerInLanguage(context, respondentLanguage(request, { chosen: typeof form.lang === "string" ? form.lang : null }));
  const typed = typeof form.code === "string" ? form.code.slice(0, 64) : "";
  const refuse = (refusal: Exclude<Refusal, null>) =>
    data({ ...simplePage(lang), refusal: refusal as Refusal, typed }, { status: REFUSAL_STATUS[refusal] });
  const parsed = CodeEntrySchema.safeParse(form);
  if (!parsed.success) return refuse("invalid");
  const outcome = await typedCodeOutcome(parsed.data.code, context);
  if (outcome !== "open") return refuse(outcome);
  // no ?lang: the questionnaire opens in the code's language, as from the QR code
  return redirect(`/s/${parsed.data.code}`, 303);
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
      {page.refusal ? null : (
        <div className="intro">
          <p>{t("intro.kept")}</p>
          <p>{t("intro.voluntary")}</p>
        </div>
      )}
      <CodeBox
        lang={lang}
        typed={page.typed}
        error={
          page.refusal ? (
            <>
              <p>{t(REFUSAL_TEXT[page.refusal])}</p>
              {page.typed ? (
                <p>
                  {t("entry.youTyped")} <bdi className="ltr">{page.typed}</bdi>
                </p>
              ) : null}
            </>
          ) : null
        }
      />
    </RespondentShell>
  );
}
