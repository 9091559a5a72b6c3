import { findCodeByHash } from "~/codes/lookup.sql.server";
import { normalizeCode } from "~/codes/code";
import { hashCode } from "~/codes/code.server";
import { codeState } from "~/codes/lookup.server";
import { env } from "~/env.server";
import type { Wave } from "~/survey/definition";
import { pageLanguage } from "~/survey/readiness";
import { parseAnswers } from "./answers";
import { parseFormBody } from "./form-body";
import { respondentLanguage } from "./language.server";
import { switchTarget, versionAsOf } from "./page.server";
import { submitResponse } from "./submit.server";

/** A questionnaire post as the server received it, before Remix. */
export type SubmitRequest = {
  /** the :code of POST /s/:code */
  code: string;
  /** the urlencoded body */
  body: string;
  /** the request URL (its ?lang) */
  url: string;
  cookie?: string;
  acceptLanguage?: string;
};

/**
 * The questionnaire's clean success without Remix (decision 0027): a valid code, a well-formed
 * body, answers the version's cached definition accepts, not a language switch. Stores it with
 * the one submit path (submitResponse) and returns the thanks page's address for a 303. Anything
 * else returns null, and the request goes on to the Remix route unchanged, which answers it as
 * it always did (errors, the 410 page, throttling, not yet valid) in the client's language.
 * On SQLite the code is read on the read connection, on PostgreSQL through the pool.
 */
export async function fastSubmit(request: SubmitRequest, now = new Date()): Promise<string | null> {
  const body = parseFormBody(request.body);
  if (!body.ok) return null;
  const field = (name: string) => body.pairs.find(([k]) => k === name)?.[1];
  if (switchTarget(field)) return null;

  const normalized = normalizeCode(request.code);
  if (!normalized) return null;
  const found = await findCodeByHash(hashCode(normalized, env().tokenSecret));
  const state = codeState(found?.code ?? null, now);
  if (state.status !== "valid" || !found) return null;

  const version = await versionAsOf(state.code.surveyVersionId, found.versionUpdatedAt);
  const wave = state.code.wave as Wave;
  const parsed = parseAnswers(body.pairs, version.questions, wave);
  if (parsed.errors.length) return null;

  // the language the route would show the thanks page in (respondentLanguage, then showQuestions)
  const headers = { cookie: request.cookie ?? null, "accept-language": request.acceptLanguage ?? null };
  const get = (name: string) => headers[name.toLowerCase() as keyof typeof headers];
  const wanted = respondentLanguage({ url: request.url, headers: { get } }, { chosen: field("lang"), codeLang: state.code.lang });
  const lang = pageLanguage(wanted, version.offered, state.code.lang, version.defaultLanguage);

  const result = await submitResponse(state.code, parsed.answers, lang, now);
  return result.status === "saved" ? `/s/thanks?lang=${lang}` : null;
}
