import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useActionData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { codeOf, type CodeState } from "~/codes/lookup.server";
import { isRespondentLanguage } from "~/i18n/languages";
import { parseAnswers } from "~/respondent/answers";
import { parseFormBody } from "~/respondent/form-body";
import { respondentLanguage } from "~/respondent/language.server";
import {
  answerInLanguage,
  formPage,
  languageChosenByAction,
  lookupCodeThrottled,
  showQuestions,
  simplePage,
  statusPage,
  versionFor,
} from "~/respondent/page.server";
import { Questionnaire } from "~/respondent/questionnaire";
import { CodeBox } from "~/respondent/code-box";
import { RespondentShell, StatusMessage, respondentHandle } from "~/respondent/shell";
import { submitResponse } from "~/respondent/submit.server";
import type { Wave } from "~/survey/definition";
import { clientAddress } from "~/utils/client-address.server";

export const handle = respondentHandle;

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? "Enkät" },
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
  return formPage(lang, showQuestions(version, state.code.wave as Wave, lang));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  // only a form post answers; PUT, PATCH, DELETE never touch a code
  if (request.method !== "POST") throw new Response("Method Not Allowed", { status: 405, headers: { Allow: "GET, POST" } });
  const contentType = request.headers.get("Content-Type") ?? "";
  const body = contentType.startsWith("application/x-www-form-urlencoded")
    ? parseFormBody(await request.text())
    : ({ ok: false, reason: "malformed" } as const);
  const field = (name: string) => (body.ok ? body.pairs.find(([k]) => k === name)?.[1] : undefined);
  const switching = field("intent") === "switchLang" && isRespondentLanguage(field("switchLang"));
  const chosen = switching ? field("switchLang") : field("lang");

  const state = await resolveCode(params, context);
  if (state === "throttled")
    return statusPage("throttled", answerInLanguage(context, respondentLanguage(request, { chosen })));
  const codeLang = codeOf(state)?.lang;
  const lang = answerInLanguage(context, respondentLanguage(request, { chosen, codeLang }));
  if (state.status !== "valid") return statusPage(state.status, lang, codeOf(state));
  const version = await versionFor(state.code);
  const wave = state.code.wave as Wave;
  const questions = showQuestions(version, wave, lang);
  if (!body.ok) return formPage(lang, questions, {}, [{ field: "", code: body.reason }], 400);

  const parsed = parseAnswers(body.pairs, version.questions, wave);
  // Changing language mid-questionnaire keeps the answers and does not use the code.
  if (switching) return formPage(lang, questions, parsed.values, parsed.errors);
  if (parsed.errors.length) return formPage(lang, questions, parsed.values, parsed.errors, 400);

  const result = await submitResponse(state.code, parsed.answers, lang);
  if (result.status === "unusable")
    return statusPage("unusable", answerInLanguage(context, respondentLanguage(request, { chosen })));
  if (result.status !== "saved") return statusPage(result.status, lang, state.code);
  return redirect(`/s/thanks?lang=${lang}`, 303);
}

export default function RespondentQuestionnaire() {
  const loaded = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const page = submitted ?? loaded;
  if (page.kind === "afterAction") throw new Error("an action ran but returned no page");
  const { t } = useTranslation("respondent");
  const location = useLocation();
  const lang = page.i18n.lang;
  return (
    // the unusable page links and posts to /s, never to its own URL: nothing on it names the code
    <RespondentShell lang={lang} languageHref={(l) => (page.kind === "status" && page.codeBox ? `/s?lang=${l}` : `${location.pathname}?lang=${l}`)}>
      {page.kind === "status" ? (
        <>
          <StatusMessage title={page.title} text={page.text} />
          {page.codeBox ? <CodeBox lang={lang} /> : null}
        </>
      ) : (
        <>
          <h1>{t("intro.heading")}</h1>
          <div className="intro">
            <p>{t("intro.kept")}</p>
            <p>{t("intro.voluntary")}</p>
            <p>{t("intro.time")}</p>
          </div>
          <Questionnaire lang={lang} questions={page.questions} values={page.values} errors={page.errors} />
        </>
      )}
    </RespondentShell>
  );
}
