import type { ActionFunctionArgs, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { useLoaderData, useActionData, useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { hashCode, normalizeCode } from "~/codes/code";
import { codeOf, lookupCode, type CodeState } from "~/codes/lookup.server";
import { env } from "~/env.server";
import { isRespondentLanguage } from "~/i18n/languages";
import { parseAnswers } from "~/respondent/answers";
import { parseFormBody } from "~/respondent/form-body";
import { respondentLanguage } from "~/respondent/language.server";
import { codeGuessLimiter, formPage, showQuestions, statusPage, versionFor } from "~/respondent/page.server";
import { Questionnaire } from "~/respondent/questionnaire";
import { RespondentShell, StatusMessage } from "~/respondent/shell";
import { submitResponse } from "~/respondent/submit.server";
import type { Wave } from "~/survey/definition";
import { clientAddress } from "~/utils/client-address.server";
import type { RouteHandle } from "~/root";

export const handle: RouteHandle = { hydrate: false };

export const meta: MetaFunction<typeof loader> = ({ data }) => [
  { title: data?.pageTitle ?? "Enkät" },
  { name: "robots", content: "noindex" },
];

/** Looks the code up, counting unknown codes against the caller's address. */
async function resolveCode(params: { code?: string }, context: unknown): Promise<CodeState | "throttled"> {
  const address = `code:${clientAddress(context)}`;
  if (codeGuessLimiter.retryAfter(address) > 0) return "throttled";
  const state = await lookupCode(params.code ?? "");
  if (state.status === "unknown") codeGuessLimiter.fail(address);
  return state;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const state = await resolveCode(params, context);
  if (state === "throttled") return statusPage("throttled", respondentLanguage(request));
  const lang = respondentLanguage(request, { codeLang: codeOf(state)?.lang });
  if (state.status !== "valid") return statusPage(state.status, lang, codeOf(state));
  const version = await versionFor(state.code);
  return formPage(lang, showQuestions(version, state.code.wave as Wave, lang));
}

export async function action({ request, params, context }: ActionFunctionArgs) {
  const state = await resolveCode(params, context);
  if (state === "throttled") return statusPage("throttled", respondentLanguage(request));
  const codeLang = codeOf(state)?.lang;
  if (state.status !== "valid") return statusPage(state.status, respondentLanguage(request, { codeLang }), codeOf(state));
  const version = await versionFor(state.code);
  const wave = state.code.wave as Wave;

  const contentType = request.headers.get("Content-Type") ?? "";
  const body = contentType.startsWith("application/x-www-form-urlencoded")
    ? parseFormBody(await request.text())
    : ({ ok: false, reason: "malformed" } as const);
  if (!body.ok) {
    const lang = respondentLanguage(request, { codeLang });
    return formPage(lang, showQuestions(version, wave, lang), {}, [{ field: "", code: body.reason }], 400);
  }
  const field = (name: string) => body.pairs.find(([k]) => k === name)?.[1];
  const switching = field("intent") === "switchLang" && isRespondentLanguage(field("switchLang"));
  const lang = respondentLanguage(request, { chosen: switching ? field("switchLang") : field("lang"), codeLang });
  const parsed = parseAnswers(body.pairs, version.questions, wave);
  const questions = showQuestions(version, wave, lang);

  // Changing language mid-questionnaire keeps the answers and does not use the code.
  if (switching) return formPage(lang, questions, parsed.values, parsed.errors);
  if (parsed.errors.length) return formPage(lang, questions, parsed.values, parsed.errors, 400);

  const hash = hashCode(normalizeCode(params.code ?? "")!, env().tokenSecret);
  const result = await submitResponse(hash, parsed.answers, lang);
  if (result.status !== "saved") return statusPage(result.status, lang, state.code);
  return redirect(`/s/thanks?lang=${lang}`, 303);
}

export default function RespondentQuestionnaire() {
  const loaded = useLoaderData<typeof loader>();
  const submitted = useActionData<typeof action>();
  const page = submitted ?? loaded;
  const { t } = useTranslation("respondent");
  const location = useLocation();
  const lang = page.i18n.lang;
  return (
    <RespondentShell lang={lang} languageHref={(l) => `${location.pathname}?lang=${l}`}>
      {page.kind === "status" ? (
        <StatusMessage title={page.title} text={page.text} />
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
