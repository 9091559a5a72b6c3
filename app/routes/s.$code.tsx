import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useActionData, useLocation } from "@remix-run/react";
import { codeOf, type CodeState } from "~/codes/lookup.server";
import { parseAnswers } from "~/respondent/answers";
import { CLIENT_METHODS } from "~/respondent/methods";
import { parseFormBody } from "~/respondent/form-body";
import { respondentLanguage } from "~/respondent/language.server";
import {
  answerInLanguage,
  formPage,
  languageChosenByAction,
  lookupCodeThrottled,
  refuseOtherMethods,
  showQuestions,
  simplePage,
  statusPage,
  switchTarget,
  versionFor,
  withRecordings,
} from "~/respondent/page.server";
import { Questionnaire, QuestionnaireIntro } from "~/respondent/questionnaire";
import { CodeBox } from "~/respondent/code-box";
import { RespondentShell, StatusMessage, RespondentErrorPage, respondentHandle, respondentHeaders, respondentTitle } from "~/respondent/shell";
import { firstPostOf } from "~/respondent/replay.server";
import { submitResponse } from "~/respondent/submit.server";
import type { Wave } from "~/survey/definition";
import { clientAddress } from "~/utils/client-address.server";

export const handle = respondentHandle;
export const headers = respondentHeaders;
export const ErrorBoundary = RespondentErrorPage;

export const meta: MetaFunction<typeof loader> = (args) => [
  respondentTitle(args),
  { name: "robots", content: "noindex" },
];

async function resolveCode(params: { code?: string }, context: unknown): Promise<CodeState | "throttled"> {
  return lookupCodeThrottled(params.code ?? "", clientAddress(context));
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  // after an action: its data is the page; the loader only supplies the page's language
  const afterAction = languageChosenByAction(context);
  if (afterAction) return { kind: "afterAction" as const, ...simplePage(afterAction) };
  const state = await resolveCode(params, context);
  if (state === "throttled") return statusPage("throttled", respondentLanguage(request));
  // the code's own language only where the code may show anything: an unusable page is the same for all
  const lang = respondentLanguage(request, { codeLang: codeOf(state)?.lang });
  if (state.status !== "valid") return statusPage(state.status, lang, codeOf(state));
  const version = await versionFor(state.code);
  return formPage(await withRecordings(showQuestions(version, state.code.wave as Wave, lang, state.code.lang), version));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // only a form post answers; PUT, PATCH, DELETE never touch a code
  refuseOtherMethods(request, context, CLIENT_METHODS.withForm);
  const contentType = request.headers.get("Content-Type") ?? "";
  const body = contentType.startsWith("application/x-www-form-urlencoded")
    ? parseFormBody(await request.text())
    : ({ ok: false, reason: "malformed" } as const);
  const field = (name: string) => (body.ok ? body.pairs.find(([k]) => k === name)?.[1] : undefined);
  const switchTo = switchTarget(field);
  const chosen = switchTo ?? field("lang");
  // the language asked for, before anything can fail: the error page draws from it (the code's own
  // language is added once the code is read)
  answerInLanguage(context, respondentLanguage(request, { chosen }));

  const state = await resolveCode(params, context);
  if (state === "throttled")
    return statusPage("throttled", answerInLanguage(context, respondentLanguage(request, { chosen })));
  const codeLang = codeOf(state)?.lang;
  const lang = answerInLanguage(context, respondentLanguage(request, { chosen, codeLang }));
  if (state.status !== "valid") return statusPage(state.status, lang, codeOf(state));
  const version = await versionFor(state.code);
  const wave = state.code.wave as Wave;
  const shown = await withRecordings(showQuestions(version, wave, lang, state.code.lang), version);
  answerInLanguage(context, shown.lang);
  if (!body.ok) return formPage(shown, {}, [{ field: "", code: body.reason }], 400);

  const parsed = parseAnswers(body.pairs, version.questions, wave);
  // Changing language mid-questionnaire keeps the answers and does not use the code; a repeat of
  // the same post (Back after quick exit) shows an empty form instead.
  if (switchTo) return firstPostOf(field("view")) ? formPage(shown, parsed.values, parsed.errors) : formPage(shown);
  if (parsed.errors.length) return firstPostOf(field("view")) ? formPage(shown, parsed.values, parsed.errors, 400) : formPage(shown, {}, [], 400);

  const result = await submitResponse(state.code, parsed.answers, shown.lang);
  if (result.status === "unusable")
    return statusPage("unusable", answerInLanguage(context, respondentLanguage(request, { chosen })));
  if (result.status !== "saved") return statusPage(result.status, shown.lang, state.code);
  return redirect(`/s/thanks?lang=${shown.lang}`, 303);
}

export default function RespondentQuestionnaire() {
  const loaded = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const page = submitted ?? loaded;
  if (page.kind === "afterAction") throw new Error("an action ran but returned no page");
  const location = useLocation();
  const lang = page.i18n.lang;
  return (
    // the unusable page links and posts to /s, never to its own URL: nothing on it names the code
    <RespondentShell
      lang={lang}
      languageHref={(l) => (page.kind === "status" && page.codeBox ? `/s?lang=${l}` : `${location.pathname}?lang=${l}`)}
      offered={page.kind === "form" ? page.offered : undefined}
      languageForm={page.kind === "form" ? "answers" : undefined}
    >
      {page.kind === "status" ? (
        <>
          <StatusMessage title={page.title} text={page.text} />
          {page.codeBox ? <CodeBox lang={lang} /> : null}
        </>
      ) : (
        <>
          <QuestionnaireIntro />
          <Questionnaire lang={lang} offered={page.offered} view={page.view} questions={page.questions} values={page.values} errors={page.errors} />
        </>
      )}
    </RespondentShell>
  );
}
